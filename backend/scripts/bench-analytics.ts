// `npm run bench:analytics`: dashboards, drill-down, exports and the nightly snapshots (issue 18) on
// the volume data (npm run seed:volume: 1,000,000 customers; --policies 100000 --claims 20000; the
// service desk's cases and interactions). Through the real server at 10 concurrent connections, beside
// a bare Express hello-world measured in the same run:
// - each role's dashboard: GET /api/analytics/kpis?from&to, the request the console's dashboard page
//   sends (frontend/src/features/analytics/pages/kpis.tsx: every KPI the reader may see — the page
//   picks the role's from them — no filter, no comparison), over the page's default period (this
//   month to today) and over the last 30 days (so the load does not depend on the day of the month);
//   both end today, so every figure is computed live. As: the bench manager of North and South, a
//   bench underwriter and a bench admin (created as benchManager does: their scope is branches, all of
//   them for the last two); the North agent who sold the most policies and the North claims adjuster
//   with the most claims (their dashboards count their own work, which a new user would not have);
// - the drill-down: GET /api/analytics/kpis/billing.loss-ratio/rows (the console's "Rows": 50 a page)
//   as the manager, over the same two periods, through the first pages ("Load more": their cursors
//   walked once before the measurement).
// In this process, as the server's workers run them (jobs.runNow calls the handler a worker calls):
// - the nightly snapshot job `analytics.snapshot-kpis`: yesterday's snapshot is removed first so the
//   run takes exactly one closed day, the night's work; when other days are missing too (the first
//   run on a database) that run is a catch-up, reported as such, and yesterday is then taken again;
// - the exports: a custom report over the customers dataset (every field; the largest row source) is
//   saved and its export queued through the API (POST /api/reports/reports.custom/exports, as the
//   console does), then the `reports.run-export` job's handler writes it here: the whole book to CSV,
//   and to Excel the customers born up to the date that makes about 200,000 rows. Why here and not in
//   a server with JOBS_ENABLED=true: such a server also runs every module's schedules — the minute SLA
//   monitor alone walks every open case (200,000 on the volume data) — whose time and memory would be
//   mixed into the export's; here nothing else runs during the export, so the process's RSS growth
//   (sampled every 50 ms, and the kernel's peak VmHWM reset before the run) is the export's own. The
//   export files are deleted afterwards and marked purged (as the purge job does).
// A row count below the target's (a smaller database) is said so, and its time judged in proportion.
// Uses DATABASE_URL, or the embedded database under DATA_DIR.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app';
import { Clock } from '../src/platform/clock';
import { addDays } from '../src/platform/calendar';
import { JobRegistry } from '../src/platform/jobs';
import { createLogger } from '../src/platform/logger';
import { loadLocalSecrets, withLocalVoiceKeys } from '../src/platform/secrets';
import { SNAPSHOT_KPIS_JOB } from '../src/modules/analytics/kpi-snapshots';
import { RUN_REPORT_EXPORT_JOB } from '../src/modules/reports/report-exports.service';
import type { ReportExport } from '../src/contracts/reports';
import { benchManager, benchUser, CONNECTIONS, DURATION_S, fixed as f, http, loginAs, openBenchDatabase, startServers, verdict, type Figures, type Servers } from './bench-support';

const MIN_CUSTOMERS = Number(process.env.BENCH_MIN_CUSTOMERS ?? 1_000_000);
const MIN_POLICIES = Number(process.env.BENCH_MIN_POLICIES ?? 100_000);
const CSV_ROWS = 1_000_000;
const EXCEL_ROWS = 200_000;
/** The console's page of rows behind a figure (KpiRowsModal through useKpiRows). */
const ROWS_PAGE = 50;
/** How many of the drill-down's pages the measurement goes through. */
const DRILL_PAGES = 20;
const MB = 1024 * 1024;

const statuses = (h: Figures) => {
  const entries = Object.entries(h.errorStatuses ?? {});
  return entries.length ? ` (${entries.map(([status, n]) => `${n}× ${status}`).join(', ')})` : '';
};

/** The process's resident memory while `run` runs: before, the highest seen (samples and the kernel's high-water mark), growth. */
async function withMemory<T>(run: () => Promise<T>): Promise<{ result: T; seconds: number; before: number; peak: number }> {
  // Writing 5 to clear_refs resets VmHWM (the peak RSS) to the current RSS (Linux ≥ 4.0); elsewhere the samples alone count.
  const hwm = (() => {
    try {
      fs.writeFileSync('/proc/self/clear_refs', '5');
      return true;
    } catch {
      return false;
    }
  })();
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
  const started = performance.now();
  try {
    const result = await run();
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, process.memoryUsage.rss());
    if (hwm) {
      const kb = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1];
      if (kb) peak = Math.max(peak, Number(kb) * 1024);
    }
    return { result, seconds, before, peak };
  } finally {
    clearInterval(timer);
  }
}

