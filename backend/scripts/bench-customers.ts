// `npm run bench:customers`: the customer queries on the volume data (npm run seed:volume), measured
// three ways in one run — raw SQL through pg, HTTP through the real server (autocannon), and a bare
// Express hello-world as the baseline — at 10 concurrent connections. Prints a table and verdicts.
// Uses DATABASE_URL, or the embedded database under DATA_DIR. `-- --plans` also prints each query's plan.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { Clock } from '../src/platform/clock';
import { freePort, startEmbeddedPostgres } from '../src/platform/embedded-postgres';
import { createLogger } from '../src/platform/logger';
import { keysetQuery } from '../src/platform/pagination';
import { loadLocalSecrets } from '../src/platform/secrets';
import { createDb } from '../src/db';
import { hashPassword } from '../src/modules/identity/passwords';
import { CustomersService } from '../src/modules/customers/customers.service';
import { createSharedServices } from '../src/modules/shared-services';
import { RiskService } from '../src/modules/customers/risk.service';
import type { Actor } from '../src/platform/actor';

const CONNECTIONS = 10;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const root = path.resolve(__dirname, '../..');
const BENCH_USER = { email: 'bench-manager@bench.test', password: 'Bench-manager-passphrase' };

interface Figures {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  errors?: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const summarize = (latencies: number[], seconds: number, errors = 0): Figures => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), rps: latencies.length / seconds, errors };
};

/** The same SQL the service runs, 10 at a time for DURATION_S, timed in this process. */
async function rawSql(pool: pg.Pool, sql: string, bindings: unknown[]): Promise<Figures> {
  const latencies: number[] = [];
  const until = Date.now() + DURATION_S * 1000;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < until) {
        const t0 = process.hrtime.bigint();
        await pool.query(sql, bindings);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  return summarize(latencies, (Date.now() - started) / 1000);
}

/** autocannon against `url`, cycling through `paths`; latencies collected per response for p95. */
function http(url: string, paths: string[], headers: Record<string, string> = {}): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    let next = 0;
    let errors = 0;
    const instance = autocannon(
      {
        url,
        connections: CONNECTIONS,
        duration: DURATION_S,
        headers,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]! }) }],
      },
      (err, result) => (err ? reject(err) : resolve({ ...summarize(latencies, result.duration), errors: errors + result.errors + result.non2xx })),
    );
    instance.on('response', (_client, status, _bytes, ms) => {
      if (status >= 400) errors++;
      latencies.push(ms);
    });
  });
}

