// One fresh database per test run, on TEST_DATABASE_URL's server or on an embedded PostgreSQL that
// this file starts. Shared by jest's global setup and the browser-suite runner. Test databases use the
// production arrangement of roles: the server's superuser owns the tables and runs the migrations, and
// the app connects as the runtime role policydesk_test_app, so a missing grant fails a test.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { ensureRuntimeLoginRole, withCredentials } from '../../src/platform/database-roles';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/platform/embedded-postgres';
import { createLogger } from '../../src/platform/logger';

export interface TestServer {
  /** URL of the `postgres` maintenance database of the server. */
  adminUrl: string;
  stop(): Promise<void>;
}

export async function startTestServer(): Promise<TestServer> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    const url = new URL(external);
    url.pathname = '/postgres';
    return { adminUrl: url.toString(), stop: async () => undefined };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policydesk-test-pg-'));
  if (process.getuid?.() === 0) fs.chmodSync(dir, 0o755);
  const embedded: EmbeddedDatabase = await startEmbeddedPostgres({
    dir: path.join(dir, 'data'),
    password: crypto.randomBytes(12).toString('hex'),
    database: 'postgres',
    logger: createLogger('warn'),
    persistent: false,
    throwaway: true,
  });
  return {
    adminUrl: embedded.adminUrl,
    stop: async () => {
      await embedded.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// CREATE and DROP DATABASE wait for other sessions (a checkpoint, every backend's acknowledgement):
// one that never answers must fail the test that waited, saying who it waited for, instead of
// stalling the whole run until CI gives up on it.
const ADMIN_STATEMENT_TIMEOUT_MS = 90_000;
const MIGRATE_TIMEOUT_MS = 120_000;

/** The server's busy sessions, for the message of an operation that timed out. */
async function busySessions(adminUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl, statement_timeout: 10_000 });
  try {
    await client.connect();
    const { rows } = await client.query(
      `SELECT pid, datname, usename, state, wait_event_type, wait_event, now() - xact_start AS in_transaction, left(query, 200) AS query
         FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND state IS DISTINCT FROM 'idle' ORDER BY xact_start NULLS LAST`,
    );
    return rows.map((r) => JSON.stringify(r)).join('\n');
  } catch (err) {
    return `(could not list the server's sessions: ${(err as Error).message})`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const withAdmin = async (adminUrl: string, fn: (client: pg.Client) => Promise<void>) => {
  const client = new pg.Client({ connectionString: adminUrl, statement_timeout: ADMIN_STATEMENT_TIMEOUT_MS });
  await client.connect();
  try {
    await fn(client);
  } catch (err) {
    if ((err as { code?: string }).code === '57014') throw new Error(`${(err as Error).message}; busy sessions:\n${await busySessions(adminUrl)}`, { cause: err });
    throw err;
  } finally {
    await client.end();
  }
};

/** The runtime role of every test database (created on the test server, kept there). */
export const TEST_RUNTIME_ROLE = { name: 'policydesk_test_app', password: 'policydesk-test-app' };

/** The owner's URL (the test server's superuser) of the test database `databaseUrl` names. */
export function ownerUrlOf(databaseUrl: string, adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL): string {
  if (!adminUrl) throw new Error('POLICYDESK_TEST_ADMIN_URL is unset: run the API tests through jest (global setup).');
  const url = new URL(adminUrl);
  url.pathname = new URL(databaseUrl).pathname;
  return url.toString();
}

/**
 * Creates a database named `<prefix>_<random>` and (unless told not to) applies every migration to it
 * as the owner, granting the runtime role. Returns the runtime role's URL (the owner's: `ownerUrlOf`).
 */
export async function createMigratedDatabase(adminUrl: string, prefix: string, { migrate = true } = {}): Promise<string> {
  const name = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`).then(() => undefined));
  await ensureRuntimeLoginRole(adminUrl, TEST_RUNTIME_ROLE.name, TEST_RUNTIME_ROLE.password);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const ownerUrl = url.toString();
  const runtimeUrl = withCredentials(ownerUrl, TEST_RUNTIME_ROLE.name, TEST_RUNTIME_ROLE.password);
  if (!migrate) return runtimeUrl;
  // Migrations run in a child process exactly as `npm run migrate` does (TypeScript sources via tsx).
  try {
    // Not execFileSync: the process that started an embedded server must keep draining its log pipe.
    await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../src/cli/migrate.ts'), 'latest'], {
      env: { ...process.env, DATABASE_URL: runtimeUrl, MIGRATION_DATABASE_URL: ownerUrl, LOG_LEVEL: 'warn' },
      // A few seconds on a quiet machine; a migration stuck behind a lock fails instead of hanging.
      timeout: MIGRATE_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
  } catch (err) {
    const stderr = String((err as { stderr?: Buffer }).stderr ?? '').slice(-2000);
    throw new Error(`Migrating ${name} failed: ${(err as Error).message}\n${stderr}\nbusy sessions:\n${await busySessions(adminUrl)}`, { cause: err });
  }
  return runtimeUrl;
}

export async function dropDatabase(adminUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`).then(() => undefined));
}
