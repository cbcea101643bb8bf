// `npm run migrate [-- latest|rollback|status]` as the owner role: MIGRATION_DATABASE_URL (else
// DATABASE_URL), or the embedded database's superuser. `latest` runs as a start does (under the
// start-up lock) and grants the runtime role (DATABASE_URL's, or the embedded policydesk_app) what it needs.
import { loadConfig } from '../config';
import { createDb } from '../db';
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
  const database = await openDatabase(config, logger);
  try {
    if (command === 'latest') {
      const applied = await database.prepare();
      process.stdout.write(applied.length ? `Applied:\n  ${applied.join('\n  ')}\n` : 'Already up to date.\n');
      return;
    }
    const owner = createDb({ url: database.ownerUrl, poolMax: 1, statementTimeoutMs: 0, logger });
    try {
      if (command === 'rollback') {
        const [, undone] = await owner.migrate.rollback(migrationConfig());
        process.stdout.write(undone.length ? `Rolled back:\n  ${undone.join('\n  ')}\n` : 'Nothing to roll back.\n');
      } else {
        const [done, pending] = await owner.migrate.list(migrationConfig());
        process.stdout.write(`Applied: ${done.length}\nPending: ${pending.length}\n`);
      }
    } finally {
      await owner.destroy();
    }
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