function waitForReady(child: ChildProcess, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 120_000;
    const tick = async () => {
      if (child.exitCode !== null) return reject(new Error(`server exited with ${child.exitCode}`));
      try {
        if ((await fetch(url)).ok) return resolve();
      } catch {
        // not up yet
      }
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${url}`));
      setTimeout(tick, 250);
    };
    void tick();
  });
}

async function main() {
  const baseConfig = loadConfig();
  const config = baseConfig.isProduction ? baseConfig : { ...baseConfig, secrets: loadLocalSecrets(baseConfig) };
  const logger = createLogger('warn');
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dir: path.join(config.dataDir, 'postgres'), password: loadLocalSecrets(config).embeddedPostgresPassword, database: 'policydesk', logger });
  const databaseUrl = config.databaseUrl ?? embedded!.url;
  const db = createDb({ url: databaseUrl, poolMax: CONNECTIONS });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CONNECTIONS });
  const children: ChildProcess[] = [];
  try {
    const [{ count }] = await db('customers').count<{ count: number }[]>('* as count');
    if (Number(count) < 100_000) throw new Error(`Only ${count} customers: load the volume data first (npm run seed:volume -- --customers 1000000).`);
    const branchIds: string[] = await db('branches').whereIn('code', ['NORTH', 'SOUTH']).pluck('id');
    // A manager of both branches, so scoping is part of every query (as in real use).
    const now = new Date();
    await db('users')
      .insert({ email: BENCH_USER.email, name: 'Bench Manager', role: 'manager', branch_id: branchIds[0], password_hash: await hashPassword(BENCH_USER.password, 4), password_changed_at: now, created_at: now, updated_at: now })
      .onConflict('email')
      .ignore();
    const benchUser = await db('users').where({ email: BENCH_USER.email }).first();
    await db('user_managed_branches').insert(branchIds.map((b) => ({ user_id: benchUser.id, branch_id: b }))).onConflict(['user_id', 'branch_id']).ignore();
    const actor: Actor = { userId: benchUser.id, role: 'manager', branchId: branchIds[0]!, branchIds, permissions: new Set(), mustChangePassword: false, sessionId: '' };

    // The real server (built) and the baseline, each in its own process.
    const [appPort, helloPort] = [await freePort(), await freePort()];
    const server = spawn(process.execPath, [path.join(root, 'backend/dist/backend/src/server.js')], {
      env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(appPort), LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', JOBS_ENABLED: 'false', APP_ENV: config.appEnv, DB_POOL_MAX: String(CONNECTIONS + 2) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    children.push(server);
    const hello = fork(path.join(__dirname, 'bench-hello.mjs'), { env: { ...process.env, PORT: String(helloPort) }, stdio: 'ignore' });
    children.push(hello);
    const appUrl = `http://127.0.0.1:${appPort}`;
    await waitForReady(server, `${appUrl}/readyz`);
    await waitForReady(hello, `http://127.0.0.1:${helloPort}/hello`);
    const login = await fetch(`${appUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BENCH_USER) });
    if (!login.ok) throw new Error(`bench login failed: ${login.status}`);
    const auth = { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };

    // Inputs taken from the data itself.
    const sample = await db('customers').whereNot('status', 'merged').orderByRaw('md5(id::text)').limit(500).select('id', 'phone_digits', 'customer_number');
    const ids = sample.map((s) => s.id as string);
    const phoneFragment = String(sample[0].phone_digits).slice(4, 10);
    const numberQuery = sample[1].customer_number as string;

    const services = createSharedServices(db, new Clock(), config);
    const customers = new CustomersService(db, new Clock(), services.audit, services.fieldCrypto, new RiskService(new Clock(), services.customerExtensions), services.customerExtensions, services.agents, config.baseCurrency);
    const searches: [label: string, q: string][] = [
      ['Surname search', 'johnson'],
      ['Phone-fragment search', phoneFragment],
      ['Customer-number lookup', numberQuery],
      ['Typo-tolerant name search', 'jonhson'],
    ];

    const plans: string[] = [];
    const explain = async (label: string, sql: string, bindings: unknown[]) => {
      if (!process.argv.includes('--plans')) return;
      const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, bindings);
      plans.push(`### ${label}\n\n\`\`\`\n${rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}\n\`\`\``);
    };
    const rows: [string, Figures | undefined, Figures][] = [];
    rows.push(['Hello world (bare Express)', undefined, await http(`http://127.0.0.1:${helloPort}`, ['/hello'])]);
    for (const [label, q] of searches) {
      const { query, order } = customers.searchQuery(actor, { q, limit: 25 });
      const { sql, bindings } = keysetQuery(query, order, { limit: 25 }).toSQL().toNative();
      const raw = await rawSql(pool, sql, bindings as unknown[]);
      await explain(`${label} (q = ${JSON.stringify(q)})`, sql, bindings as unknown[]);
      rows.push([label, raw, await http(appUrl, [`/api/customers?q=${encodeURIComponent(q)}&limit=25`], auth)]);
    }
    const byId = db('customers as c').leftJoin('users as a', 'a.id', 'c.assigned_agent_id').where('c.id', ids[0]).first('c.*', 'a.name as assigned_agent_name').toSQL().toNative();
    rows.push(['GET customer by id', await rawSql(pool, byId.sql, byId.bindings as unknown[]), await http(appUrl, ids.map((id) => `/api/customers/${id}`), auth)]);
    await explain('GET customer by id', byId.sql, byId.bindings as unknown[]);
    rows.push(['360 view (overview)', undefined, await http(appUrl, ids.map((id) => `/api/customers/${id}/overview`), auth)]);

    const f = (n: number | undefined, digits = 1) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));
    const lines = [
      `Customers: ${Number(count).toLocaleString('en-US')}, ${CONNECTIONS} connections, ${DURATION_S} s per measurement, Node ${process.version}`,
      '',
      '| query | SQL p50 ms | SQL p95 ms | HTTP p50 ms | HTTP p95 ms | HTTP p99 ms | HTTP req/s | errors |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows.map(([label, sql, h]) => `| ${label} | ${f(sql?.p50, 2)} | ${f(sql?.p95, 2)} | ${f(h.p50)} | ${f(h.p95)} | ${f(h.p99)} | ${f(h.rps, 0)} | ${h.errors ?? 0} |`),
    ];
    const hello0 = rows[0]![2];
    const searchRows = rows.slice(1, 5);
    const getRow = rows[5]!;
    const overviewRow = rows[6]!;
    const verdict = (ok: boolean, text: string) => `${ok ? 'PASS' : 'FAIL'}  ${text}`;
    lines.push(
      '',
      ...searchRows.map(([label, , h]) => verdict(h.p95 <= 60, `${label}: HTTP p95 ${f(h.p95)} ms ≤ 60 ms`)),
      ...searchRows.map(([label, sql, h]) => verdict(h.p50 <= 1.3 * sql!.p50, `${label}: HTTP p50 ${f(h.p50)} ms ≤ 1.3 × SQL p50 ${f(sql!.p50, 2)} ms (${f(h.p50 / sql!.p50, 2)}×)`)),
      verdict(getRow[2].rps >= 0.35 * hello0.rps, `GET by id ${f(getRow[2].rps, 0)} req/s ≥ 35% of hello world ${f(hello0.rps, 0)} req/s (${f((100 * getRow[2].rps) / hello0.rps, 0)}%)`),
      verdict(overviewRow[2].p95 <= 50, `360 view: HTTP p95 ${f(overviewRow[2].p95)} ms ≤ 50 ms`),
    );
    process.stdout.write(lines.join('\n') + '\n');
    if (plans.length) process.stdout.write(`\n## Query plans (EXPLAIN ANALYZE, after the load)\n\n${plans.join('\n\n')}\n`);
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await pool.end();
    await db.destroy();
    await embedded?.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
