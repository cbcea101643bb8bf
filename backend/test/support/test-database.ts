// One fresh database per test run, on TEST_DATABASE_URL's server or on an embedded PostgreSQL that
// this file starts. Shared by jest's global setup and the browser-suite runner.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
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

/** Creates a database named `<prefix>_<random>` and (unless told not to) applies every migration to it. */
export async function createMigratedDatabase(adminUrl: string, prefix: string, { migrate = true } = {}): Promise<string> {
  const name = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`).then(() => undefined));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (!migrate) return url.toString();
  // Migrations run in a child process exactly as `npm run migrate` does (TypeScript sources via tsx).
  execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../src/cli/migrate.ts'), 'latest'], {
    env: { ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: 'warn' },
    stdio: 'pipe',
  });
  return url.toString();
}

export async function dropDatabase(adminUrl: string, databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`).then(() => undefined));
}
