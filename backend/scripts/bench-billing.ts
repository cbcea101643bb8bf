// `npm run bench:billing`: billing on the volume data (npm run seed:volume -- --policies 100000: each
// policy with a year of installments, invoices, payments and ledger entries). Through the real server
// at 10 concurrent connections, beside a bare Express hello-world measured in the same run:
// POST /api/payments (each request its own Idempotency-Key: gateway, payment, history, audit, ledger
// entry, allocation) and GET a policy's billing summary. In this process: the daily invoice run for
// the next day with installments to raise (InvoiceService.raiseDue) and the full ledger verification
// (LedgerService.verify). Uses DATABASE_URL, or the embedded database under DATA_DIR.
// `-- --plans` also prints the plans (EXPLAIN ANALYZE) of the summary's and the invoice run's queries.
import crypto from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Clock } from '../src/platform/clock';
import { createSharedServices } from '../src/modules/shared-services';
import { InvoiceService } from '../src/modules/billing/invoices.service';
import { LedgerService } from '../src/modules/billing/ledger.service';
import * as invoicesRepo from '../src/modules/billing/invoices.repository';
import { benchManager, CONNECTIONS, DURATION_S, fixed as f, http, openBenchDatabase, startServers, verdict, type Figures, type HttpRequest, type Servers } from './bench-support';

const statuses = (h: Figures) => {
  const entries = Object.entries(h.errorStatuses ?? {});
  return entries.length ? ` (${entries.map(([status, n]) => `${n}× ${status}`).join(', ')})` : '';
};
const MIN_POLICIES = Number(process.env.BENCH_MIN_POLICIES ?? 100_000);

