// `npm run bench:metrics`: what collecting Prometheus metrics costs. GET /api/customers/{id} on two
// servers of the same build and database — one with metrics (METRICS_ENABLED=true), measured both
// unscraped and scraped every 15 s as the compose file's Prometheus does, and one without
// (METRICS_ENABLED=false) — each relative to a bare Express hello-world, measured in the same run,
// in rounds whose order rotates so machine noise falls on all. Target: metrics (scraped) cost at
// most 3% of the hello-relative throughput; medians over the rounds.
// Uses DATABASE_URL (+ MIGRATION_DATABASE_URL), or the embedded database under DATA_DIR; any
// database with customers will do (the demo data's are enough).
import { EventEmitter } from 'node:events';
import type { Db } from '../src/db';
import { createLogger } from '../src/platform/logger';
import { AppMetrics } from '../src/platform/metrics';
import { benchManager, DURATION_S, fixed as f, http, openBenchDatabase, startServers, verdict, type Figures, type Servers } from './bench-support';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const METRICS_TOKEN = 'bench-metrics-token-0123456789abcdef';
const SCRAPE_EVERY_MS = Number(process.env.BENCH_SCRAPE_EVERY_S ?? 15) * 1000;

/**
 * The middleware's own CPU cost per request, in this process (no network, no database): what the
 * HTTP figures above cannot resolve on a busy machine. Microseconds per request.
 */
function middlewareCostMicros(db: Db): number {
  const metrics = new AppMetrics(true, db, createLogger('silent'));
  const middleware = metrics.middleware();
  const run = (n: number) => {
    const started = performance.now();
    for (let i = 0; i < n; i++) {
      const req = { method: 'GET' } as never;
      const res = Object.assign(new EventEmitter(), { statusCode: 200, locals: { routeTemplate: '/api/customers/:id' } }) as never as EventEmitter;
      middleware(req, res as never, () => undefined);
      res.emit('finish');
      res.emit('close');
    }
    return performance.now() - started;
  };
  run(20_000); // warm-up
  const n = 200_000;
  return (run(n) * 1000) / n;
}

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

    const rounds: { hello: Figures; on: Figures; scraped: Figures; off: Figures; scrapes: number[] }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const hello = await http(withMetrics.helloUrl, ['/hello']);
      const measured: Partial<Record<'on' | 'scraped' | 'off', Figures>> = {};
      let scrapes: number[] = [];
      const steps = {
        off: async () => void (measured.off = await http(without!.appUrl, paths, authWithout)),
        on: async () => void (measured.on = await http(withMetrics!.appUrl, paths, authWith)),
        scraped: async () => {
          const r = await whileScraping(withMetrics!.appUrl, () => http(withMetrics!.appUrl, paths, authWith));
          measured.scraped = r.figures;
          scrapes = r.scrapes;
        },
      };
      // The order rotates each round, so a drift of the machine falls on every variant.
      const order = (['off', 'on', 'scraped'] as const).map((_, i, all) => all[(i + round) % all.length]!);
      for (const step of order) await steps[step]();
      rounds.push({ hello, on: measured.on!, scraped: measured.scraped!, off: measured.off!, scrapes });
    }

    const rel = (x: Figures, hello: Figures) => x.rps / hello.rps;
    const relOn = median(rounds.map((r) => rel(r.on, r.hello)));
    const relScraped = median(rounds.map((r) => rel(r.scraped, r.hello)));
    const relOff = median(rounds.map((r) => rel(r.off, r.hello)));
    const overhead = 1 - relScraped / relOff;
    const collecting = 1 - relOn / relOff;
    const scrapes = rounds.flatMap((r) => r.scrapes);
    const micros = middlewareCostMicros(db);
    const helloMicros = 1e6 / median(rounds.map((r) => r.hello.rps));
    const lines = [
      `Customers: ${Number(count).toLocaleString('en-US')}, ${ROUNDS} rounds of ${DURATION_S} s per measurement, Node ${process.version}; /metrics scraped every ${SCRAPE_EVERY_MS / 1000} s while measured with metrics`,
      '',
      '| round | hello req/s | without metrics req/s (p50 / p99 ms) | with metrics req/s (p50 / p99 ms) | with metrics, scraped req/s (p50 / p99 ms) | without ÷ hello | with ÷ hello | scraped ÷ hello |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rounds.map(
        (r, i) =>
          `| ${i + 1} | ${f(r.hello.rps, 0)} | ${f(r.off.rps, 0)} (${f(r.off.p50)} / ${f(r.off.p99)}) | ${f(r.on.rps, 0)} (${f(r.on.p50)} / ${f(r.on.p99)}) | ${f(r.scraped.rps, 0)} (${f(r.scraped.p50)} / ${f(r.scraped.p99)}) | ${f(100 * rel(r.off, r.hello), 2)}% | ${f(100 * rel(r.on, r.hello), 2)}% | ${f(100 * rel(r.scraped, r.hello), 2)}% |`,
      ),
      '',
      `Median hello-relative throughput: without metrics ${f(100 * relOff, 2)}%, with metrics ${f(100 * relOn, 2)}% (collecting costs ${f(100 * collecting, 1)}%), scraped ${f(100 * relScraped, 2)}% (metrics cost ${f(100 * overhead, 1)}%)`,
      `Scrapes: ${scrapes.length}, median ${f(median(scrapes))} ms, slowest ${f(Math.max(...scrapes))} ms`,
      `Middleware CPU per request (in process, no I/O): ${f(micros, 2)} µs — ${f((100 * micros) / helloMicros, 2)}% of a hello-world request's ${f(helloMicros, 0)} µs at this machine's hello throughput`,
      `Errors: ${rounds.reduce((n, r) => n + (r.on.errors ?? 0) + (r.scraped.errors ?? 0) + (r.off.errors ?? 0), 0)}`,
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