async function main() {
  const { config, databaseUrl, db, close } = await openBenchDatabase();
  let servers: Servers | undefined;
  let jobs: JobRegistry | undefined;
  try {
    const [volume] = (
      await db.raw(
        `SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM policies) AS policies, (SELECT count(*) FROM claims) AS claims,
                (SELECT count(*) FROM journal_entries) AS entries, (SELECT count(*) FROM service_cases) AS cases, (SELECT count(*) FROM service_interactions) AS interactions`,
      )
    ).rows as Record<string, string>[];
    const count = (k: string) => Number(volume![k]);
    if (count('customers') < MIN_CUSTOMERS || count('policies') < MIN_POLICIES)
      throw new Error(
        `Only ${count('customers')} customers and ${count('policies')} policies (BENCH_MIN_CUSTOMERS ${MIN_CUSTOMERS}, BENCH_MIN_POLICIES ${MIN_POLICIES}): ` +
          'load the volume data first (npm run seed:volume, then -- --policies 100000 --claims 20000 and the service desk’s cases and interactions).',
      );
    const branchIds: string[] = await db('branches').whereIn('code', ['NORTH', 'SOUTH']).orderBy('code').pluck('id');
    const north: string = (await db('branches').where({ code: 'NORTH' }).first('id')).id;
    const clock = new Clock(config.businessTimeZone);
    const today = clock.businessDate();
    const yesterday = addDays(today, -1);
    const periods = [
      { label: 'this month (the page’s default)', from: `${today.slice(0, 8)}01`, to: today },
      { label: 'last 30 days', from: addDays(today, -29), to: today },
    ];

    // The agent and the adjuster whose own work is the largest in North.
    const agent: { id: string; email: string; policies: string } | undefined = (
      await db.raw(
        `SELECT u.id, u.email, (SELECT count(*) FROM policies p WHERE p.agent_id = u.id) AS policies
           FROM users u WHERE u.role = 'agent' AND u.active AND u.branch_id = ? ORDER BY 3 DESC, u.email LIMIT 1`,
        [north],
      )
    ).rows[0];
    const adjuster: { id: string; email: string; claims: string } | undefined = (
      await db.raw(
        `SELECT u.id, u.email, (SELECT count(*) FROM claims c WHERE c.assignee_id = u.id) AS claims
           FROM users u WHERE u.role = 'claims_adjuster' AND u.active AND u.branch_id = ? ORDER BY 3 DESC, u.email LIMIT 1`,
        [north],
      )
    ).rows[0];
    if (!agent || !adjuster) throw new Error('No agent or claims adjuster in North: seed policies and claims first (--policies, --claims).');

    servers = await startServers(databaseUrl, config.appEnv);
    const { appUrl } = servers;
    const manager = await benchManager(db, appUrl, branchIds);
    const roles: { role: string; auth: { authorization: string } }[] = [
      { role: 'manager', auth: manager.auth },
      { role: 'agent', auth: await loginAs(db, appUrl, agent.id, agent.email) },
      { role: 'underwriter', auth: (await benchUser(db, appUrl, { role: 'underwriter', email: 'bench-underwriter@bench.test', name: 'Bench Underwriter', branchIds })).auth },
      { role: 'claims adjuster', auth: await loginAs(db, appUrl, adjuster.id, adjuster.email) },
      { role: 'admin', auth: (await benchUser(db, appUrl, { role: 'admin', email: 'bench-admin@bench.test', name: 'Bench Admin', branchIds })).auth },
    ];

    // The app built in this process, for the jobs' handlers (no HTTP, no workers: the server above has none either).
    const logger = createLogger('warn');
    const local = config.isProduction ? undefined : loadLocalSecrets(config);
    const appConfig = local ? { ...config, voice: withLocalVoiceKeys(config.voice, local) } : config;
    const registry = (jobs = new JobRegistry(logger, config.businessTimeZone));
    createApp({ config: appConfig, db, logger, clock, jobs: registry, consoleDir: null });
    // Queueing an export sends its job: this instance only sends (as the server does with JOBS_ENABLED=false).
    await registry.start(databaseUrl, { runWorkers: false });

    // The nightly snapshot job: yesterday removed, so the run takes it (and any other day missing: a catch-up).
    const dropYesterday = async () => {
      await db('kpi_daily_snapshots').where({ day: yesterday }).delete();
      await db('kpi_snapshot_days').where({ day: yesterday }).delete();
    };
    const daysTaken = async () => Number((await db('kpi_snapshot_days').count<{ n: string }[]>('* as n'))[0]!.n);
    const snapshotRun = async () => {
      const before = await daysTaken();
      const started = performance.now();
      await registry.runNow(SNAPSHOT_KPIS_JOB, {});
      return { seconds: (performance.now() - started) / 1000, days: (await daysTaken()) - before };
    };
    await dropYesterday();
    let nightly = await snapshotRun();
    let catchUp: typeof nightly | undefined;
    if (nightly.days > 1) {
      catchUp = nightly;
      await dropYesterday();
      nightly = await snapshotRun();
    }
    const snapshotRows = Number((await db('kpi_daily_snapshots').where({ day: yesterday }).count<{ n: string }[]>('* as n'))[0]!.n);

    // HTTP: hello world, the dashboards, the drill-down.
    const rows: [string, Figures][] = [];
    const hello = await http(servers.helloUrl, ['/hello']);
    rows.push(['Hello world (bare Express)', hello]);
    const dashboards: { role: string; period: string; h: Figures }[] = [];
    for (const { role, auth } of roles)
      for (const p of periods) {
        const h = await http(appUrl, [`/api/analytics/kpis?from=${p.from}&to=${p.to}`], auth);
        dashboards.push({ role, period: p.label, h });
        rows.push([`${role} dashboard: GET /api/analytics/kpis, ${p.label}`, h]);
      }
    const drills: { period: string; pages: number; h: Figures }[] = [];
    for (const p of periods) {
      const base = `/api/analytics/kpis/billing.loss-ratio/rows?from=${p.from}&to=${p.to}&limit=${ROWS_PAGE}`;
      const pages = [base];
      for (let cursor: string | null = null; pages.length < DRILL_PAGES;) {
        const res = await fetch(`${appUrl}${pages[pages.length - 1]}`, { headers: manager.auth });
        if (!res.ok) throw new Error(`drill-down page failed: ${res.status} ${await res.text()}`);
        cursor = ((await res.json()) as { nextCursor: string | null }).nextCursor;
        if (!cursor) break;
        pages.push(`${base}&cursor=${encodeURIComponent(cursor)}`);
      }
      const h = await http(appUrl, pages, manager.auth);
      drills.push({ period: p.label, pages: pages.length, h });
      rows.push([`Loss ratio's rows (manager), ${p.label}: ${pages.length} page(s) of ${ROWS_PAGE}`, h]);
    }

    // The exports: a saved custom report over every customer field, queued through the API, written here by the job's handler.
    const api = async <T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${appUrl}${url}`, {
        method,
        headers: { ...manager.auth, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!res.ok) throw new Error(`${method} ${url} failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const datasets = await api<{ items: { key: string; fields: { key: string }[] }[] }>('GET', '/api/custom-reports/datasets');
    const columns = datasets.items.find((d) => d.key === 'customers')!.fields.map((x) => x.key);
    // The birth date that makes about EXCEL_ROWS customers in the manager's branches (ties on the last date add a few).
    const [cut] = (
      await db.raw(
        `SELECT date_of_birth::text AS d FROM customers WHERE branch_id = ANY(?) AND status <> 'merged' AND date_of_birth IS NOT NULL
          ORDER BY date_of_birth OFFSET ? LIMIT 1`,
        [branchIds, EXCEL_ROWS - 1],
      )
    ).rows as { d: string }[];
    const exportOf = async (name: string, format: 'csv' | 'xlsx', filters: { field: string; op: string; value: unknown }[]) => {
      const saved = await api<{ id: string }>('POST', '/api/custom-reports', { name, definition: { dataset: 'customers', columns, filters } });
      const queued = await api<ReportExport>('POST', '/api/reports/reports.custom/exports', { format, params: { reportId: saved.id } });
      const run = await withMemory(() => registry.runNow(RUN_REPORT_EXPORT_JOB, { exportId: queued.id }));
      const done = await api<ReportExport>('GET', `/api/reports/exports/${queued.id}`);
      // The file is not kept: deleted and marked purged, as reports.purge-exports does after 7 days.
      await fs.promises.rm(path.join(config.dataDir, 'exports', queued.id), { recursive: true, force: true });
      await db('report_exports').where({ id: queued.id }).update({ file_deleted_at: new Date() });
      return { ...run, done };
    };
    const csv = await exportOf('Bench: every customer', 'csv', []);
    // Fewer customers than that (a smaller database): all of them.
    const excelRows = cut ? `customers born up to ${cut.d}` : `every customer: fewer than ${EXCEL_ROWS.toLocaleString('en-US')}`;
    const excel = await exportOf(`Bench: ${excelRows}`, 'xlsx', cut ? [{ field: 'dateOfBirth', op: 'lte', value: cut.d }] : []);

    const ratio = (h: Figures) => `${f((100 * h.rps) / hello.rps, 0)}% of hello world`;
    const n = (x: number) => x.toLocaleString('en-US');
    const exportLine = (label: string, target: number, e: typeof csv) => {
      const written = e.done.rowsWritten;
      const growth = (e.peak - e.before) / MB;
      const scaled = written >= target || written === 0 ? e.seconds : (e.seconds * target) / written;
      const scaledNote =
        written >= target ? '' : ` — only ${n(written)} rows, not the target's ${n(target)}: time judged in proportion (${f(scaled, 1)} s for ${n(target)}); not a volume figure`;
      return [
        `${label}: ${e.done.status}, ${n(written)} rows, ${f((e.done.sizeBytes ?? 0) / MB, 1)} MB, ${f(e.seconds, 2)} s, RSS ${f(e.before / MB, 0)} MB → peak ${f(e.peak / MB, 0)} MB (+${f(growth, 1)} MB)`,
        verdict(e.done.status === 'done' && scaled <= 60, `${label}: ${f(scaled, 1)} s ≤ 60 s for ${n(target)} rows${scaledNote}`),
        verdict(growth < 256, `${label}: memory growth ${f(growth, 1)} MB < 256 MB`),
      ];
    };
    const lines = [
      `Customers: ${n(count('customers'))}, policies ${n(count('policies'))}, claims ${n(count('claims'))}, ledger entries ${n(count('entries'))}, ` +
        `cases ${n(count('cases'))}, interactions ${n(count('interactions'))}; agent ${agent.email} (${n(Number(agent.policies))} policies), ` +
        `adjuster ${adjuster.email} (${n(Number(adjuster.claims))} claims); ${CONNECTIONS} connections, ${DURATION_S} s per measurement, Node ${process.version}`,
      `Periods: ${periods.map((p) => `${p.label} ${p.from}..${p.to}`).join('; ')}`,
      '',
      '| request | p50 ms | p95 ms | p99 ms | req/s | errors |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows.map(([label, h]) => `| ${label} | ${f(h.p50)} | ${f(h.p95)} | ${f(h.p99)} | ${f(h.rps, 0)} | ${h.errors ?? 0}${statuses(h)} |`),
      '',
      ...(catchUp ? [`Snapshot job, catch-up first (days missing before yesterday): ${catchUp.days} days in ${f(catchUp.seconds, 1)} s`] : []),
      `Snapshot job (analytics.snapshot-kpis), one closed day (${yesterday}): ${nightly.days} day, ${n(snapshotRows)} figures, ${f(nightly.seconds, 2)} s`,
      ...exportLine('CSV export (customers, every field)', CSV_ROWS, csv).slice(0, 1),
      ...exportLine(`Excel export (${excelRows})`, EXCEL_ROWS, excel).slice(0, 1),
      '',
      ...roles.map(({ role }) => {
        const worst = dashboards.filter((d) => d.role === role).reduce((a, b) => (b.h.p95 > a.h.p95 ? b : a));
        const errors = dashboards.filter((d) => d.role === role).reduce((s, d) => s + (d.h.errors ?? 0), 0);
        return verdict(
          worst.h.p95 <= 200 && !errors,
          `${role} dashboard: p95 ${f(worst.h.p95)} ms ≤ 200 ms (worst of the periods: ${worst.period}; ${ratio(worst.h)}), ${errors} errors`,
        );
      }),
      ...drills.map((d) =>
        verdict(d.h.p95 <= 100 && !d.h.errors, `Drill-down page (loss ratio's rows, ${d.period}): p95 ${f(d.h.p95)} ms ≤ 100 ms (${ratio(d.h)}), ${d.h.errors ?? 0} errors`),
      ),
      ...exportLine('CSV export (customers, every field)', CSV_ROWS, csv).slice(1),
      ...exportLine('Excel export', EXCEL_ROWS, excel).slice(1),
      verdict(nightly.days === 1 && nightly.seconds <= 300, `Nightly snapshot job (one closed day): ${f(nightly.seconds, 2)} s ≤ 5 minutes`),
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    servers?.stop();
    await jobs?.stop();
    await close();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
