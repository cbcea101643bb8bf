// `npm run bench:service`: the service desk on the volume data (npm run seed:volume -- --customers
// 180000 --cases 250000 --open-cases 200000 --interactions 2000000: see cli/volume-service.ts).
// Through the real server at 10 concurrent connections, beside a bare Express hello-world measured in
// the same run:
// - logging an interaction: POST /api/interactions (a call with a customer of the agent's branch, as
//   the console's "Log a call" sends it), by service agents of median load;
// - the customer timeline, first page: GET /api/customers/{id}/timeline?limit=10 (every kind, as the
//   customer overview asks) over 500 random customers with interactions;
// - My work: GET /api/my-work, by the 20 service agents around the median number of open cases.
// Then the every-minute SLA job (SlaMonitor.run, as the job runs it) over every open case, twice: at
// now when the business calendar is open, else at the next business minute (the job skips clocks
// whose calendar is closed, so a run at night measures nothing). Uses DATABASE_URL, or the embedded
// database under DATA_DIR. `-- --plans` also prints the plans (EXPLAIN ANALYZE) of the timeline's and
// My work's main queries.
import { performance } from 'node:perf_hooks';
import { Clock } from '../src/platform/clock';
import { createSharedServices } from '../src/modules/shared-services';
import { buildServiceDesk } from '../src/modules/service/service-desk';
import { hashPassword } from '../src/modules/identity/passwords';
import { CONNECTIONS, DURATION_S, fixed as f, http, openBenchDatabase, startServers, verdict, type Figures, type HttpRequest, type Servers } from './bench-support';

const MIN_INTERACTIONS = Number(process.env.BENCH_MIN_INTERACTIONS ?? 2_000_000);
const MIN_OPEN_CASES = Number(process.env.BENCH_MIN_OPEN_CASES ?? 200_000);
/** The console's page of the customer timeline (frontend CustomerTimelinePanel: ten at a time). */
const TIMELINE_PAGE = 10;
const AGENTS = 20;
const PASSWORD = 'Bench-service-passphrase';

const statuses = (h: Figures) => {
  const entries = Object.entries(h.errorStatuses ?? {});
  return entries.length ? ` (${entries.map(([status, n]) => `${n}× ${status}`).join(', ')})` : '';
};

