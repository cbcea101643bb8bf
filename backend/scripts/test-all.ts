// `npm test`: the alert rules (promtool check + test; skipped with a message where promtool is not
// installed), the API suite (jest), the console's unit tests (Vitest) and the browser suite
// (Playwright), then the time each took and one summary line `N passed, N failed` counting them all.
// Exits non-zero on any failure.
//   --only=rules | --only=api | --only=console | --only=browser   run one suite
import { spawn, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../src/platform/embedded-postgres';
import { checkAlertRules } from './check-alert-rules';
import { createMigratedDatabase, dropDatabase, ownerUrlOf, startTestServer, type TestServer } from '../test/support/test-database';

const root = path.resolve(__dirname, '../..');
const only = process.argv.find((a) => a.startsWith('--only='))?.split('=')[1];
const binOf = (pkg: string, name = pkg) => {
  const dir = path.join(root, 'node_modules', pkg);
  const { bin } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return path.join(dir, typeof bin === 'string' ? bin : bin[name]);
};

// Budgets for a whole suite on a busy 2-core machine (each takes well under half of its budget
// there): a suite that hangs is stopped and counted as failed, with what it printed so far, instead
// of holding the run until CI gives up on it without a word.
const SUITE_BUDGET_MS = { api: 35 * 60_000, browser: 45 * 60_000 };

interface Finished {
  status: number | null;
  timedOut: boolean;
}

/**
 * Runs a command to its end without blocking this process. Never spawnSync here: the embedded
 * PostgreSQL this process started writes its log into a pipe that only this process's event loop
 * drains; blocked, the pipe fills and every PostgreSQL process that logs stalls with it.
 */
function run(command: string, args: string[], options: SpawnOptions, budgetMs?: number, suite?: string): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options);
    let timedOut = false;
    const timer = budgetMs
      ? setTimeout(() => {
          timedOut = true;
          process.stderr.write(`\nThe ${suite} suite ran past its budget of ${budgetMs / 60_000} minutes and is being stopped.\n`);
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 30_000).unref();
        }, budgetMs)
      : undefined;
    child.on('error', reject);
    child.on('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, timedOut });
    });
  });
}

interface Tally {
  passed: number;
  failed: number;
}

async function runApiSuite(tmp: string, adminUrl: string | undefined): Promise<Tally> {
  const report = path.join(tmp, 'jest.json');
  const result = await run(
    process.execPath,
    [binOf('jest'), '--json', `--outputFile=${report}`],
    {
      cwd: path.join(root, 'backend'),
      stdio: 'inherit',
      // Share this run's database server: jest's global setup creates its own database on it.
      env: { ...process.env, ...(adminUrl ? { TEST_DATABASE_URL: adminUrl } : {}) },
    },
    SUITE_BUDGET_MS.api,
    'api',
  );
  if (result.timedOut || !fs.existsSync(report)) return { passed: 0, failed: Math.max(1, result.status ?? 1) };
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  // A suite that failed to load counts as a failure even though none of its tests ran.
  return { passed: r.numPassedTests, failed: r.numFailedTests + r.numRuntimeErrorTestSuites };
}

async function runConsoleSuite(tmp: string): Promise<Tally> {
  const report = path.join(tmp, 'vitest.json');
  const result = await run(process.execPath, [binOf('vitest'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], {
    cwd: path.join(root, 'frontend'),
    stdio: 'inherit',
  });
  if (!fs.existsSync(report)) return { passed: 0, failed: Math.max(1, result.status ?? 1) };
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  // A file that failed to load counts as a failure even though none of its tests ran.
  const brokenFiles = (r.testResults ?? []).filter((f: { status: string; assertionResults: unknown[] }) => f.status === 'failed' && f.assertionResults.length === 0).length;
  return { passed: r.numPassedTests, failed: r.numFailedTests + brokenFiles };
}

async function runBrowserSuite(tmp: string, port: number, databaseUrl: string | undefined, adminUrl: string): Promise<Tally> {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    process.stderr.write(`Chromium not found at ${chromium}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.\n`);
    return { passed: 0, failed: 1 };
  }
  const build = await run(process.execPath, [path.join(root, 'backend/scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) return { passed: 0, failed: 1 };
  const report = path.join(tmp, 'playwright.json');
  const result = await run(
    process.execPath,
    [binOf('@playwright/test', 'playwright'), 'test', '--reporter=list,json'],
    {
      cwd: path.join(root, 'frontend'),
      stdio: 'inherit',
      env: {
        ...process.env,
        PLAYWRIGHT_JSON_OUTPUT_NAME: report,
        PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
        E2E_PORT: String(port),
        E2E_DATA_DIR: path.join(tmp, 'e2e-data'),
        // The server connects as the runtime role and migrates as the database's owner, as in production.
        ...(databaseUrl ? { E2E_DATABASE_URL: databaseUrl, E2E_MIGRATION_DATABASE_URL: ownerUrlOf(databaseUrl, adminUrl) } : {}),
      },
    },
    SUITE_BUDGET_MS.browser,
    'browser',
  );
  if (result.timedOut || !fs.existsSync(report)) return { passed: 0, failed: Math.max(1, result.status ?? 1) };
  const { stats, errors } = JSON.parse(fs.readFileSync(report, 'utf8'));
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected + (errors?.length ?? 0) };
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policydesk-tests-'));
  if (process.getuid?.() === 0) fs.chmodSync(tmp, 0o755);
  const tally: Tally = { passed: 0, failed: 0 };
  const timings: string[] = [];
  const timed = async (suite: string, runSuite: () => Promise<Tally>) => {
    const started = performance.now();
    const t = await runSuite();
    tally.passed += t.passed;
    tally.failed += t.failed;
    timings.push(
      `${suite.padEnd(8)} ${String(t.passed).padStart(4)} passed ${String(t.failed).padStart(3)} failed  ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`,
    );
  };
  // With TEST_DATABASE_URL both suites use that server; otherwise one embedded server serves both.
  let server: TestServer | undefined;
  let e2eDatabase: string | undefined;
  try {
    const runs = (suite: string) => only === undefined || only === suite;
    if (runs('rules')) await timed('rules', checkAlertRules);
    if (runs('console')) await timed('console', () => runConsoleSuite(tmp));
    if (runs('api') || runs('browser')) {
      server = await startTestServer();
      const { adminUrl } = server;
      if (runs('api')) await timed('api', () => runApiSuite(tmp, adminUrl));
      if (runs('browser')) {
        const database = (e2eDatabase = await createEmptyDatabase(adminUrl));
        const port = Number(process.env.E2E_PORT) || (await freePort());
        await timed('browser', () => runBrowserSuite(tmp, port, database, adminUrl));
      }
    }
  } finally {
    if (server && e2eDatabase) await dropDatabase(server.adminUrl, e2eDatabase).catch(() => undefined);
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.stdout.write(`\n${timings.join('\n')}\n\n${tally.passed} passed, ${tally.failed} failed\n`);
  process.exitCode = tally.failed > 0 || tally.passed === 0 ? 1 : 0;
}

/** The browser suite's server migrates and seeds its own database at start-up, as in production. */
async function createEmptyDatabase(adminUrl: string): Promise<string> {
  return createMigratedDatabase(adminUrl, 'policydesk_e2e', { migrate: false });
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.stdout.write('\n0 passed, 1 failed\n');
  process.exit(1);
});
