// `npm run bench:metrics`: what collecting Prometheus metrics costs. GET /api/customers/{id} on two
// servers of the same build and database — one with metrics (METRICS_ENABLED=true, scraped every
// 5 s during its measurement, as Prometheus would) and one without (METRICS_ENABLED=false) — each
// relative to a bare Express hello-world, measured in the same run, in alternating rounds so
// machine noise falls on both. Target: metrics cost at most 3% of the hello-relative throughput.
// Uses DATABASE_URL (+ MIGRATION_DATABASE_URL), or the embedded database under DATA_DIR; any
// database with customers will do (the demo data's are enough).
import { benchManager, DURATION_S, fixed as f, http, openBenchDatabase, startServers, verdict, type Figures, type Servers } from './bench-support';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const METRICS_TOKEN = 'bench-metrics-token-0123456789abcdef';
const SCRAPE_EVERY_MS = 5_000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Scrapes /metrics every SCRAPE_EVERY_MS while `work` runs; returns the work's figures and the scrapes' durations. */
async function whileScraping(appUrl: string, work: () => Promise<Figures>): Promise<{ figures: Figures; scrapes: number[] }> {
  const scrapes: number[] = [];
  let stop = false;
  const scraper = (async () => {
    while (!stop) {
      const t0 = performance.now();
      const res = await fetch(`${appUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
      await res.text();
      scrapes.push(performance.now() - t0);
      for (let waited = 0; waited < SCRAPE_EVERY_MS && !stop; waited += 100) await new Promise((r) => setTimeout(r, 100));
    }
  })();
  try {
    return { figures: await work(), scrapes };
  } finally {
    stop = true;
    await scraper;
  }
}

async function main() {
  const { config, databaseUrl, db, close } = await openBenchDatabase();
  let withMetrics: Servers | undefined;
  let without: Servers | undefined;
  try {
    withMetrics = await startServers(databaseUrl, config.appEnv, undefined, { METRICS_ENABLED: 'true', METRICS_TOKEN });
    without = await startServers(databaseUrl, config.appEnv, undefined, { METRICS_ENABLED: 'false' });
    const [{ count }] = await db('customers').count<{ count: number }[]>('* as count');
    if (Number(count) < 10) throw new Error(`Only ${count} customers: start the server once in local mode (demo data) or load npm run seed:volume.`);
    const branchIds: string[] = await db('branches').pluck('id');
    const ids: string[] = await db('customers').whereNot('status', 'merged').whereIn('branch_id', branchIds).orderByRaw('md5(id::text)').limit(500).pluck('id');
    // The same manager (all branches) on both servers: one user, a session on each.
    const { auth: authWith } = await benchManager(db, withMetrics.appUrl, branchIds);
    const { auth: authWithout } = await benchManager(db, without.appUrl, branchIds);
    const paths = ids.map((id) => `/api/customers/${id}`);
    // Warm both (JIT, pools, caches) before measuring.
    await http(withMetrics.appUrl, paths, authWith);
    await http(without.appUrl, paths, authWithout);

    const rounds: { hello: Figures; on: Figures; off: Figures; scrapes: number[] }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const hello = await http(withMetrics.helloUrl, ['/hello']);
      // Alternate which goes first, so a drift of the machine during a round falls on both.
      let on: { figures: Figures; scrapes: number[] };
      let off: Figures;
      if (round % 2 === 0) {
        off = await http(without.appUrl, paths, authWithout);
        on = await whileScraping(withMetrics.appUrl, () => http(withMetrics!.appUrl, paths, authWith));
      } else {
        on = await whileScraping(withMetrics.appUrl, () => http(withMetrics!.appUrl, paths, authWith));
        off = await http(without.appUrl, paths, authWithout);
      }
      rounds.push({ hello, on: on.figures, off, scrapes: on.scrapes });
    }

    const rel = (x: Figures, hello: Figures) => x.rps / hello.rps;
    const relOn = median(rounds.map((r) => rel(r.on, r.hello)));
    const relOff = median(rounds.map((r) => rel(r.off, r.hello)));
    const overhead = 1 - relOn / relOff;
    const scrapes = rounds.flatMap((r) => r.scrapes);
    const lines = [
      `Customers: ${Number(count).toLocaleString('en-US')}, ${ROUNDS} rounds of ${DURATION_S} s per measurement, Node ${process.version}; /metrics scraped every ${SCRAPE_EVERY_MS / 1000} s while measured with metrics`,
      '',
      '| round | hello req/s | without metrics req/s (p50 / p99 ms) | with metrics req/s (p50 / p99 ms) | without ÷ hello | with ÷ hello |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rounds.map(
        (r, i) =>
          `| ${i + 1} | ${f(r.hello.rps, 0)} | ${f(r.off.rps, 0)} (${f(r.off.p50)} / ${f(r.off.p99)}) | ${f(r.on.rps, 0)} (${f(r.on.p50)} / ${f(r.on.p99)}) | ${f(100 * rel(r.off, r.hello), 1)}% | ${f(100 * rel(r.on, r.hello), 1)}% |`,
      ),
      '',
      `Median hello-relative throughput: without metrics ${f(100 * relOff, 1)}%, with metrics ${f(100 * relOn, 1)}% → metrics cost ${f(100 * overhead, 1)}%`,
      `Scrapes: ${scrapes.length}, median ${f(median(scrapes))} ms, slowest ${f(Math.max(...scrapes))} ms`,
      `Errors: ${rounds.reduce((n, r) => n + (r.on.errors ?? 0) + (r.off.errors ?? 0), 0)}`,
      '',
      verdict(overhead <= 0.03, `/metrics adds ${f(100 * overhead, 1)}% ≤ 3% to the hello-relative throughput of GET /api/customers/{id}`),
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    withMetrics?.stop();
    without?.stop();
    await close();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
