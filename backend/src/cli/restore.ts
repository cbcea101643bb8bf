// `npm run restore -- --to "2026-12-05T10:15:00Z" [--into <folder>] [--dir <backups>]`
// Point-in-time restore of the embedded PostgreSQL's backups (npm run backup): the newest base
// backup finished before the instant, plus the archived WAL replayed up to it, into a NEW data
// folder (default DATA_DIR-restore-<instant>/postgres; the original is never touched). Recovery
// runs to the end here; then start Policydesk on it with DATA_DIR=<folder> after copying
// secrets.json (the keys are not in the backup).
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../config';
import { archiveCurrentWal, listBackups, restoreToInstant, RestoreError } from '../platform/backup';
import { freePort } from '../platform/embedded-postgres';
import { runningPort } from '../platform/local-primary';
import { loadLocalSecrets } from '../platform/secrets';

async function main() {
  const { values } = parseArgs({ options: { to: { type: 'string' }, into: { type: 'string' }, dir: { type: 'string' } } });
  const to = values.to ? new Date(values.to) : undefined;
  if (!to || Number.isNaN(to.getTime()) || !/T.*(Z|[+-]\d\d:?\d\d)$/.test(values.to!)) {
    process.stderr.write('usage: npm run restore -- --to "2026-12-05T10:15:00Z" [--into <new data folder>] [--dir <backups folder>]\n  (an ISO instant with its offset or Z)\n');
    process.exit(2);
  }
  const config = loadConfig();
  const backupDir = path.resolve(values.dir ?? process.env.BACKUP_DIR ?? path.join(config.dataDir, 'backups'));
  if (config.databaseUrl && !listBackups(backupDir).some((b) => b.kind === 'base'))
    throw new RestoreError(
      'Point-in-time restore here replays the embedded server’s archive. For a server PostgreSQL: restore its pg_basebackup into a new data directory with restore_command and recovery_target_time on its own WAL archive, or pg_restore a pg_dump backup into a new database.',
    );
  const into = path.resolve(
    values.into ??
      `${config.dataDir}-restore-${to
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d+Z$/, 'Z')}`,
  );
  const targetDir = path.join(into, 'postgres');
  const secrets = loadLocalSecrets(config);
  // The server still running: its current WAL segment goes to the archive first, so the archive reaches now.
  const livePort = config.databaseUrl ? undefined : runningPort(path.join(config.dataDir, 'postgres'));
  if (livePort) await archiveCurrentWal(`postgres://postgres:${encodeURIComponent(secrets.embeddedPostgresPassword)}@127.0.0.1:${livePort}/postgres`);
  const port = await freePort();
  process.stdout.write(`Restoring to ${to.toISOString()} into ${targetDir} …\n`);
  const { server, backup, reachedTarget } = await restoreToInstant({ backupDir, to, targetDir, port });
  try {
    if (!reachedTarget) process.stdout.write(`The archive holds no commit after ${to.toISOString()}: every archived change (all before it) was replayed.\n`);
    const client = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(secrets.embeddedPostgresPassword)}@127.0.0.1:${port}/policydesk` });
    client.on('error', () => undefined);
    await client.connect();
    let summary: string;
    try {
      const { rows } = await client.query<{ customers: number; entries: number }>(
        'SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM journal_entries)::int AS entries',
      );
      summary = `${rows[0]!.customers} customers, ${rows[0]!.entries} journal entries`;
    } catch {
      summary = 'no Policydesk tables in it (the database was not migrated then)';
    }
    await client.query('CHECKPOINT');
    await client.end();
    process.stdout.write(
      [
        `Restored from ${backup.id} (finished ${backup.finishedAt}) with WAL replayed to ${to.toISOString()}: ${summary}.`,
        `Start Policydesk on it: copy ${path.join(config.dataDir, 'secrets.json')} to ${into}/ (the keys are not in the backup), then DATA_DIR=${into} npm start`,
        '',
      ].join('\n'),
    );
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(1);
});
