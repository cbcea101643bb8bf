// One fresh database per test run, on TEST_DATABASE_URL's server or on an embedded PostgreSQL that
// this file starts. Shared by jest's global setup and the browser-suite runner. Test databases use the
// production arrangement of roles: the server's superuser owns the tables and runs the migrations, and
// the app connects as the runtime role policydesk_test_app, so a missing grant fails a test.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
  });
  return {
    adminUrl: embedded.adminUrl,
    stop: async () => {
      await embedded.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

const withAdmin = async (adminUrl: string, fn: (client: pg.Client) => Promise<void>) => {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await fn(client);
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
  execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../src/cli/migrate.ts'), 'latest'], {
    env: { ...process.env, DATABASE_URL: runtimeUrl, MIGRATION_DATABASE_URL: ownerUrl, LOG_LEVEL: 'warn' },
    stdio: 'pipe',
  });
  return runtimeUrl;
}

export async function dropDatabase(adminUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`).then(() => undefined));
}
