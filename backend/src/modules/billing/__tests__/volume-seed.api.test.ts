// `npm run seed:volume -- --policies N` writes billing history in bulk SQL rather than through the
// services: these tests prove that what it writes is what the services would have — the ledger
// verifies, every invoice's open amount is its charges minus what was applied to it, statuses agree
// with the money, and the daily jobs find nothing left to do for yesterday and exactly one day's
// installments to raise today.
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-database';
import { seedVolumeCustomers } from '../../../cli/volume-customers';
import { seedVolumePolicies } from '../../../cli/volume-policies';
import { createLogger } from '../../../platform/logger';
import { runSeeds } from '../../../platform/seeds';
import { createFieldCrypto } from '../../shared-services';
import { INSTALLMENTS_PER_YEAR } from '../../products/rating/product-definition';
import { InvoiceService } from '../invoices.service';
import { LedgerService } from '../ledger.service';

const POLICIES = 200;
const TODAY = '2027-03-15';
const YESTERDAY = '2027-03-14';
const adminUrl = () => process.env.POLICYDESK_TEST_ADMIN_URL!;

let url: string;
let t: TestApp;
let ledger: LedgerService;
let invoices: InvoiceService;
let seeded: { existing: number; added: number };

const rows = async <T>(sql: string, bindings: (string | number)[] = []): Promise<T[]> => (await t.db.raw(sql, bindings)).rows as T[];

beforeAll(async () => {
  url = await createMigratedDatabase(adminUrl(), 'billing_volume');
  t = createTestApp({ env: { DATABASE_URL: url } });
  t.clock.set(`${TODAY}T09:00:00Z`);
  ledger = new LedgerService(t.db, t.clock, t.services.audit, t.services.customerProfiles);
  invoices = new InvoiceService(t.db, t.clock, ledger, t.services.audit, t.services.customerProfiles, t.config.invoiceLeadDays);
  await runSeeds(t.db, { clock: t.clock, logger: createLogger('silent'), config: t.config, fieldCrypto: createFieldCrypto(t.config) }, { demo: false });
  await seedVolumeCustomers(t.db, { target: 400, config: t.config, clock: t.clock });
  seeded = await seedVolumePolicies(t.db, { target: POLICIES, clock: t.clock, leadDays: t.config.invoiceLeadDays });
}, 180_000);

afterAll(async () => {
  await t?.close();
  if (url) await dropDatabase(adminUrl(), url);
});

