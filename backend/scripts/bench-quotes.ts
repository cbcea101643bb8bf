// `npm run bench:quotes`: quote calculation through the real server at 10 concurrent connections,
// beside a bare Express hello-world measured in the same run, plus the rating engine alone
// in-process (what the HTTP figures are made of). Uses DATABASE_URL or the embedded database under
// DATA_DIR; the server seeds the reference catalog (and, locally, the demo customers) as it starts.
import { REFERENCE_PRODUCTS } from '../../seeds/reference/001_products';
import { rateQuote, type QuoteRequest } from '../src/modules/products/rating/rate-quote';
import { benchManager, CONNECTIONS, DURATION_S, fixed as f, http, openBenchDatabase, startServers, verdict, type Figures, type Servers } from './bench-support';

/** The engine alone: µs per quote, single-threaded. */
function engineMicros(): number {
  const def = REFERENCE_PRODUCTS.find((p) => p.code === 'TERM_LIFE')!.definition;
  const requests: QuoteRequest[] = Array.from({ length: 50 }, (_, i) => ({
    applicant: { entryAge: 20 + i, gender: i % 2 ? 'male' : 'female', smoker: i % 5 === 0, region: 'NY', occupationClass: 1 + (i % 4) },
    coverages: [
      { code: 'DEATH', sumInsured: (100_000 + i * 10_000) * 100 },
      { code: 'ADB', sumInsured: 100_000_00 },
    ],
    termYears: [10, 20][i % 2]!,
    paymentFrequency: 'monthly',
  }));
  for (let i = 0; i < 2_000; i++) rateQuote(def, requests[i % requests.length]!); // warm up
  const n = 20_000;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) rateQuote(def, requests[i % requests.length]!);
  return Number(process.hrtime.bigint() - t0) / 1e3 / n;
}

async function main() {
  const { config, databaseUrl, db, close } = await openBenchDatabase();
  let servers: Servers | undefined;
  try {
    servers = await startServers(databaseUrl, config.appEnv);
    const branchIds: string[] = await db('branches').pluck('id');
    const { auth } = await benchManager(db, servers.appUrl, branchIds);
    const productId = async (code: string) => (await db('products').where({ code }).first('id'))?.id as string;
    const [termLife, auto] = [await productId('TERM_LIFE'), await productId('AUTO_PRIVATE')];
    if (!termLife || !auto) throw new Error('The reference catalog is missing: start the server once on this database.');

    const year = new Date().getUTCFullYear();
    const applicantQuotes = Array.from({ length: 50 }, (_, i) => ({
      method: 'POST' as const,
      path: '/api/quotes',
      body: {
        productId: termLife,
        applicant: { dateOfBirth: `${year - 20 - i}-06-15`, gender: i % 2 ? 'male' : 'female', smoker: i % 5 === 0, region: 'NY', occupationClass: 1 + (i % 4) },
        coverages: [{ code: 'DEATH', sumInsured: (100_000 + i * 10_000) * 100 }],
        termYears: 20,
        paymentFrequency: 'monthly',
      },
    }));
    const customers: string[] = await db('customers')
      .where({ country: 'US' })
      .whereNotNull('region')
      .whereIn('branch_id', branchIds)
      .whereNot('status', 'merged')
      .orderBy('customer_number')
      .limit(50)
      .pluck('id');
    const customerQuotes = customers.map((customerId, i) => ({
      method: 'POST' as const,
      path: '/api/quotes',
      body: {
        productId: auto,
        customerId,
        risk: { vehicleAge: i % 15, vehicleUse: 'commute' },
        coverages: [
          { code: 'LIABILITY', sumInsured: 300_000_00 },
          { code: 'COLLISION', sumInsured: 25_000_00, deductible: 500_00 },
        ],
        termYears: 1,
        paymentFrequency: 'annual',
      },
    }));

    const micros = engineMicros();
    const hello = await http(servers.helloUrl, ['/hello']);
    const rows: [string, Figures][] = [
      ['Hello world (bare Express)', hello],
      ['Quote: applicant, term life', await http(servers.appUrl, applicantQuotes, auth)],
    ];
    if (customerQuotes.length) rows.push(['Quote: customer on file, auto', await http(servers.appUrl, customerQuotes, auth)]);

    const lines = [
      `${CONNECTIONS} connections, ${DURATION_S} s per measurement, Node ${process.version}; rating engine alone: ${f(micros, 0)} µs per quote`,
      '',
      '| request | p50 ms | p95 ms | p99 ms | req/s | errors |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows.map(([label, h]) => `| ${label} | ${f(h.p50)} | ${f(h.p95)} | ${f(h.p99)} | ${f(h.rps, 0)} | ${h.errors ?? 0} |`),
      '',
      ...rows
        .slice(1)
        .flatMap(([label, h]) => [
          verdict(h.p95 <= 25, `${label}: p95 ${f(h.p95)} ms ≤ 25 ms`),
          verdict(h.rps >= 0.3 * hello.rps, `${label}: ${f(h.rps, 0)} req/s ≥ 30% of hello world ${f(hello.rps, 0)} req/s (${f((100 * h.rps) / hello.rps, 0)}%)`),
          verdict(!h.errors, `${label}: no errors`),
        ]),
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    servers?.stop();
    await close();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
