// `npm run migrate [-- latest|rollback|status]` against DATABASE_URL (or the embedded database).
import { loadConfig } from '../config';
import { openDatabase } from '../platform/database-connection';
import { createLogger } from '../platform/logger';
import { migrationConfig } from '../platform/migrations';

async function main() {
  const command = process.argv[2] ?? 'latest';
  if (!['latest', 'rollback', 'status'].includes(command)) {
    process.stderr.write('usage: migrate [latest|rollback|status]\n');
    process.exit(2);
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const { db, close } = await openDatabase(config, logger);
  try {
    if (command === 'latest') {
      const [, applied] = await db.migrate.latest(migrationConfig());
      process.stdout.write(applied.length ? `Applied:\n  ${applied.join('\n  ')}\n` : 'Already up to date.\n');
    } else if (command === 'rollback') {
      const [, undone] = await db.migrate.rollback(migrationConfig());
      process.stdout.write(undone.length ? `Rolled back:\n  ${undone.join('\n  ')}\n` : 'Nothing to roll back.\n');
    } else {
      const [done, pending] = await db.migrate.list(migrationConfig());
      process.stdout.write(`Applied: ${done.length}\nPending: ${pending.length}\n`);
    }
  } finally {
    await close();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
