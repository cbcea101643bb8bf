// `npm run bench:finance`: finance (issue 20) on the volume data (npm run seed:volume -- --policies
// 100000: each policy with a year of invoices, payments, ledger entries and premium writings). Beside
// a bare Express hello-world measured in the same run, through the real server at 10 concurrent
// connections: GET /api/finance/trial-balance at random dates of the ledger's life. In this process,
// with the services built as the finance module builds them (finance/index.ts):
// - the daily earning job (EarningService.earnDue, what `finance.earn-premium` runs) for the next day
//   not yet earned (on a fresh seed, first catching up through yesterday: reported apart, not timed
//   against the target);
// - the close of the oldest open month that can close (PeriodsService.close, as a finance manager);
//   when none can, the next month in order is tried and its refusal reported (never a pass);
// - the QuickBooks journal export of the month closed (JournalExportsService.create; without a close
//   in this run, the latest closed month, whose batch exists already);
// - a generated 10,000-line bank statement CSV from payments not matched yet (their references,
//   gross amounts and dates; card lines net of a fee) and lines with no payment, uploaded and matched
//   (ReconciliationService.upload, as POST /api/finance/statements does). Its unmatched lines are
//   then explained, so they do not hold the later months' closes.
// Each run leaves the database usable for the next: it earns one more day, closes one more month,
// and matches payments no earlier run matched. Uses DATABASE_URL, or the embedded database under DATA_DIR.
import { performance } from 'node:perf_hooks';
import type { AccountKind } from '../src/contracts/billing';
import type { Db } from '../src/db';
import type { Actor } from '../src/platform/actor';
import { addDays, daysBetween } from '../src/platform/calendar';
import { Clock } from '../src/platform/clock';
import { AppError } from '../src/platform/errors';
import { hashPassword } from '../src/modules/identity/passwords';
import { createSharedServices } from '../src/modules/shared-services';
import { CHART_OF_ACCOUNTS } from '../src/modules/billing/chart-of-accounts';
import { EarningService } from '../src/modules/finance/earning.service';
import { JournalExportsService } from '../src/modules/finance/journal-exports.service';
import { monthEnd, monthOf } from '../src/modules/finance/periods';
import { PeriodsService } from '../src/modules/finance/periods.service';
import { ReconciliationService } from '../src/modules/finance/reconciliation.service';
import { benchManager, CONNECTIONS, DURATION_S, fixed as f, http, openBenchDatabase, startServers, verdict, type Figures, type Servers } from './bench-support';

const MIN_POLICIES = Number(process.env.BENCH_MIN_POLICIES ?? 100_000);
const STATEMENT_LINES = 10_000;
/** Lines of each statement with no payment behind them (more when too few payments are left to match). */
const UNMATCHED_SHARE = 0.02;
const n = (x: number | string) => Number(x).toLocaleString('en-US');
const statuses = (h: Figures) => {
  const entries = Object.entries(h.errorStatuses ?? {});
  return entries.length ? ` (${entries.map(([status, k]) => `${k}× ${status}`).join(', ')})` : '';
};
const seconds = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await work();
  return [result, (performance.now() - started) / 1000];
};
const refusal = (err: unknown) => (err instanceof AppError ? `${err.code}: ${err.message}` : String((err as Error).message ?? err));

/** A finance manager for the run (created once): closes the month, exports, uploads and explains. */
async function benchController(db: Db, branchId: string): Promise<Actor> {
  const email = 'bench-controller@bench.test';
  const now = new Date();
  await db('users')
    .insert({
      email,
      name: 'Bench Controller',
      role: 'finance_manager',
      branch_id: branchId,
      password_hash: await hashPassword('Bench-controller-passphrase', 4),
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    })
    .onConflict('email')
    .ignore();
  const user = await db('users').where({ email }).first();
  return { userId: user.id, role: 'finance_manager', branchId, branchIds: 'all', permissions: new Set(), mustChangePassword: false, sessionId: '' };
}

const csvField = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const major = (minor: number) => `${minor < 0 ? '-' : ''}${Math.floor(Math.abs(minor) / 100)}.${String(Math.abs(minor) % 100).padStart(2, '0')}`;

