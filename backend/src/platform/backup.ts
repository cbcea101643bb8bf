// Backups that are restored. On the embedded PostgreSQL: WAL archiving (archive_mode is on from the
// server's start; `npm run backup` points archive_command at BACKUP_DIR/wal) plus a base backup
// taken with the low-level backup API; `npm run restore -- --to <instant>` copies the newest base
// backup finished before that instant into a new directory and replays the archived WAL up to it
// (restore_command, recovery_target_time), then promotes. Against a server given by URL:
// pg_basebackup of that server's major version, or pg_dump's custom format where only a logical
// backup is possible. The field-encryption keys (DATA_DIR/secrets.json or the environment) live
// outside the cluster directory and are never copied: encrypted columns stay encrypted in a backup.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { chownForPostgres, copyRunningCluster, makeServerFolder, runCluster, serverMajorVersion, type RunningCluster } from './postgres-cluster';

export interface BackupManifest {
  id: string;
  kind: 'base' | 'pg_basebackup' | 'pg_dump';
  /** When the backup finished (server time, ISO): a restore to an instant needs a backup finished before it. */
  finishedAt: string;
  startLsn?: string;
  stopLsn?: string;
  serverVersion: number;
  /** The cluster copy (base), the pg_basebackup folder, or the dump file — relative to the backup's folder. */
  path: string;
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const stamp = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'policydesk-backup' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export const walArchiveOf = (backupDir: string) => path.join(backupDir, 'wal');

/** The archive_command that copies each finished WAL segment into `walDir` (never overwriting one). */
export const archiveCommandFor = (walDir: string) => `test ! -f ${shellQuote(walDir)}/%f && cp %p ${shellQuote(walDir)}/%f`;

/**
 * Points the embedded server's WAL archiving at `backupDir/wal` (ALTER SYSTEM, reload) and waits
 * until the server uses it. A segment is closed at least every `archiveTimeoutSeconds`, so a
 * restore can reach any instant older than that.
 */
export async function enableWalArchiving(adminUrl: string, backupDir: string, archiveTimeoutSeconds = 60): Promise<void> {
  const walDir = walArchiveOf(backupDir);
  // PostgreSQL (the system user `postgres` under root) writes the archive: the way there must be open to it.
  fs.mkdirSync(backupDir, { recursive: true });
  if (process.getuid?.() === 0) fs.chmodSync(backupDir, 0o711);
  makeServerFolder(walDir);
  const command = archiveCommandFor(walDir);
  await withClient(adminUrl, async (c) => {
    const { rows } = await c.query<{ mode: string }>("SELECT current_setting('archive_mode') AS mode");
    if (rows[0]!.mode === 'off')
      throw new Error(
        'WAL archiving is off on this server (archive_mode is set when PostgreSQL starts): restart Policydesk, whose embedded PostgreSQL starts with archive_mode=on, then run the backup again.',
      );
    await c.query(`ALTER SYSTEM SET archive_command = ${c.escapeLiteral(command)}`);
    await c.query(`ALTER SYSTEM SET archive_timeout = ${Number(archiveTimeoutSeconds)}`);
    await c.query('SELECT pg_reload_conf()');
    for (let i = 0; i < 100; i++) {
      const now = await c.query<{ command: string }>("SELECT current_setting('archive_command') AS command");
      if (now.rows[0]!.command === command) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('The server did not take the new archive_command');
  });
}

/** A base backup of the embedded server (see the file's header) into `backupDir/base/<id>`. */
export async function backupEmbedded({ adminUrl, dataDir, backupDir }: { adminUrl: string; dataDir: string; backupDir: string }): Promise<BackupManifest> {
  await enableWalArchiving(adminUrl, backupDir);
  const id = `base-${stamp(new Date())}`;
  const folder = path.join(backupDir, 'base', id);
  fs.mkdirSync(folder, { recursive: true });
  const version = await serverMajorVersion(adminUrl);
  // pg_backup_stop(wait_for_archive => true): returns once every WAL segment the backup needs is in the archive.
  const copy = await copyRunningCluster(adminUrl, dataDir, path.join(folder, 'data'), { label: `policydesk ${id}`, waitForArchive: true });
  const manifest: BackupManifest = {
    id,
    kind: 'base',
    finishedAt: copy.finishedAt.toISOString(),
    startLsn: copy.startLsn,
    stopLsn: copy.stopLsn,
    serverVersion: version,
    path: 'data',
  };
  fs.writeFileSync(path.join(folder, 'backup.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The client program `name` of PostgreSQL `major` (Debian's layout), or undefined. */
export function clientProgram(name: string, major: number): string | undefined {
  const candidate = `/usr/lib/postgresql/${major}/bin/${name}`;
  return fs.existsSync(candidate) ? candidate : undefined;
}

export class MissingClientError extends Error {
  constructor(program: string, major: number) {
    super(
      `${program} of PostgreSQL ${major} is needed to back up this server (an older one cannot copy a newer server). ` +
        `On Debian or Ubuntu: sudo apt-get install postgresql-client-${major} (from apt.postgresql.org when your release lacks it).`,
    );
  }
}

/**
 * Backs up the server at `url`: pg_basebackup (tar, WAL streamed in) when the role may replicate,
 * else — or with `logical` — pg_dump's custom format. Either with that server's major version.
 */
export async function backupServer({ url, backupDir, logical = false }: { url: string; backupDir: string; logical?: boolean }): Promise<BackupManifest> {
  const major = await serverMajorVersion(url);
  const canReplicate = await withClient(
    url,
    async (c) => (await c.query<{ ok: boolean }>('SELECT rolreplication OR rolsuper AS ok FROM pg_roles WHERE rolname = current_user')).rows[0]!.ok,
  );
  const id = `${logical || !canReplicate ? 'dump' : 'basebackup'}-${stamp(new Date())}`;
  const folder = path.join(backupDir, 'base', id);
  fs.mkdirSync(folder, { recursive: true });
  if (!logical && canReplicate) {
    const program = clientProgram('pg_basebackup', major);
    if (!program) throw new MissingClientError('pg_basebackup', major);
    await promisify(execFile)(program, ['-d', url, '-D', path.join(folder, 'data'), '-Ft', '-z', '-X', 'stream', '-c', 'fast', '-l', `policydesk ${id}`], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const manifest: BackupManifest = { id, kind: 'pg_basebackup', finishedAt: new Date().toISOString(), serverVersion: major, path: 'data' };
    fs.writeFileSync(path.join(folder, 'backup.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  }
  const program = clientProgram('pg_dump', major);
  if (!program) throw new MissingClientError('pg_dump', major);
  await promisify(execFile)(program, ['-d', url, '-Fc', '-f', path.join(folder, 'database.dump')], { maxBuffer: 16 * 1024 * 1024 });
  const manifest: BackupManifest = { id, kind: 'pg_dump', finishedAt: new Date().toISOString(), serverVersion: major, path: 'database.dump' };
  fs.writeFileSync(path.join(folder, 'backup.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Every backup under `backupDir`, oldest first. */
export function listBackups(backupDir: string): BackupManifest[] {
  const base = path.join(backupDir, 'base');
  if (!fs.existsSync(base)) return [];
  return fs
    .readdirSync(base)
    .map((name) => path.join(base, name, 'backup.json'))
    .filter((file) => fs.existsSync(file))
    .map((file) => JSON.parse(fs.readFileSync(file, 'utf8')) as BackupManifest)
    .sort((a, b) => a.finishedAt.localeCompare(b.finishedAt));
}

export class RestoreError extends Error {}

/**
 * Restores the embedded server's backups to the instant `to` into the new cluster directory
 * `targetDir`: the newest base backup finished before `to`, plus the archived WAL replayed up to
 * `to` (recovery_target_time, inclusive), then promoted. When the archive ends before `to` (no
 * commit after it archived yet) the whole archive is replayed (`reachedTarget` false): archive the
 * current segment first (archiveCurrentWal) when the server still runs. Starts the restored server on `port` and
 * returns it running once it accepts connections (recovery done): stop it when finished.
 */
export async function restoreToInstant({
  backupDir,
  to,
  targetDir,
  port,
}: {
  backupDir: string;
  to: Date;
  targetDir: string;
  port: number;
}): Promise<{ server: RunningCluster; backup: BackupManifest; reachedTarget: boolean }> {
  const base = listBackups(backupDir)
    .filter((b) => b.kind === 'base' && new Date(b.finishedAt) <= to)
    .pop();
  if (!base)
    throw new RestoreError(`No base backup finished before ${to.toISOString()} in ${backupDir} (run npm run backup first; a restore starts from a backup older than its target).`);
  if (fs.existsSync(targetDir) && fs.readdirSync(targetDir).length) throw new RestoreError(`${targetDir} exists and is not empty: a restore goes into a new directory.`);
  fs.mkdirSync(path.dirname(targetDir), { recursive: true });
  const walDir = walArchiveOf(backupDir);
  const attempt = async (withTarget: boolean) => {
    fs.rmSync(targetDir, { recursive: true, force: true });
    fs.cpSync(path.join(backupDir, 'base', base.id, base.path), targetDir, { recursive: true });
    fs.appendFileSync(
      path.join(targetDir, 'postgresql.auto.conf'),
      [
        '',
        `# Point-in-time restore of ${base.id} to ${to.toISOString()} (npm run restore)`,
        `restore_command = 'cp ${walDir.replace(/'/g, "''")}/%f %p'`,
        // PostgreSQL's timestamptz input ('2026-12-05 10:15:00.000+00'), not ISO's T…Z.
        ...(withTarget ? [`recovery_target_time = '${to.toISOString().replace('T', ' ').replace('Z', '+00')}'`, 'recovery_target_inclusive = on'] : []),
        "recovery_target_action = 'promote'",
        // The restored copy must not archive into the original's archive.
        "archive_command = 'true'",
        '',
      ].join('\n'),
    );
    fs.writeFileSync(path.join(targetDir, 'recovery.signal'), '');
    fs.chmodSync(targetDir, 0o700);
    chownForPostgres(targetDir);
    // Ready means: recovery reached the target, the server promoted and accepts read-write connections.
    return runCluster(targetDir, port, { readyPattern: /database system is ready to accept connections/, timeoutMs: 120_000 });
  };
  try {
    return await attempt(true).then(
      (server) => ({ server, backup: base, reachedTarget: true }),
      async (err: unknown) => {
        // PostgreSQL confirms a target time only on a commit after it. When the archive holds none (nothing
        // was committed after the instant, yet), every commit it holds is before the instant: replaying
        // the whole archive is the restore to that instant.
        if (!/recovery ended before configured recovery target was reached/.test((err as Error).message)) throw err;
        return { server: await attempt(false), backup: base, reachedTarget: false };
      },
    );
  } catch (err) {
    // Nothing half-restored stays behind: the same command can run again.
    fs.rmSync(targetDir, { recursive: true, force: true });
    throw err;
  }
}

/** Closes the current WAL segment and waits until the archive holds it (so a restore can reach now). */
export async function archiveCurrentWal(adminUrl: string, timeoutMs = 30_000): Promise<void> {
  await withClient(adminUrl, async (c) => {
    const { rows } = await c.query<{ file: string }>('SELECT pg_walfile_name(pg_switch_wal()) AS file');
    const file = rows[0]!.file;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const archived = await c.query<{ done: boolean }>('SELECT last_archived_wal >= $1 AS done FROM pg_stat_archiver', [file]);
      if (archived.rows[0]?.done) return;
      if (Date.now() > deadline) throw new Error(`WAL segment ${file} was not archived within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
}
