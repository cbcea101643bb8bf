// `npm run cluster [-- --instances 3 --port 3000]`: HAProxy (Debian's `haproxy` package) in
// front of N instances of the built server (default 2) on this machine, health-checked on /readyz,
// all on one database: DATABASE_URL's, or the embedded PostgreSQL, started once here and shared.
// The instances share DATA_DIR too (documents, exports, local secrets), as a real deployment shares
// a volume. Prints the address; Ctrl-C stops HAProxy, then the instances (each drains), then the
// embedded database.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { loadConfig } from '../config';
import { resolveDatabase } from '../platform/database-connection';
import { createLogger } from '../platform/logger';
import { haproxyConfig } from './haproxy-config';

const root = path.resolve(__dirname, '../../..');
const server = path.join(root, 'backend/dist/backend/src/server.js');
// `--from-source`: the TypeScript server through tsx, no build (tests; a quick look while developing).
const fromSource = process.argv.includes('--from-source');
const serverArgs = fromSource ? ['--import', 'tsx', path.join(root, 'backend/src/server.ts')] : [server];

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    process.stderr.write(`--${name} must be a positive whole number\n`);
    process.exit(2);
  }
  return value;
}

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

/** Each line of a child's output, prefixed with its name. */
function prefixed(child: ChildProcess, name: string) {
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop()!;
      for (const line of lines) process.stdout.write(`[${name}] ${line}\n`);
    });
  }
}

async function waitFor(url: string, child: ChildProcess, what: string, seconds = 300): Promise<void> {
  for (let i = 0; i < seconds * 4; i++) {
    if (child.exitCode !== null || child.signalCode) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode})`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} did not answer ${url} within ${seconds} s`);
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode ? resolve() : child.once('exit', () => resolve())));

async function main() {
  const haproxyBin = process.env.HAPROXY_BIN ?? 'haproxy';
  if (spawnSync(haproxyBin, ['-v'], { stdio: 'ignore' }).error) {
    process.stderr.write(
      'npm run cluster needs HAProxy, which is not installed (or not on PATH).\n' + '  Debian / Ubuntu:  sudo apt-get install haproxy\n' + '  (or set HAPROXY_BIN to its path)\n',
    );
    process.exit(69);
  }
  if (!fromSource && !fs.existsSync(server)) {
    process.stderr.write('The server is not built: run `npm run build` (npm run cluster does it first).\n');
    process.exit(69);
  }
  const instances = option('instances', 2);
  const config = loadConfig();
  const port = option('port', config.port);
  const logger = createLogger(config.logLevel);
  // One database for all: the embedded one starts here, once (each instance would otherwise start its own).
  const { url, ownerUrl, embedded } = await resolveDatabase(config, logger);

  const children: { name: string; child: ChildProcess }[] = [];
  let stopping: Promise<void> | undefined;
  const stop = (code: number) =>
    (stopping ??= (async () => {
      process.stdout.write('\nStopping: HAProxy, then the instances (each finishes its requests), then the database.\n');
      const proxy = children.find((c) => c.name === 'haproxy');
      if (proxy) {
        proxy.child.kill('SIGUSR1'); // soft stop: finishes what it forwards
        const timer = setTimeout(() => proxy.child.kill('SIGTERM'), 5_000);
        await exited(proxy.child);
        clearTimeout(timer);
      }
      await Promise.all(
        children
          .filter((c) => c.name !== 'haproxy')
          .map((c) => {
            c.child.kill('SIGTERM');
            return exited(c.child);
          }),
      );
      await embedded?.stop();
      process.exit(code);
    })());
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    const ports: number[] = [];
    for (let i = 0; i < instances; i++) ports.push(await freePort());
    // The first instance migrates and seeds (under the start-up lock); the others wait for the lock.
    ports.forEach((p, i) => {
      const name = `app${i + 1}`;
      const child = spawn(process.execPath, serverArgs, {
        env: {
          ...process.env,
          DATABASE_URL: url,
          MIGRATION_DATABASE_URL: ownerUrl,
          HOST: '127.0.0.1',
          PORT: String(p),
          // HAProxy sets X-Forwarded-For to the client's address.
          TRUST_PROXY: 'true',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      prefixed(child, name);
      children.push({ name, child });
    });
    await Promise.all(children.map((c, i) => waitFor(`http://127.0.0.1:${ports[i]}/readyz`, c.child, c.name)));

    const dir = path.join(config.dataDir, 'cluster');
    fs.mkdirSync(dir, { recursive: true });
    const cfg = path.join(dir, 'haproxy.cfg');
    // Loopback unless HOST says otherwise (production's default of 0.0.0.0 is for one server, not for this).
    const bindHost = process.env.HOST || '127.0.0.1';
    fs.writeFileSync(cfg, haproxyConfig({ bind: `${bindHost}:${port}`, servers: ports.map((p, i) => ({ name: `app${i + 1}`, address: `127.0.0.1:${p}` })) }));
    const check = spawnSync(haproxyBin, ['-c', '-q', '-f', cfg], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`HAProxy refused ${cfg}:\n${check.stderr}${check.stdout}`);
    const proxy = spawn(haproxyBin, ['-db', '-f', cfg], { stdio: ['ignore', 'pipe', 'pipe'] });
    prefixed(proxy, 'haproxy');
    children.push({ name: 'haproxy', child: proxy });
    const address = `http://${bindHost === '0.0.0.0' ? 'localhost' : bindHost}:${port}`;
    await waitFor(`${address}/readyz`, proxy, 'HAProxy', 30);
    // An instance that exits is taken out by HAProxy's health check (the others keep serving);
    // HAProxy exiting, or the last instance, ends the cluster.
    for (const c of children)
      c.child.once('exit', (code, signal) => {
        if (stopping) return;
        process.stdout.write(`${c.name} exited (${code ?? signal})\n`);
        const instancesLeft = children.some((o) => o.name !== 'haproxy' && o.child.exitCode === null && !o.child.signalCode);
        if (c.name === 'haproxy' || !instancesLeft) void stop(1);
      });
    process.stdout.write(
      `\nPolicydesk cluster: ${address}  (HAProxy → ${ports.map((p, i) => `app${i + 1} 127.0.0.1:${p}`).join(', ')}; health checks on /readyz)\n` +
        `HAProxy configuration: ${cfg}\nCtrl-C stops everything.\n`,
    );
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    await stop(1);
  }
}

void main();
