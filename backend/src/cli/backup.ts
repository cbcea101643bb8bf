// `npm run backup [-- --dir <folder>] [-- --logical]`
// The embedded PostgreSQL (DATABASE_URL unset): turns WAL archiving into BACKUP_DIR/wal on (kept on
// from then: every later instant can be restored) and takes a base backup with the low-level
// backup API into BACKUP_DIR/base/<id>. A server PostgreSQL (DATABASE_URL): pg_basebackup of its
// major version, or pg_dump's custom format with --logical or when the role may not replicate.
// BACKUP_DIR defaults to DATA_DIR/backups. The field-encryption keys are never in a backup.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { backupEmbedded, backupServer } from '../platform/backup';
import { localPrimary } from '../platform/local-primary';
import { createLogger } from '../platform/logger';

async function main() {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, logical: { type: 'boolean' } } });
  const config = loadConfig();
  const backupDir = path.resolve(values.dir ?? process.env.BACKUP_DIR ?? path.join(config.dataDir, 'backups'));
  if (config.databaseUrl) {
    const manifest = await backupServer({ url: config.migrationDatabaseUrl ?? config.databaseUrl, backupDir, logical: !!values.logical });
    process.stdout.write(`${manifest.kind} backup ${manifest.id} written to ${path.join(backupDir, 'base', manifest.id)} (PostgreSQL ${manifest.serverVersion}).\n`);
    return;
  }
  const primary = await localPrimary(config, createLogger('warn'));
  try {
    const manifest = await backupEmbedded({ adminUrl: primary.adminUrl, dataDir: primary.dir, backupDir });
    process.stdout.write(
      [
        `Base backup ${manifest.id} finished at ${manifest.finishedAt} (WAL ${manifest.startLsn} → ${manifest.stopLsn}) in ${path.join(backupDir, 'base', manifest.id)}.`,
        `WAL is archived into ${path.join(backupDir, 'wal')} from now on (a segment at least every minute).`,
        `Restore to an instant after it: npm run restore -- --to "<ISO instant>"`,
        'The field-encryption keys are not in the backup: keep DATA_DIR/secrets.json (or your key store) separately.',
        '',
      ].join('\n'),
    );
  } finally {
    await primary.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
