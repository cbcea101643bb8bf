// The alert rules' checks: `promtool check rules` (syntax, expressions) and `promtool test rules`
// (each rule fires on a breaching series and stays quiet on one that does not). promtool comes
// from Debian's `prometheus` package (.ci/run installs it). Without it locally the step is skipped
// with a message; with REQUIRE_PROMTOOL=1 (CI) its absence is a failure.
//   tsx backend/scripts/check-alert-rules.ts   → exit 0 passed or skipped, 1 failed
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const RULES_DIR = path.join(root, 'docker/prometheus');

export interface RulesResult {
  status: 'passed' | 'failed' | 'skipped';
  passed: number;
  failed: number;
}

function findPromtool(): string | undefined {
  const explicit = process.env.PROMTOOL_PATH;
  if (explicit) return fs.existsSync(explicit) ? explicit : undefined;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'promtool');
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

function run(bin: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: RULES_DIR, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

export async function checkAlertRules(): Promise<RulesResult> {
  const promtool = findPromtool();
  if (!promtool) {
    const message = 'promtool not found: the alert rules were NOT checked (apt-get install -y prometheus, or set PROMTOOL_PATH).';
    if (process.env.REQUIRE_PROMTOOL === '1') {
      process.stderr.write(`${message}\n`);
      return { status: 'failed', passed: 0, failed: 1 };
    }
    process.stdout.write(`Skipping the alert rules: ${message}\n`);
    return { status: 'skipped', passed: 0, failed: 0 };
  }
  let passed = 0;
  let failed = 0;
  for (const args of [
    ['check', 'rules', 'alerts.yml'],
    ['test', 'rules', 'alerts.test.yml'],
  ]) {
    if ((await run(promtool, args)) === 0) passed += 1;
    else failed += 1;
  }
  return { status: failed ? 'failed' : 'passed', passed, failed };
}

if (require.main === module) {
  checkAlertRules()
    .then((r) => {
      process.exitCode = r.status === 'failed' ? 1 : 0;
    })
    .catch((err) => {
      process.stderr.write(`${(err as Error).stack ?? err}\n`);
      process.exitCode = 1;
    });
}
