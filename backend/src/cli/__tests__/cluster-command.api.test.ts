// `npm run cluster` for real: HAProxy (Debian's package; CI installs it) in front of two server
// processes on one test database. The address it prints answers; an instance killed with SIGKILL is
// taken out of the rotation and no request through HAProxy fails; Ctrl-C (SIGINT) stops HAProxy and
// the instances and the command exits 0. Without HAProxy, it says how to install it.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createMigratedDatabase, dropDatabase, ownerUrlOf } from '../../../test/support/test-database';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../test/support/timeouts';

const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
const KEY = Buffer.alloc(32, 31).toString('base64');
const script = path.join(__dirname, '../cluster.ts');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

it('says how to install HAProxy when it is missing', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script, '--from-source'], { env: { ...process.env, HAPROXY_BIN: '/nonexistent/haproxy' }, encoding: 'utf8' });
  expect(result.status).toBe(69);
  expect(result.stderr).toContain('sudo apt-get install haproxy');
});

it(
  'prints the address of HAProxy in front of two instances; a killed instance leaves the rotation without a failed request; Ctrl-C stops it all',
  async () => {
    // Migrated already (starting on an empty database is cluster.api.test.ts's): the instances only check and seed.
    const url = await createMigratedDatabase(adminUrl, 'policydesk_haproxy');
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'policydesk-cluster-cmd-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', script, '--from-source', '--instances', '2', '--port', String(port)], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        MIGRATION_DATABASE_URL: ownerUrlOf(url),
        DATA_DIR: dataDir,
        APP_ENV: 'production',
        PASSWORD_HASH_COST: '12',
        JWT_SIGNING_KEY: KEY,
        FIELD_ENCRYPTION_KEY: `cmd1:${KEY}`,
        BLIND_INDEX_KEY: KEY,
        PUBLIC_URL: 'https://service.test',
        VOICE_PROVIDERS: 'none',
        JOBS_ENABLED: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + PROCESS_TEST_TIMEOUT_MS - 45_000;
      let line: RegExpExecArray | null = null;
      while (!(line = /Policydesk cluster: (http:\/\/127\.0\.0\.1:\d+) +\(HAProxy → app1 127\.0\.0\.1:(\d+), app2 127\.0\.0\.1:(\d+);/.exec(output))) {
        if (child.exitCode !== null || Date.now() > deadline) throw new Error(`npm run cluster did not come up:\n${output.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
      const [, address, app1Port, app2Port] = line;
      expect(address).toBe(`http://127.0.0.1:${port}`);
      for (let i = 0; i < 4; i++) expect((await fetch(`${address}/readyz`)).status).toBe(200);
      expect(fs.readFileSync(path.join(dataDir, 'cluster/haproxy.cfg'), 'utf8')).toContain(`server app2 127.0.0.1:${app2Port} check`);

      // SIGKILL one of the two instances.
      const pids = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(child.pid)], { encoding: 'utf8' })
        .split('\n')
        .filter((l) => l.includes('server.ts'))
        .map((l) => Number(l.trim().split(/\s+/)[0]));
      expect(pids).toHaveLength(2);
      process.kill(pids[0]!, 'SIGKILL');
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        statuses.push((await fetch(`${address}/api/system/info`)).status);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(statuses).toEqual(statuses.map(() => 200));

      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(await accepts(port)).toBe(false);
      for (const p of [app1Port, app2Port]) expect(await accepts(Number(p))).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
      await dropDatabase(adminUrl, url);
    }
  },
  PROCESS_TEST_TIMEOUT_MS,
);