describe('seed:volume --policies', () => {
  it('issues N policies with their quote, approved order, history and billing record, one per customer', async () => {
    expect(seeded).toEqual({ existing: 0, added: POLICIES });
    const [counts] = await rows<Record<string, string>>(`SELECT
      (SELECT count(*) FROM policies WHERE status = 'active') AS policies,
      (SELECT count(DISTINCT customer_id) FROM policies) AS customers,
      (SELECT count(*) FROM orders WHERE status = 'approved') AS orders,
      (SELECT count(*) FROM quotes) AS quotes,
      (SELECT count(*) FROM policy_status_history) AS policy_history,
      (SELECT count(*) FROM billing_policies bp JOIN policies p ON p.id = bp.policy_id AND p.policy_number = bp.policy_number AND p.annual_premium = bp.annual_premium) AS billing,
      (SELECT count(*) FROM audit_log WHERE action = 'policy.issue') AS issue_audit`);
    expect(Object.values(counts!).map(Number)).toEqual(Array(7).fill(POLICIES));
    // Year 1 of each schedule in full, as issuance writes it, summing to the annual premium.
    const schedules = await rows<{ payment_frequency: keyof typeof INSTALLMENTS_PER_YEAR; n: string; total: string; annual_premium: string }>(
      `SELECT bp.payment_frequency, count(i.id) AS n, sum(i.amount) AS total, bp.annual_premium
       FROM billing_policies bp JOIN billing_installments i ON i.policy_id = bp.policy_id GROUP BY bp.policy_id`,
    );
    expect(schedules).toHaveLength(POLICIES);
    for (const s of schedules) {
      expect(Number(s.n)).toBe(INSTALLMENTS_PER_YEAR[s.payment_frequency]);
      expect(Number(s.total)).toBe(Number(s.annual_premium));
    }
    // The four yearly frequencies, and the trips' single premium (one installment).
    expect(new Set(schedules.map((s) => s.payment_frequency))).toEqual(new Set(['annual', 'semi_annual', 'quarterly', 'monthly', 'single']));
    // A trip policy runs from its departure to its return date and carries the trip.
    const trips = await rows<{ start_date: string; end_date: string; trip: { departureDate: string; returnDate: string; days: number }; term_years: number | null }>(
      `SELECT to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date, trip, term_years FROM policies WHERE payment_frequency = 'single'`,
    );
    expect(trips.length).toBeGreaterThan(0);
    for (const p of trips) expect(p).toMatchObject({ term_years: null, trip: { departureDate: p.start_date, returnDate: p.end_date, days: 14 } });
  });

  it('leaves a ledger that verifies balanced (every entry and the trial balance)', async () => {
    const result = await ledger.verify();
    const [{ count }] = await rows<{ count: string }>('SELECT count(*) FROM journal_entries');
    expect(result).toMatchObject({ balanced: true, unbalancedCount: 0, trialBalanceOk: true, entriesChecked: Number(count) });
    expect(Number(count)).toBeGreaterThan(POLICIES * 3);
  });

  it('records each invoice’s premium written to the unearned premium reserve with the days it covers, as the invoice job does', async () => {
    const [check] = await rows<{ invoices: string; writings: string; mismatched: string; reserve: string; written: string }>(
      `SELECT (SELECT count(*) FROM invoice_lines WHERE kind = 'installment') AS invoices,
              (SELECT count(*) FROM premium_writings) AS writings,
              (SELECT count(*) FROM premium_writings w JOIN postings p ON p.entry_id = w.ledger_entry_id JOIN ledger_accounts a ON a.id = p.account_id
                WHERE a.kind = 'unearned_premium' AND (p.amount <> w.amount OR p.direction <> 'credit' OR w.covered_to < w.covered_from)) AS mismatched,
              (SELECT coalesce(sum(p.amount), 0) FROM postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE a.kind = 'unearned_premium' AND p.direction = 'credit') AS reserve,
              (SELECT coalesce(sum(amount), 0) FROM premium_writings) AS written`,
    );
    expect(Number(check!.writings)).toBe(Number(check!.invoices));
    expect(Number(check!.mismatched)).toBe(0);
    expect(Number(check!.written)).toBe(Number(check!.reserve));
  });

  it("makes every invoice's open amount its charges minus the payments applied to it, with a status that agrees", async () => {
    const invoiceRows = await rows<{ status: string; due_date: string; charged: string; applied: string; open: string; lines: string }>(
      `SELECT i.status, to_char(i.due_date, 'YYYY-MM-DD') AS due_date,
              (SELECT sum(amount) FROM invoice_lines l WHERE l.invoice_id = i.id) AS lines,
              coalesce((SELECT sum(p.amount) FROM postings p JOIN journal_entries e ON e.id = p.entry_id
                        WHERE p.invoice_id = i.id AND e.source_type = 'invoice' AND p.direction = 'debit'), 0) AS charged,
              coalesce((SELECT sum(p.amount) FROM postings p JOIN journal_entries e ON e.id = p.entry_id
                        WHERE p.invoice_id = i.id AND e.source_type = 'allocation' AND p.direction = 'credit'), 0) AS applied,
              coalesce((SELECT sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END) FROM postings p
                        JOIN ledger_accounts a ON a.id = p.account_id WHERE p.invoice_id = i.id AND a.kind = 'premium_receivable'), 0) AS open
       FROM invoices i`,
    );
    expect(invoiceRows.length).toBeGreaterThan(POLICIES);
    for (const i of invoiceRows) {
      expect(Number(i.charged)).toBe(Number(i.lines));
      expect(Number(i.open)).toBe(Number(i.charged) - Number(i.applied));
      if (i.status === 'paid') expect(Number(i.open)).toBe(0);
      else expect(Number(i.open)).toBeGreaterThan(0);
      if (i.status === 'overdue') expect(i.due_date < TODAY).toBe(true);
      if (i.status === 'open' || i.status === 'partially_paid') expect(i.due_date >= YESTERDAY).toBe(true);
    }
    const statuses = new Set(invoiceRows.map((i) => i.status));
    for (const s of ['open', 'paid', 'overdue']) expect(statuses).toContain(s);
    // The history ends where the invoice is; every overdue invoice has its audit row.
    const [mismatch] = await rows<{ n: string; overdue_without_audit: string }>(
      `SELECT count(*) FILTER (WHERE h.to_status <> i.status) AS n,
              count(*) FILTER (WHERE i.status = 'overdue' AND NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'invoice.overdue' AND a.entity_id = i.id::text)) AS overdue_without_audit
       FROM invoices i JOIN LATERAL (SELECT to_status FROM invoice_status_history h WHERE h.invoice_id = i.id ORDER BY id DESC LIMIT 1) h ON true`,
    );
    expect(mismatch).toEqual({ n: 0, overdue_without_audit: 0 });
  });

  it("keeps each customer's credit equal to the payments received minus the credit applied, and the payments' entries linked", async () => {
    const customers = await rows<{ credit: string; received: string; applied: string }>(
      `SELECT
         coalesce((SELECT sum(CASE p.direction WHEN 'credit' THEN p.amount ELSE -p.amount END) FROM postings p JOIN ledger_accounts a ON a.id = p.account_id
                   WHERE a.kind = 'customer_credit' AND a.owner_key = c.customer_id::text), 0) AS credit,
         (SELECT coalesce(sum(amount), 0) FROM payments WHERE customer_id = c.customer_id AND status = 'succeeded') AS received,
         coalesce((SELECT sum(p.amount) FROM postings p JOIN journal_entries e ON e.id = p.entry_id
                   WHERE e.customer_id = c.customer_id AND e.source_type = 'allocation' AND p.direction = 'credit'), 0) AS applied
       FROM (SELECT DISTINCT customer_id FROM billing_policies) c`,
    );
    for (const c of customers) expect(Number(c.credit)).toBe(Number(c.received) - Number(c.applied));
    expect(customers.some((c) => Number(c.credit) > 0)).toBe(true);
    const [links] = await rows<{ unlinked: string; history: string; audit: string }>(
      `SELECT count(*) FILTER (WHERE e.id IS NULL OR e.external_id <> 'payment:' || p.id || ':received') AS unlinked,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM payment_status_history h WHERE h.payment_id = p.id)) AS history,
              count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.action = 'payment.create' AND a.entity_id = p.id::text)) AS audit
       FROM payments p LEFT JOIN journal_entries e ON e.id = p.ledger_entry_id`,
    );
    expect(links).toEqual({ unlinked: 0, history: 0, audit: 0 });
    // What the API requires of each method: a bank reference for transfers and direct debits, a number for checks.
    const [missing] = await rows<{ n: number }>(
      `SELECT count(*) AS n FROM payments WHERE (method IN ('bank_transfer', 'direct_debit') AND reference IS NULL) OR (method = 'check' AND check_number IS NULL)`,
    );
    expect(missing).toEqual({ n: 0 });
  });

  it("leaves the daily jobs nothing for yesterday and exactly today's installments to raise, once", async () => {
    expect(await invoices.markOverdue(YESTERDAY)).toEqual({ marked: 0 });
    expect(await invoices.raiseDue(YESTERDAY)).toEqual({ raised: 0 });
    const [{ count }] = await rows<{ count: string }>(`SELECT count(*) FROM billing_installments WHERE invoice_id IS NULL AND due_date <= ?::date + ?::integer`, [
      TODAY,
      t.config.invoiceLeadDays,
    ]);
    expect(Number(count)).toBeGreaterThan(0);
    expect(await invoices.raiseDue(TODAY)).toEqual({ raised: Number(count) });
    expect(await invoices.raiseDue(TODAY)).toEqual({ raised: 0 });
    expect(await ledger.verify()).toMatchObject({ balanced: true, unbalancedCount: 0 });
  });

  it('tops up: asked again for the same number, it adds nothing', async () => {
    expect(await seedVolumePolicies(t.db, { target: POLICIES, clock: t.clock, leadDays: t.config.invoiceLeadDays })).toEqual({ existing: POLICIES, added: 0 });
  });
});
