// `npm test`: the API suite (jest) and the browser suite (Playwright), then one summary line
// `N passed, N failed` counting both. Exits non-zero on any failure.
//   --only=api | --only=browser   run one suite
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../src/platform/embedded-postgres';
import { createMigratedDatabase, dropDatabase, startTestServer, type TestServer } from '../test/support/test-database';

const root = path.resolve(__dirname, '../..');
const only = process.argv.find((a) => a.startsWith('--only='))?.split('=')[1];
const binOf = (pkg: string, name = pkg) => {
  const dir = path.join(root, 'node_modules', pkg);
  const { bin } = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  return path.join(dir, typeof bin === 'string' ? bin : bin[name]);
};

interface Tally {
  passed: number;
  failed: number;
}

function runApiSuite(tmp: string, adminUrl: string | undefined): Tally {
  const report = path.join(tmp, 'jest.json');
  const result = spawnSync(process.execPath, [binOf('jest'), '--json', `--outputFile=${report}`], {
    cwd: path.join(root, 'backend'),
    stdio: 'inherit',
    // Share this run's database server: jest's global setup creates its own database on it.
    env: { ...process.env, ...(adminUrl ? { TEST_DATABASE_URL: adminUrl } : {}) },
  });
  if (!fs.existsSync(report)) return { passed: 0, failed: Math.max(1, result.status ?? 1) };
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  // A suite that failed to load counts as a failure even though none of its tests ran.
  return { passed: r.numPassedTests, failed: r.numFailedTests + r.numRuntimeErrorTestSuites };
}

function runBrowserSuite(tmp: string, port: number, databaseUrl: string | undefined): Tally {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    process.stderr.write(`Chromium not found at ${chromium}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.\n`);
    return { passed: 0, failed: 1 };
  }
  const build = spawnSync(process.execPath, [path.join(root, 'backend/scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) return { passed: 0, failed: 1 };
  const report = path.join(tmp, 'playwright.json');
  const result = spawnSync(process.execPath, [binOf('@playwright/test', 'playwright'), 'test', '--reporter=list,json'], {
    cwd: path.join(root, 'frontend'),
    stdio: 'inherit',
    env: {
      ...process.env,
      PLAYWRIGHT_JSON_OUTPUT_NAME: report,
      PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
      E2E_PORT: String(port),
      E2E_DATA_DIR: path.join(tmp, 'e2e-data'),
      ...(databaseUrl ? { E2E_DATABASE_URL: databaseUrl } : {}),
    },
  });
  if (!fs.existsSync(report)) return { passed: 0, failed: Math.max(1, result.status ?? 1) };
  const { stats, errors } = JSON.parse(fs.readFileSync(report, 'utf8'));
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected + (errors?.length ?? 0) };
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'policydesk-tests-'));
  if (process.getuid?.() === 0) fs.chmodSync(tmp, 0o755);
  const tally: Tally = { passed: 0, failed: 0 };
  const add = (t: Tally) => {
    tally.passed += t.passed;
    tally.failed += t.failed;
  };
  // With TEST_DATABASE_URL both suites use that server; otherwise one embedded server serves both.
  let server: TestServer | undefined;
  let e2eDatabase: string | undefined;
  try {
    server = await startTestServer();
    if (only !== 'browser') add(runApiSuite(tmp, server.adminUrl));
    if (only !== 'api') {
      e2eDatabase = await createEmptyDatabase(server.adminUrl);
      add(runBrowserSuite(tmp, Number(process.env.E2E_PORT) || (await freePort()), e2eDatabase));
    }
  } finally {
    if (server && e2eDatabase) await dropDatabase(server.adminUrl, e2eDatabase).catch(() => undefined);
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  process.stdout.write(`\n${tally.passed} passed, ${tally.failed} failed\n`);
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