async function main() {
  const { config, databaseUrl, db, close } = await openBenchDatabase();
  let servers: Servers | undefined;
  try {
    const [volume] = (
      await db.raw(
        `SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM service_interactions) AS interactions,
                (SELECT count(*) FROM service_cases) AS cases, (SELECT count(*) FROM service_cases WHERE status IN ('new', 'open', 'pending')) AS open,
                (SELECT count(*) FROM service_clock_events) AS events`,
      )
    ).rows as Record<string, string>[];
    const [interactions, open] = [Number(volume!.interactions), Number(volume!.open)];
    if (interactions < MIN_INTERACTIONS || open < MIN_OPEN_CASES)
      throw new Error(
        `Only ${interactions} interactions and ${open} open cases (BENCH_MIN_INTERACTIONS ${MIN_INTERACTIONS}, BENCH_MIN_OPEN_CASES ${MIN_OPEN_CASES}): load the volume data first (npm run seed:volume -- --customers 180000 --cases 250000 --open-cases 200000 --interactions 2000000).`,
      );

    // The agents: the 20 volume service agents around the median number of open cases assigned.
    const ranked: { id: string; email: string; branch_id: string; open: string }[] = (
      await db.raw(
        `SELECT u.id, u.email, u.branch_id, count(c.id) AS open
           FROM users u LEFT JOIN service_cases c ON c.assignee_id = u.id AND c.status IN ('new', 'open', 'pending')
          WHERE u.role = 'agent' AND u.active AND u.email LIKE 'volume-service-%@volume.test' GROUP BY u.id ORDER BY 4, u.email`,
      )
    ).rows;
    if (ranked.length < AGENTS) throw new Error('Not enough volume service agents: seed the service desk first (--cases).');
    const mid = Math.floor(ranked.length / 2);
    const agents = ranked.slice(mid - AGENTS / 2, mid + AGENTS / 2);
    const passwordHash = await hashPassword(PASSWORD, 4);
    await db('users')
      .whereIn(
        'id',
        agents.map((a) => a.id),
      )
      .update({ password_hash: passwordHash, must_change_password: false, failed_login_count: 0, locked_until: null });

    // Timeline pages and calls: 500 customers with interactions, in the agents' branches.
    const branchIds = [...new Set(agents.map((a) => a.branch_id))];
    const customers: { id: string; branch_id: string }[] = (
      await db.raw(
        `SELECT c.id, c.branch_id FROM customers c TABLESAMPLE SYSTEM (5) REPEATABLE (14)
          WHERE c.branch_id = ANY(?) AND EXISTS (SELECT 1 FROM service_interactions i WHERE i.customer_id = c.id) ORDER BY md5(c.id::text) LIMIT 500`,
        [branchIds],
      )
    ).rows;

    servers = await startServers(databaseUrl, config.appEnv);
    const { appUrl } = servers;
    const tokens = new Map<string, string>();
    for (const a of agents) {
      const login = await fetch(`${appUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: a.email, password: PASSWORD }),
      });
      if (!login.ok) throw new Error(`bench login of ${a.email} failed: ${login.status}`);
      tokens.set(a.id, `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`);
    }
    const as = (agentId: string) => () => ({ authorization: tokens.get(agentId)! });
    const agentOf = (branchId: string, i: number) => {
      const mine = agents.filter((a) => a.branch_id === branchId);
      return mine[i % mine.length]!.id;
    };

    const timelines: HttpRequest[] = customers.map((c, i) => ({ path: `/api/customers/${c.id}/timeline?limit=${TIMELINE_PAGE}`, headers: as(agentOf(c.branch_id, i)) }));
    const calls: HttpRequest[] = customers.map((c, i) => ({
      method: 'POST',
      path: '/api/interactions',
      headers: as(agentOf(c.branch_id, i)),
      body: {
        channel: 'phone_inbound',
        customerId: c.id,
        subject: 'Question about the renewal',
        notes: 'Explained the renewal date and the premium.',
        outcome: 'Answered',
        durationSeconds: 240,
        resolvedOnFirstContact: true,
      },
    }));
    const myWork: HttpRequest[] = agents.map((a) => ({ path: '/api/my-work', headers: as(a.id) }));

    const rows: [string, Figures][] = [];
    const hello = await http(servers.helloUrl, ['/hello']);
    rows.push(['Hello world (bare Express)', hello]);
    const logged = await http(appUrl, calls);
    rows.push(['POST /api/interactions (log a call)', logged]);
    const timeline = await http(appUrl, timelines);
    rows.push([`GET /api/customers/{id}/timeline (first page, ${TIMELINE_PAGE})`, timeline]);
    const work = await http(appUrl, myWork);
    rows.push([`GET /api/my-work (${AGENTS} agents around the median)`, work]);

    const ratio = (h: Figures) => `${f((100 * h.rps) / hello.rps, 0)}% of hello world`;
    // The requests' figures first (the SLA job may take long on a slow build).
    process.stdout.write(
      [
        `Customers ${Number(volume!.customers).toLocaleString('en-US')}, interactions ${interactions.toLocaleString('en-US')}, cases ${Number(volume!.cases).toLocaleString('en-US')} ` +
          `(${open.toLocaleString('en-US')} open), clock events ${Number(volume!.events).toLocaleString('en-US')}; agents with ${agents[0]!.open}–${agents[agents.length - 1]!.open} open cases; ` +
          `${CONNECTIONS} connections, ${DURATION_S} s per measurement, Node ${process.version}`,
        '',
        '| request | p50 ms | p95 ms | p99 ms | req/s | errors |',
        '| --- | --- | --- | --- | --- | --- |',
        ...rows.map(([label, h]) => `| ${label} | ${f(h.p50)} | ${f(h.p95)} | ${f(h.p99)} | ${f(h.rps, 0)} | ${h.errors ?? 0}${statuses(h)} |`),
        '',
      ].join('\n') + '\n',
    );

    // The SLA job, built as the server builds it, on a clock at a business minute.
    const clock = new Clock(config.businessTimeZone);
    const desk = buildServiceDesk({ db, clock, config, services: createSharedServices(db, clock, config) });
    const engine = await desk.calendars.defaultEngine(db);
    const realNow = clock.now();
    const at = engine.isOpen(realNow) ? realNow : engine.addMinutes(realNow, 1);
    if (!engine.isOpen(realNow)) clock.set(at);
    const runs: { seconds: number; clocks: number; warnings: number; breaches: number }[] = [];
    for (let i = 0; i < 2; i++) {
      const started = performance.now();
      const r = await desk.slaMonitor.run();
      runs.push({ seconds: (performance.now() - started) / 1000, ...r });
    }

    const lines = [
      `SLA job at ${at.toISOString()}${at === realNow ? '' : ' (the next business minute: the calendar is closed now)'}:`,
      ...runs.map(
        (r, i) => `  run ${i + 1}: ${f(r.seconds, 2)} s, ${r.clocks.toLocaleString('en-US')} clocks counting, ${r.warnings} warnings and ${r.breaches} breaches recorded`,
      ),
      '',
      verdict(logged.p95 <= 30, `Log an interaction POST /api/interactions: p95 ${f(logged.p95)} ms ≤ 30 ms (${ratio(logged)})`),
      verdict(!logged.errors, 'Log an interaction: no errors'),
      verdict(timeline.p95 <= 30, `Customer timeline, first page: p95 ${f(timeline.p95)} ms ≤ 30 ms (${ratio(timeline)})`),
      verdict(!timeline.errors, 'Customer timeline: no errors'),
      verdict(work.p95 <= 40, `My work: p95 ${f(work.p95)} ms ≤ 40 ms (${ratio(work)})`),
      verdict(!work.errors, 'My work: no errors'),
      verdict(
        Math.max(...runs.map((r) => r.seconds)) <= 5,
        `SLA job over ${open.toLocaleString('en-US')} open cases: ${runs.map((r) => f(r.seconds, 2)).join(' s, ')} s per run ≤ 5 s`,
      ),
    ];
    process.stdout.write(lines.join('\n') + '\n');
    if (process.argv.includes('--plans'))
      process.stdout.write(`\n## Query plans (EXPLAIN ANALYZE, after the load)\n\n${(await plans(db, customers[0]!.id, agents[0]!.id)).join('\n\n')}\n`);
  } finally {
    servers?.stop();
    await close();
  }
}

/** The plans of the timeline's interaction and case reads and My work's case read, for one customer and agent. */
async function plans(db: Awaited<ReturnType<typeof openBenchDatabase>>['db'], customerId: string, agentId: string): Promise<string[]> {
  const out: string[] = [];
  const explain = async (label: string, sql: string, bindings: unknown[]) => {
    const { rows } = await db.raw(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, bindings as never[]);
    out.push(`### ${label}\n\n\`\`\`\n${(rows as Record<string, string>[]).map((r) => r['QUERY PLAN']).join('\n')}\n\`\`\``);
  };
  await explain(
    'Timeline: the customer interactions (first page)',
    `SELECT id, occurred_at FROM service_interactions WHERE customer_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ${TIMELINE_PAGE + 1}`,
    [customerId],
  );
  await explain(
    "My work: the agent's open cases and their clocks",
    `SELECT c.id, e.metric, e.type, e.at FROM service_cases c JOIN service_clock_events e ON e.subject_type = 'case' AND e.subject_id = c.id
      WHERE c.assignee_id = ? AND c.status IN ('new', 'open', 'pending') ORDER BY e.id`,
    [agentId],
  );
  return out;
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