async function main() {
  const { config, databaseUrl, db, close } = await openBenchDatabase();
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  let servers: Servers | undefined;
  try {
    const [{ count }] = await db('billing_policies').count<{ count: number }[]>('* as count');
    const policies = Number(count);
    if (policies < MIN_POLICIES) throw new Error(`Only ${policies} policies: load the volume data first (npm run seed:volume -- --customers 180000 --policies 100000).`);
    const [volume] = (
      await db.raw(`SELECT (SELECT count(*) FROM invoices) AS invoices, (SELECT count(*) FROM payments) AS payments,
                           (SELECT count(*) FROM journal_entries) AS entries, (SELECT count(*) FROM postings) AS postings,
                           (SELECT count(*) FROM billing_policies WHERE payment_frequency = 'monthly') AS monthly`)
    ).rows as Record<string, string>[];
    const branchIds: string[] = await db('branches').whereIn('code', ['NORTH', 'SOUTH']).pluck('id');
    servers = await startServers(databaseUrl, config.appEnv);
    const { appUrl } = servers;
    // A manager of both branches (payments:create, billing:read), so scoping is part of every request.
    const { auth } = await benchManager(db, appUrl, branchIds);

    // Inputs from the data: 500 policies at random, each paid its installment by its own method.
    const sample: { policy_id: string; currency: string; first_installment_amount: string; card: boolean }[] = await db('billing_policies')
      .whereIn('branch_id', branchIds)
      .orderByRaw('md5(policy_id::text)')
      .limit(500)
      .select('policy_id', 'currency', 'first_installment_amount', db.raw(`payment_method->>'type' = 'card' AS card`));
    const summaries = sample.map((p) => `/api/policies/${p.policy_id}/billing`);
    const payments: HttpRequest[] = sample.map((p, i) => ({
      method: 'POST',
      path: '/api/payments',
      body: {
        policyId: p.policy_id,
        amount: Number(p.first_installment_amount),
        currency: p.currency.trim(),
        ...(p.card ? { method: 'card' } : i % 2 ? { method: 'bank_transfer', reference: `BENCH-${i}` } : { method: 'cash' }),
      },
      headers: () => ({ 'idempotency-key': crypto.randomUUID() }),
    }));

    const plans: string[] = [];
    const explain = async (label: string, sql: string, bindings: unknown[]) => {
      if (!process.argv.includes('--plans')) return;
      const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, bindings);
      plans.push(`### ${label}\n\n\`\`\`\n${rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}\n\`\`\``);
    };

    const rows: [string, Figures][] = [];
    const hello = await http(servers.helloUrl, ['/hello']);
    rows.push(['Hello world (bare Express)', hello]);
    rows.push(['GET policy billing summary', await http(appUrl, summaries, auth)]);
    rows.push(['POST /api/payments (new key each)', await http(appUrl, payments, auth)]);
    const policyId = sample[0]!.policy_id;
    const installmentsQuery = db('billing_installments').where({ policy_id: policyId }).orderBy(['policy_year', 'sequence']).toSQL().toNative();
    await explain('Summary: installments of a policy', installmentsQuery.sql, installmentsQuery.bindings as unknown[]);
    // The same SQL as invoices.repository's invoicesOfPolicy (open amount = Σ receivable postings of the invoice).
    await explain(
      'Summary: invoices of a policy with open amounts',
      `SELECT i.*, coalesce((SELECT sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END)
         FROM postings p JOIN ledger_accounts a ON a.id = p.account_id
         WHERE p.invoice_id = i.id AND a.kind = 'premium_receivable'), 0)::bigint AS open_amount
       FROM invoices i WHERE i.policy_id = $1 ORDER BY i.due_date, i.invoice_number`,
      [policyId],
    );

    // The daily invoice run for the first day that still has installments to raise (today on a fresh
    // seed; a later day on each further run), in this process as the job runs it.
    const clock = new Clock(config.businessTimeZone);
    const services = createSharedServices(db, clock, config);
    const ledger = new LedgerService(db, clock, services.audit, services.customerProfiles);
    const invoices = new InvoiceService(db, clock, ledger, services.audit, services.customerProfiles, config.invoiceLeadDays);
    const [{ first }] = (
      await db.raw(`SELECT to_char(min(due_date) - ?::integer, 'YYYY-MM-DD') AS first FROM billing_installments WHERE invoice_id IS NULL`, [config.invoiceLeadDays])
    ).rows as { first: string | null }[];
    const runDate = first && first > clock.businessDate() ? first : clock.businessDate();
    {
      const { sql, bindings } = db('billing_installments as i')
        .join('billing_policies as bp', 'bp.policy_id', 'i.policy_id')
        .whereNull('i.invoice_id')
        .whereRaw('i.due_date <= ?::date + ?::integer', [runDate, config.invoiceLeadDays])
        .orderBy([{ column: 'i.due_date' }, { column: 'i.id' }])
        .limit(200)
        .select('i.*')
        .toSQL()
        .toNative();
      await explain(`Invoice run: installments to raise (${runDate})`, sql, bindings as unknown[]);
    }
    const toRaise = (await invoicesRepo.installmentsToRaise(db, runDate, config.invoiceLeadDays, null, 1_000_000)).length;
    const raiseStarted = performance.now();
    const { raised } = await invoices.raiseDue(runDate);
    const raiseSeconds = (performance.now() - raiseStarted) / 1000;

    const verifyStarted = performance.now();
    const verification = await ledger.verify();
    const verifySeconds = (performance.now() - verifyStarted) / 1000;

    const summary = rows[1]![1];
    const pay = rows[2]![1];
    const lines = [
      `Policies: ${policies.toLocaleString('en-US')} (${Number(volume!.monthly).toLocaleString('en-US')} monthly), invoices ${Number(volume!.invoices).toLocaleString('en-US')}, ` +
        `payments ${Number(volume!.payments).toLocaleString('en-US')}, ledger entries ${Number(volume!.entries).toLocaleString('en-US')} (${Number(volume!.postings).toLocaleString('en-US')} postings); ` +
        `${CONNECTIONS} connections, ${DURATION_S} s per measurement, Node ${process.version}`,
      '',
      '| request | p50 ms | p95 ms | p99 ms | req/s | errors |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows.map(([label, h]) => `| ${label} | ${f(h.p50)} | ${f(h.p95)} | ${f(h.p99)} | ${f(h.rps, 0)} | ${h.errors ?? 0}${statuses(h)} |`),
      '',
      '| job | work | seconds |',
      '| --- | --- | --- |',
      `| Daily invoice run (raiseDue ${runDate}) | ${raised.toLocaleString('en-US')} invoices raised of ${toRaise.toLocaleString('en-US')} due | ${f(raiseSeconds, 2)} |`,
      `| Ledger verification (verify) | ${verification.entriesChecked.toLocaleString('en-US')} entries, balanced: ${verification.balanced} | ${f(verifySeconds, 2)} |`,
      '',
      verdict(pay.p95 <= 40, `POST /api/payments: p95 ${f(pay.p95)} ms ≤ 40 ms`),
      verdict(pay.rps >= 0.2 * hello.rps, `POST /api/payments: ${f(pay.rps, 0)} req/s ≥ 20% of hello world ${f(hello.rps, 0)} req/s (${f((100 * pay.rps) / hello.rps, 0)}%)`),
      verdict(!pay.errors, 'POST /api/payments: no errors'),
      verdict(summary.p95 <= 10, `Billing summary: p95 ${f(summary.p95)} ms ≤ 10 ms`),
      verdict(!summary.errors, 'Billing summary: no errors'),
      verdict(raiseSeconds <= 10 && raised === toRaise, `Invoice run: ${raised} invoices in ${f(raiseSeconds, 2)} s ≤ 10 s`),
      verdict(verifySeconds <= 60 && verification.balanced, `Ledger verification: ${f(verifySeconds, 2)} s ≤ 60 s, balanced`),
    ];
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
