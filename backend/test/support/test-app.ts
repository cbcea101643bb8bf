// Builds the real app on the run's test database. Each test file gets its own pool; data is made
// by the test itself, so files run in any order and in parallel.
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createApp, type PolicydeskApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { createDb, type Db } from '../../src/db';
import { productModules } from '../../src/modules';
import { Clock } from '../../src/platform/clock';
import { JobRegistry } from '../../src/platform/jobs';
import { createLogger, type Logger } from '../../src/platform/logger';
import type { AppModule } from '../../src/platform/module';
import { openApiDriftRecorder } from './openapi-drift';
import { ownerUrlOf } from './test-database';
import { TEST_TELNYX, TEST_TWILIO_AUTH_TOKEN } from './voice-keys';

export function testDatabaseUrl(): string {
  const url = process.env.POLICYDESK_TEST_DATABASE_URL;
  if (!url) throw new Error('POLICYDESK_TEST_DATABASE_URL is unset: run the API tests through jest (global setup).');
  return url;
}

// Fixed test secrets; bcrypt at its lowest cost so tests that log in stay fast (one test checks 12).
const TEST_KEY = Buffer.alloc(32, 42).toString('base64');

/** The app connects as the runtime role (DATABASE_URL); MIGRATION_DATABASE_URL is the same database's owner. */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    DATABASE_URL: testDatabaseUrl(),
    MIGRATION_DATABASE_URL: ownerUrlOf(env.DATABASE_URL ?? testDatabaseUrl()),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
    LOGIN_RATE_LIMIT_PER_MINUTE: '0',
    PASSWORD_HASH_COST: '4',
    JWT_SIGNING_KEY: TEST_KEY,
    FIELD_ENCRYPTION_KEY: `test1:${TEST_KEY}`,
    BLIND_INDEX_KEY: TEST_KEY,
    PUBLIC_URL: 'https://service.test',
    TELNYX_PUBLIC_KEY: TEST_TELNYX.publicKeyBase64,
    TWILIO_AUTH_TOKEN: TEST_TWILIO_AUTH_TOKEN,
    // Uploaded files of the whole run go to one temporary folder, never into the repository.
    DOCUMENTS_DIR: path.join(os.tmpdir(), 'policydesk-test-documents'),
    ...env,
  });
}

/** Log lines captured in memory, for tests that check what is (not) logged. */
export function captureLogs(): { logger: Logger; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  return { logger: createLogger('debug', stream), lines: () => chunks.join('').split('\n').filter(Boolean) };
}

export interface TestApp extends PolicydeskApp {
  /** The app's pool: the runtime role, as in production. */
  db: Db;
  /** The same database as its owner, for what the app may not do: creating probe tables and triggers, tampering on purpose. */
  ownerDb: Db;
  jobs: JobRegistry;
  clock: Clock;
  config: Config;
  close(): Promise<void>;
}

export function createTestApp(options: { env?: Record<string, string>; modules?: AppModule[]; logger?: Logger; db?: Db; consoleDir?: string; replicaDb?: Db } = {}): TestApp {
  const config = testConfig(options.env);
  const db = options.db ?? createDb({ url: config.databaseUrl ?? testDatabaseUrl(), poolMax: 4 });
  const ownerDb = createDb({ url: config.migrationDatabaseUrl!, poolMax: 2 });
  const logger = options.logger ?? createLogger('silent');
  const clock = new Clock(config.businessTimeZone);
  const jobs = new JobRegistry(logger);
  // Every response is checked against the app's own OpenAPI document (fail-on-openapi-drift.ts fails the test).
  const document = () => built.openApiDocument();
  const built = createApp({
    config,
    db,
    logger,
    clock,
    jobs,
    modules: [...productModules, ...(options.modules ?? [])],
    consoleDir: options.consoleDir ?? null,
    observers: [openApiDriftRecorder(document)],
    ...(options.replicaDb ? { replicaDb: options.replicaDb } : {}),
  });
  return { ...built, db, ownerDb, jobs, clock, config, close: () => Promise.all([db.destroy(), ownerDb.destroy(), options.replicaDb?.destroy()]).then(() => undefined) };
}

/** The app of one test file: built as the file loads, its pool closed after the file's last test. */
export function appForFile(options: Parameters<typeof createTestApp>[0] = {}): TestApp {
  const t = createTestApp(options);
  afterAll(() => t.close());
  return t;
}
