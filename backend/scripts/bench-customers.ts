// `npm run bench:customers`: the customer queries on the volume data (npm run seed:volume), measured
// three ways in one run — raw SQL through pg, HTTP through the real server (autocannon), and a bare
// Express hello-world as the baseline — at 10 concurrent connections. Prints a table and verdicts.
// Uses DATABASE_URL, or the embedded database under DATA_DIR. `-- --plans` also prints each query's plan.
import pg from 'pg';
import { Clock } from '../src/platform/clock';
import { keysetQuery } from '../src/platform/pagination';
import { CustomersService } from '../src/modules/customers/customers.service';
import { createSharedServices } from '../src/modules/shared-services';
import { RiskService } from '../src/modules/customers/risk.service';
import type { Actor } from '../src/platform/actor';
import { benchManager, CONNECTIONS, openBenchDatabase, DURATION_S, fixed as f, http, startServers, summarize, verdict, type Figures, type Servers } from './bench-support';

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

async function main() {
  const { config, databaseUrl, db, close } = await openBenchDatabase();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CONNECTIONS });
  let servers: Servers | undefined;
  try {
    const [{ count }] = await db('customers').count<{ count: number }[]>('* as count');
    if (Number(count) < 100_000) throw new Error(`Only ${count} customers: load the volume data first (npm run seed:volume -- --customers 1000000).`);
    const branchIds: string[] = await db('branches').whereIn('code', ['NORTH', 'SOUTH']).pluck('id');
    // The real server (built) and the baseline, each in its own process.
    servers = await startServers(databaseUrl, config.appEnv);
    const { appUrl } = servers;
    // A manager of both branches, so scoping is part of every query (as in real use).
    const { userId, auth } = await benchManager(db, appUrl, branchIds);
    const actor: Actor = { userId, role: 'manager', branchId: branchIds[0]!, branchIds, permissions: new Set(), mustChangePassword: false, sessionId: '' };

    // Inputs taken from the data itself.
    const sample = await db('customers').whereNot('status', 'merged').orderByRaw('md5(id::text)').limit(500).select('id', 'phone_digits', 'customer_number');
    const ids = sample.map((s) => s.id as string);
    const phoneFragment = String(sample[0].phone_digits).slice(4, 10);
    const numberQuery = sample[1].customer_number as string;

    const services = createSharedServices(db, new Clock(), config);
    const customers = new CustomersService(
      db,
      new Clock(),
      services.audit,
      services.fieldCrypto,
      new RiskService(new Clock(), services.customerExtensions),
      services.customerExtensions,
      services.agents,
      services.branches,
      config.baseCurrency,
    );
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
    rows.push(['Hello world (bare Express)', undefined, await http(servers.helloUrl, ['/hello'])]);
    for (const [label, q] of searches) {
      const { query, order } = customers.searchQuery(actor, { q, limit: 25 });
      const { sql, bindings } = keysetQuery(query, order, { limit: 25 }).toSQL().toNative();
      const raw = await rawSql(pool, sql, bindings as unknown[]);
      await explain(`${label} (q = ${JSON.stringify(q)})`, sql, bindings as unknown[]);
      rows.push([label, raw, await http(appUrl, [`/api/customers?q=${encodeURIComponent(q)}&limit=25`], auth)]);
    }
    // The exact statement the service runs: the read and its durable audit row, in one round trip.
    const byId = customers.recordRead(actor, ids[0]!).toSQL().toNative();
    rows.push([
      'GET customer by id',
      await rawSql(pool, byId.sql, byId.bindings as unknown[]),
      await http(
        appUrl,
        ids.map((id) => `/api/customers/${id}`),
        auth,
      ),
    ]);
    await explain('GET customer by id', byId.sql, byId.bindings as unknown[]);
    rows.push([
      '360 view (overview)',
      undefined,
      await http(
        appUrl,
        ids.map((id) => `/api/customers/${id}/overview`),
        auth,
      ),
    ]);

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
    lines.push(
      '',
      ...searchRows.map(([label, , h]) => verdict(h.p95 <= 60, `${label}: HTTP p95 ${f(h.p95)} ms ≤ 60 ms`)),
      // The API may add at most 30% over the floor: the query itself plus a bare HTTP round trip.
      ...[...searchRows, getRow].map(([label, sql, h]) => {
        const floor = sql!.p50 + hello0.p50;
        return verdict(h.p50 <= 1.3 * floor, `${label}: HTTP p50 ${f(h.p50)} ms ≤ 1.3 × (SQL p50 ${f(sql!.p50, 2)} + hello p50 ${f(hello0.p50)}) ms (${f(h.p50 / floor, 2)}×)`);
      }),
      verdict(
        getRow[2].rps >= 0.3 * hello0.rps,
        `GET by id with its durable audit row ${f(getRow[2].rps, 0)} req/s ≥ 30% of hello world ${f(hello0.rps, 0)} req/s (${f((100 * getRow[2].rps) / hello0.rps, 0)}%)`,
      ),
      verdict(overviewRow[2].p95 <= 50, `360 view: HTTP p95 ${f(overviewRow[2].p95)} ms ≤ 50 ms`),
    );
    process.stdout.write(lines.join('\n') + '\n');
    if (plans.length) process.stdout.write(`\n## Query plans (EXPLAIN ANALYZE, after the load)\n\n${plans.join('\n\n')}\n`);
  } finally {
    servers?.stop();
    await pool.end();
    await close();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
