// Browser suite: the real server (built backend + console) on a real database, driven by the
// system Chromium. Playwright never downloads a browser here.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// Without a database URL the server starts its own embedded PostgreSQL in a throw-away DATA_DIR,
// exactly as `npm start` does on a fresh machine.
const dataDir = process.env.E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'policydesk-e2e-'));
// The test workers load this file again: they get the same folder (the phone spec's call:simulate
// signs with the local keys the server keeps there).
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Budgets for a busy 2-core machine, not targets: a journey clicks through several pages, each
  // rendering after an API round trip that shares the cores with PostgreSQL and the server.
  timeout: 90_000,
  // The whole suite takes a fraction of this; past it, what is left is reported as not run instead of
  // holding CI until its own limit (npm test stops the suite a little later as a last resort).
  globalTimeout: 40 * 60_000,
  expect: { timeout: 15_000 },
  outputDir: '../test-results/browser',
  reporter: [['list']],
  use: {
    baseURL,
    viewport: { width: 1280, height: 720 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: 'node ../backend/dist/backend/src/server.js',
    url: `${baseURL}/readyz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 10_000 },
    env: {
      APP_ENV: 'local',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      // The suite logs in many times from one IP; the login limit itself is covered by the API tests.
      LOGIN_RATE_LIMIT_PER_MINUTE: '0',
      ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
      ...(process.env.E2E_MIGRATION_DATABASE_URL ? { MIGRATION_DATABASE_URL: process.env.E2E_MIGRATION_DATABASE_URL } : {}),
    },
  },
});