async function main() {
  const { config, databaseUrl, db, close } = await openBenchDatabase();
  let servers: Servers | undefined;
  try {
    const [{ count }] = await db('billing_policies').count<{ count: number }[]>('* as count');
    const policies = Number(count);
    if (policies < MIN_POLICIES) throw new Error(`Only ${policies} policies: load the volume data first (npm run seed:volume -- --customers 180000 --policies 100000).`);
    const [volume] = (
      await db.raw(`SELECT (SELECT count(*) FROM premium_writings) AS writings, (SELECT count(*) FROM payments) AS payments,
                           (SELECT count(*) FROM journal_entries) AS entries, (SELECT count(*) FROM postings) AS postings,
                           (SELECT count(*) FROM bank_statement_lines) AS lines`)
    ).rows as Record<string, string>[];
    const branchIds: string[] = await db('branches').whereIn('code', ['NORTH', 'SOUTH']).pluck('id');
    servers = await startServers(databaseUrl, config.appEnv);
    const { appUrl } = servers;
    // A manager of both branches: finance:read (the trial balance).
    const { auth } = await benchManager(db, appUrl, branchIds);
    const controller = await benchController(db, branchIds[0]!);

    // The finance services, as finance/index.ts builds them.
    const clock = new Clock(config.businessTimeZone);
    const services = createSharedServices(db, clock, config);
    const earning = new EarningService(db, clock, services.ledger, services.billing);
    const reconciliation = new ReconciliationService(db, clock, services.audit, services.billing, config.reconciliationCloseThreshold);
    const periods = new PeriodsService(db, clock, services.audit, services.ledger, earning, services.quotes, reconciliation);
    const exportsService = new JournalExportsService(db, clock, services.audit, services.ledger);
    const today = clock.businessDate();
    const yesterday = addDays(today, -1);

    // 1. The earning job. A fresh volume seed has earned nothing: the first run catches up through
    // yesterday (the job's own catch-up after downtime), then the day measured is one day: today, or
    // the day after the last one earned when an earlier run earned today already.
    const before = await earning.earnedThrough();
    let catchUp: { days: number; entries: number; seconds: number; from: string } | null = null;
    if (before === null || before < yesterday) {
      const from = before === null ? ((await services.billing.firstCoveredDay(db)) ?? yesterday) : addDays(before, 1);
      process.stderr.write(`Earning premium from ${from} through ${yesterday} first (${n(daysBetween(from, yesterday) + 1)} days not earned yet)…\n`);
      const [done, s] = await seconds(() => earning.earnDue(yesterday));
      catchUp = { ...done, seconds: s, from };
    }
    const last = (await earning.earnedThrough())!;
    const earnDay = last >= today ? addDays(last, 1) : today;
    const [earned, earnSeconds] = await seconds(() => earning.earnDue(earnDay));

    // 2. The close of the oldest open month that can close; if none can, the next month in order, refused.
    const list = await periods.list();
    const open = list.items.filter((p) => p.status === 'open' && monthEnd(p.month) < today).reverse(); // oldest first
    const target = open.find((p) => p.closable) ?? open[0];
    let closed: string | null = null;
    let closeOutcome: string;
    let closeSeconds = NaN;
    if (!target) closeOutcome = 'no ended month is open';
    else {
      try {
        [, closeSeconds] = await seconds(() => periods.close(controller, target.month, target.version, { note: 'bench:finance' }));
        closed = target.month;
        closeOutcome = `${target.month} closed`;
      } catch (err) {
        closeSeconds = NaN;
        closeOutcome = `${target.month} refused — ${refusal(err)}`;
      }
    }

    // 3. The trial balance at random dates of the ledger's life, over HTTP.
    const first = (await services.ledger.firstEntryDate(db)) ?? today;
    const span = daysBetween(first, today);
    const dates = Array.from({ length: 500 }, () => addDays(first, Math.floor(Math.random() * (span + 1))));
    const hello = await http(servers.helloUrl, ['/hello']);
    const trial = await http(
      appUrl,
      dates.map((d) => `/api/finance/trial-balance?asOf=${d}`),
      auth,
    );

    // 4. The QuickBooks export of the month closed now (or of the latest closed month: its batch exists).
    const lockedThrough = await services.ledger.lockedThrough(db);
    const exportMonth = closed ?? (lockedThrough ? monthOf(lockedThrough) : null);
    let exportLine: string;
    let exportSeconds = NaN;
    let exportFresh = false;
    if (!exportMonth) exportLine = 'no closed month to export';
    else {
      // Every account kind with postings must be mapped: the kinds not mapped yet get a code here (printed).
      const mapping = await exportsService.mapping();
      const unmapped = mapping.items.filter((i) => i.glCode === null).map((i) => i.kind);
      if (unmapped.length) {
        await exportsService.replaceMapping(controller, mapping.revision, {
          items: mapping.items.map((i) => ({
            kind: i.kind,
            glCode: i.glCode ?? `PD-${i.kind}`,
            glName: i.glName ?? CHART_OF_ACCOUNTS[i.kind as AccountKind].description.slice(0, 120),
          })),
        });
        process.stderr.write(`Mapped ${unmapped.length} account kinds to GL codes PD-<kind>: ${unmapped.join(', ')}\n`);
      }
      try {
        const [{ batch, created }, s] = await seconds(() => exportsService.create(controller, exportMonth, { format: 'quickbooks' }));
        exportSeconds = s;
        exportFresh = created;
        exportLine = `${exportMonth} QuickBooks: ${n(batch.lineCount)} lines, ${n(batch.entryCount)} entries${created ? '' : ' (the batch made by an earlier run, returned)'}`;
      } catch (err) {
        exportLine = `${exportMonth} refused — ${refusal(err)}`;
      }
    }

    // 5. A 10,000-line bank statement: payments not matched yet, in the currency with most of them.
    const [{ currency }] = (await db.raw(`SELECT trim(currency) AS currency FROM payments WHERE status = 'succeeded' GROUP BY currency ORDER BY count(*) DESC LIMIT 1`)).rows as {
      currency: string;
    }[];
    const wanted = Math.round(STATEMENT_LINES * (1 - UNMATCHED_SHARE));
    const payments: { payment_number: string; gateway_reference: string | null; amount: string; received_on: string }[] = (
      await db.raw(
        `SELECT p.payment_number, p.gateway_reference, p.amount, to_char(p.received_on, 'YYYY-MM-DD') AS received_on
           FROM payments p
          WHERE p.status = 'succeeded' AND p.currency = ? AND NOT EXISTS (SELECT 1 FROM reconciliation_matches m WHERE m.payment_id = p.id)
          ORDER BY p.received_on DESC, p.payment_number LIMIT ?`,
        [currency, wanted],
      )
    ).rows;
    const nonce = Date.now().toString(36);
    const csv = ['Date,Amount,Fee,Reference,Description'];
    payments.forEach((p, i) => {
      const gross = Number(p.amount);
      // Card payouts come net of the processor's fee (2.9% + 0.30); transfers arrive whole.
      const fee = p.gateway_reference ? Math.min(gross, Math.round(gross * 0.029) + 30) : 0;
      const date = [addDays(p.received_on, i % 4), today].sort()[0]!;
      csv.push([date, major(gross - fee), major(fee), p.gateway_reference ?? p.payment_number, `Payment ${p.payment_number}`].map(csvField).join(','));
    });
    for (let i = payments.length; i < STATEMENT_LINES; i++) {
      csv.push([addDays(yesterday, -(i % 20)), major(1000 + ((i * 7919) % 90000)), '0.00', `BENCH-${nonce}-${i}`, 'Transfer, no payment behind it'].map(csvField).join(','));
    }
    const bytes = Buffer.from(csv.join('\n') + '\n');
    const [report, matchSeconds] = await seconds(() =>
      reconciliation.upload(
        controller,
        { originalName: `bench-statement-${nonce}.csv`, declaredType: 'text/csv', bytes },
        { currency, dateColumn: 'Date', amountColumn: 'Amount', feeColumn: 'Fee', referenceColumn: 'Reference', descriptionColumn: 'Description', dateFormat: 'YYYY-MM-DD' },
      ),
    );
    // Its unmatched lines explained, as a finance user would, so they hold no later close.
    const unmatchedLines = report.lines.filter((l) => l.status === 'unmatched');
    const [, explainSeconds] = await seconds(async () => {
      for (const line of unmatchedLines) await reconciliation.explain(controller, line.id, line.version, { reason: 'bench:finance — a generated line with no payment' });
    });

    const lines = [
      `Policies: ${n(policies)}, premium writings ${n(volume!.writings!)}, payments ${n(volume!.payments!)}, ledger entries ${n(volume!.entries!)} ` +
        `(${n(volume!.postings!)} postings), statement lines before ${n(volume!.lines!)}; ${CONNECTIONS} connections, ${DURATION_S} s per measurement, Node ${process.version}`,
      '',
      '| request | p50 ms | p95 ms | p99 ms | req/s | errors |',
      '| --- | --- | --- | --- | --- | --- |',
      ...[['Hello world (bare Express)', hello] as const, [`GET trial balance at a date (${dates.length} random dates from ${first})`, trial] as const].map(
        ([label, h]) => `| ${label} | ${f(h.p50)} | ${f(h.p95)} | ${f(h.p99)} | ${f(h.rps, 0)} | ${h.errors ?? 0}${statuses(h)} |`,
      ),
      '',
      '| job | work | seconds |',
      '| --- | --- | --- |',
      ...(catchUp
        ? [`| Earning catch-up (earnDue, ${catchUp.from} → ${yesterday}; first run only) | ${n(catchUp.days)} days, ${n(catchUp.entries)} entries | ${f(catchUp.seconds, 2)} |`]
        : []),
      `| Daily earning job (earnDue ${earnDay}) | ${n(earned.days)} day, ${n(earned.entries)} entries | ${f(earnSeconds, 2)} |`,
      `| Month close (close) | ${closeOutcome} | ${f(closeSeconds, 2)} |`,
      `| Journal export (create) | ${exportLine} | ${f(exportSeconds, 2)} |`,
      `| Statement upload and matching (upload, ${currency}) | ${n(report.statement.lineCount)} lines: ${n(report.matched.count)} matched (fees ${major(report.matched.fees)}), ${n(report.unmatched.count)} unmatched | ${f(matchSeconds, 2)} |`,
      `| Explaining the unmatched lines (explain, one by one) | ${n(unmatchedLines.length)} lines | ${f(explainSeconds, 2)} |`,
      '',
      verdict(earned.days === 1 && earnSeconds <= 60, `Daily earning job: ${earned.days} day (${earnDay}) in ${f(earnSeconds, 2)} s ≤ 60 s`),
      verdict(closed !== null && closeSeconds <= 120, `Month close: ${closeOutcome}${closed ? ` in ${f(closeSeconds, 2)} s ≤ 120 s` : ''}`),
      verdict(trial.p95 <= 300, `Trial balance at a date: p95 ${f(trial.p95)} ms ≤ 300 ms`),
      verdict(!trial.errors, 'Trial balance at a date: no errors'),
      verdict(exportFresh && exportSeconds <= 30, `Journal export of a month: ${exportLine}${exportFresh ? ` in ${f(exportSeconds, 2)} s ≤ 30 s` : ' (not made in this run)'}`),
      verdict(
        report.statement.lineCount === STATEMENT_LINES && payments.length === wanted && report.matched.count === payments.length && matchSeconds <= 20,
        `Matching a ${n(report.statement.lineCount)}-line statement: ${n(report.matched.count)} of ${n(payments.length)} payment lines matched (${n(wanted)} wanted) in ${f(matchSeconds, 2)} s ≤ 20 s`,
      ),
      '',
      `This run earned ${earnDay}${closed ? `, closed ${closed}` : ', closed no month'}, and matched ${n(report.matched.count)} payments (statement ${report.statement.id}).`,
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
