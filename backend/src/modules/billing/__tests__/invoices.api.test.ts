// Installments and invoices on a real PostgreSQL: the schedule written at issuance, the daily jobs
// (schedule, raise, overdue) run twice and after downtime, credit applied to invoices (also under
// concurrency), the billing summaries, and a property test over raises and deposits. Policies are
// issued through the real approval (approval limits are one global table): a database of its own.
import crypto from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { loggedIn, makeBranch, makeCustomer, type Session } from '../../../../test/support/factories';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-database';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { orderFixtures } from '../../orders/__tests__/order-fixtures';
import { InvoiceService } from '../invoices.service';
import { LedgerService } from '../ledger.service';
import { ScheduleService } from '../schedule.service';

let t: TestApp;
let url: string;
const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
let agent: Session;
let underwriter: Session;
let branch: string;
let otherBranch: string;
let productId: string;
let f: ReturnType<typeof orderFixtures>;
let ledger: LedgerService;
let invoices: InvoiceService;
let schedule: ScheduleService;
const DAY = 86_400_000;
const LEAD = 14;

beforeAll(async () => {
  url = await createMigratedDatabase(adminUrl, 'policydesk_invoices');
  t = createTestApp({ env: { DATABASE_URL: url } });
  // Policies start on the issue day: 31 January shows the month-end clamping.
  t.clock.set('2027-01-31T10:00:00Z');
  f = orderFixtures(t);
  ledger = new LedgerService(t.db, t.clock, t.services.audit, t.services.customerProfiles);
  invoices = new InvoiceService(t.db, t.clock, ledger, t.services.audit, t.services.customerProfiles, LEAD);
  schedule = new ScheduleService(t.db, t.clock);
  const admin = (await loggedIn(t.app, t.db, { role: 'admin' })).session;
  branch = (await makeBranch(t.db)).id;
  otherBranch = (await makeBranch(t.db)).id;
  agent = (await loggedIn(t.app, t.db, { role: 'agent', branchId: branch })).session;
  underwriter = (await loggedIn(t.app, t.db, { role: 'underwriter', branchId: branch })).session;
  await t.db('approval_limits').insert([{ role: 'underwriter', kind: 'order_sum_insured', currency: 'USD', max_amount: 350_000_00, revision: 1, updated_at: new Date() }]);
  productId = await f.publishTermLife(admin);
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(async () => {
  await t.close();
  await dropDatabase(adminUrl, url);
});

const modest = [
  { code: 'DEATH', sumInsured: 250_000_00 },
  { code: 'ADB', sumInsured: 50_000_00 },
];

async function issuedPolicy() {
  const { customer, order } = await f.inReview(agent, underwriter, branch, productId, { coverages: modest });
  const approved = (await f.step(underwriter, order.id, 'approve', order.version).expect(200)).body;
  const policy = (await request(t.app).get(`/api/policies/${approved.policyId}`).set(agent.auth).expect(200)).body;
  return { customer, policy };
}

/** A fresh login (tokens expire as the clock moves forward). */
const as = async (role: 'agent' | 'manager' | 'underwriter', branchId = branch) => (await loggedIn(t.app, t.db, { role, branchId })).session;

const installmentsOf = (policyId: string) => t.db('billing_installments').where({ policy_id: policyId }).orderBy(['policy_year', 'sequence']);
const invoicesOf = (policyId: string) => t.db('invoices').where({ policy_id: policyId }).orderBy('due_date');
const creditOf = (customerId: string) => ledger.balance(t.db, { kind: 'customer_credit', owner: customerId, currency: 'USD' });

/** Money in, as a succeeded payment posts it: cash clearing → the customer's credit. */
const deposit = (customerId: string, amount: number) =>
  t.db.transaction((trx) =>
    ledger.post(trx, {
      externalId: `test-payment:${crypto.randomUUID()}`,
      effectiveDate: t.clock.businessDate(),
      sourceType: 'payment',
      description: 'test deposit',
      customerId,
      createdBy: null,
      postings: [
        { account: { kind: 'cash_clearing', owner: 'card', currency: 'USD' }, direction: 'debit', amount },
        { account: { kind: 'customer_credit', owner: customerId, currency: 'USD' }, direction: 'credit', amount },
      ],
    }),
  );

/** Σ receivable postings per invoice: charges − applications. */
async function ledgerOpenAmounts(policyId: string): Promise<Map<string, { charged: number; applied: number }>> {
  const rows = await t
    .db('postings as p')
    .join('ledger_accounts as a', 'a.id', 'p.account_id')
    .join('invoices as i', 'i.id', 'p.invoice_id')
    .where({ 'i.policy_id': policyId, 'a.kind': 'premium_receivable' })
    .groupBy('p.invoice_id')
    .select(
      'p.invoice_id',
      t.db.raw(`sum(p.amount) FILTER (WHERE p.direction = 'debit') AS charged`),
      t.db.raw(`coalesce(sum(p.amount) FILTER (WHERE p.direction = 'credit'), 0) AS applied`),
    );
  return new Map(rows.map((r: { invoice_id: string; charged: string; applied: string }) => [r.invoice_id, { charged: Number(r.charged), applied: Number(r.applied) }]));
}

describe('the schedule at issuance', () => {
  it("writes the first policy year's installments: they add up to the annual premium, due on the start day's date each month, clamped to month ends", async () => {
    const { policy } = await issuedPolicy();
    expect(policy.startDate).toBe('2027-01-31');
    const rows = await installmentsOf(policy.id);
    expect(rows).toHaveLength(12);
    expect(rows.reduce((s, r) => s + Number(r.amount), 0)).toBe(policy.annualPremium);
    expect(rows.map((r) => r.due_date).slice(0, 5)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31']);
    expect(rows.every((r) => r.policy_year === 1 && r.currency === policy.currency && r.invoice_id === null)).toBe(true);
  });

  it('when the schedule cannot be written, the policy is not issued', async () => {
    const { customer, order } = await f.inReview(agent, underwriter, branch, productId, { coverages: modest });
    await t.ownerDb.raw(`
      CREATE FUNCTION fail_schedule_for_test() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced schedule failure'; END $$;
      CREATE TRIGGER fail_schedule_for_test BEFORE INSERT ON billing_installments FOR EACH ROW EXECUTE FUNCTION fail_schedule_for_test();
    `);
    try {
      await f.step(underwriter, order.id, 'approve', order.version).expect(500);
    } finally {
      await t.ownerDb.raw('DROP TRIGGER fail_schedule_for_test ON billing_installments; DROP FUNCTION fail_schedule_for_test();');
    }
    expect(await t.db('policies').where({ order_id: order.id }).first()).toBeUndefined();
    expect(await t.db('billing_policies').where({ customer_id: customer.id }).first()).toBeUndefined();
  });
});

describe('raising invoices, credit, overdue (time moves forward in this block)', () => {
  let policy: { id: string; annualPremium: number; installments: { amount: number; firstAmount: number } };
  let customer: { id: string };
  let second: { policy: { id: string }; customer: { id: string } };
  let third: { policy: { id: string }; customer: { id: string } };

  beforeAll(async () => {
    t.clock.set('2027-01-31T10:00:00Z');
    ({ policy, customer } = await issuedPolicy());
    second = await issuedPolicy();
    third = await issuedPolicy();
    await t.db('billing_installments').where({ policy_id: third.policy.id }).delete();
  }, PROCESS_TEST_TIMEOUT_MS);

  it('raises each due installment once when the job runs twice, and the ledger balances', async () => {
    await invoices.raiseDue();
    await invoices.raiseDue();
    const raised = await invoicesOf(policy.id);
    expect(raised).toHaveLength(1); // due 31 January; 28 February is more than 14 days away
    expect(raised[0]).toMatchObject({ due_date: '2027-01-31', issue_date: '2027-01-17', status: 'open', invoice_number: expect.stringMatching(/^I-\d{6,}$/) });
    const lines = await t.db('invoice_lines').where({ invoice_id: raised[0].id });
    expect(lines).toEqual([expect.objectContaining({ kind: 'installment', amount: policy.installments.firstAmount })]);
    expect(await ledgerOpenAmounts(policy.id)).toEqual(new Map([[raised[0].id, { charged: policy.installments.firstAmount, applied: 0 }]]));
    expect((await ledger.trialBalance(t.db)).balanced).toBe(true);
    expect((await ledger.verify()).balanced).toBe(true);
  });

  it('catches up after 40 days of downtime: every installment due by then is raised, once', async () => {
    t.clock.advance(40 * DAY); // 2027-03-12: raise by due date 2027-03-26
    await Promise.all([invoices.raiseDue(), invoices.raiseDue()]);
    expect((await invoicesOf(policy.id)).map((i) => i.due_date)).toEqual(['2027-01-31', '2027-02-28']);
    expect((await installmentsOf(policy.id)).filter((i) => i.invoice_id).length).toBe(2);
  });

  it('marks unpaid invoices past their due date overdue, with history and a system audit row, once', async () => {
    const first = await invoices.markOverdue();
    expect(first.marked).toBeGreaterThanOrEqual(2);
    expect((await invoices.markOverdue()).marked).toBe(0);
    const [jan, feb] = await invoicesOf(policy.id);
    expect([jan.status, feb.status]).toEqual(['overdue', 'overdue']);
    expect(await t.db('invoice_status_history').where({ invoice_id: jan.id }).orderBy('id').select('from_status', 'to_status')).toEqual([
      { from_status: null, to_status: 'open' },
      { from_status: 'open', to_status: 'overdue' },
    ]);
    expect(await t.db('audit_log').where({ action: 'invoice.overdue', entity_id: jan.id }).whereNull('actor_user_id').first()).toBeDefined();
  });

  it("applies credit to the policy's invoices oldest first; a part-paid overdue invoice stays overdue until paid", async () => {
    const [jan, feb] = await invoicesOf(policy.id);
    await deposit(customer.id, policy.installments.firstAmount + 100);
    const person = (await loggedIn(t.app, t.db, { role: 'manager', branchId: branch })).user;
    const applied = await t.db.transaction((trx) =>
      invoices.applyCredit(trx, person.id, { customerId: customer.id, currency: 'USD', policyId: policy.id, effectiveDate: t.clock.businessDate(), reason: 'test' }),
    );
    expect(applied).toEqual([
      { invoiceId: jan.id, invoiceNumber: jan.invoice_number, amount: policy.installments.firstAmount },
      { invoiceId: feb.id, invoiceNumber: feb.invoice_number, amount: 100 },
    ]);
    expect((await invoicesOf(policy.id)).map((i) => i.status)).toEqual(['paid', 'overdue']);
    expect(await creditOf(customer.id)).toBe(0);
    // A person acted: audited per invoice, and the entries name them.
    expect(await t.db('audit_log').where({ action: 'invoice.credit_applied', actor_user_id: person.id }).pluck('entity_id')).toEqual(expect.arrayContaining([jan.id, feb.id]));
    expect(
      await t
        .db('journal_entries')
        .where({ external_id: `invoice:${jan.id}:credit:1`, created_by: person.id })
        .first(),
    ).toBeDefined();
    expect(await t.db('invoice_status_history').where({ invoice_id: jan.id, to_status: 'paid', changed_by: person.id }).first()).toBeDefined();
    // Run again with nothing left: nothing posts.
    const before = await t.db('journal_entries').count('* as n').first();
    expect(
      await t.db.transaction((trx) => invoices.applyCredit(trx, null, { customerId: customer.id, currency: 'USD', effectiveDate: t.clock.businessDate(), reason: 'again' })),
    ).toEqual([]);
    expect(await t.db('journal_entries').count('* as n').first()).toEqual(before);
  });

  it('applies credit held before an invoice is raised to that invoice when it is raised', async () => {
    await deposit(second.customer.id, 1_000_000_00);
    t.clock.advance(20 * DAY); // 2027-04-01: raises due 31 March and 30 April... only ≤ 15 April: 31 March
    await invoices.raiseDue();
    const raised = await invoicesOf(second.policy.id);
    expect(raised.map((i) => i.status)).toEqual(['paid', 'paid', 'paid']);
    const open = await ledgerOpenAmounts(second.policy.id);
    expect([...open.values()].every((v) => v.charged === v.applied)).toBe(true);
    const charged = [...open.values()].reduce((s, v) => s + v.charged, 0);
    expect(await creditOf(second.customer.id)).toBe(1_000_000_00 - charged);
  });

  it('20 concurrent credit applications never apply more than the credit, nor more than an invoice owes', async () => {
    const [, feb, mar] = await invoicesOf(policy.id);
    const owed = (await ledgerOpenAmounts(policy.id)).get(feb.id)!;
    const marOwed = (await ledgerOpenAmounts(policy.id)).get(mar.id)!;
    const totalOpen = owed.charged - owed.applied + marOwed.charged - marOwed.applied;
    await deposit(customer.id, totalOpen - 50);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.db.transaction((trx) =>
          invoices.applyCredit(trx, null, { customerId: customer.id, currency: 'USD', policyId: policy.id, effectiveDate: t.clock.businessDate(), reason: `race ${i}` }),
        ),
      ),
    );
    expect(results.flat().reduce((s, a) => s + a.amount, 0)).toBe(totalOpen - 50);
    expect(await creditOf(customer.id)).toBe(0);
    const after = await ledgerOpenAmounts(policy.id);
    expect([...after.values()].every((v) => v.applied <= v.charged)).toBe(true);
    expect((await invoicesOf(policy.id)).map((i) => i.status)).toEqual(['paid', 'paid', 'partially_paid']);
  });

  it('GET /api/policies/{id}/billing: amount due, overdue, next due, credit, installments and invoices with open amounts', async () => {
    const body = (
      await request(t.app)
        .get(`/api/policies/${policy.id}/billing`)
        .set((await as('agent')).auth)
        .expect(200)
    ).body;
    const rows = await invoicesOf(policy.id);
    const open = await ledgerOpenAmounts(policy.id);
    const mar = rows[2];
    const marOpen = open.get(mar.id)!.charged - open.get(mar.id)!.applied;
    expect(body).toMatchObject({ policyId: policy.id, currency: 'USD', amountDue: marOpen, overdueAmount: 0, overdueSince: null, credit: 0 });
    expect(body.nextDue).toEqual({ date: '2027-04-30', amount: policy.installments.amount });
    expect(body.installments).toHaveLength(12);
    expect(body.invoices.map((i: { status: string; openAmount: number }) => [i.status, i.openAmount])).toEqual([
      ['paid', 0],
      ['paid', 0],
      ['partially_paid', marOpen],
    ]);
    expect(body.invoices[0].lines).toEqual([expect.objectContaining({ kind: 'installment', amount: policy.installments.firstAmount })]);
  });

  it('overdue figures: the oldest unpaid due date and the amount overdue, on the policy and the customer', async () => {
    t.clock.advance(5 * DAY); // 2027-04-06: March's part-paid invoice is late
    await invoices.markOverdue();
    const mar = (await invoicesOf(policy.id))[2];
    expect(mar.status).toBe('overdue');
    const p = (
      await request(t.app)
        .get(`/api/policies/${policy.id}/billing`)
        .set((await as('agent')).auth)
        .expect(200)
    ).body;
    expect(p).toMatchObject({ overdueSince: '2027-03-31', overdueAmount: p.amountDue });
    expect(p.overdueAmount).toBeGreaterThan(0);
    const c = (
      await request(t.app)
        .get(`/api/customers/${customer.id}/billing`)
        .set((await as('manager')).auth)
        .expect(200)
    ).body;
    // The next due date is the policy's (the customer has one): its April installment, not yet invoiced.
    expect(p.nextDue).toEqual({ date: '2027-04-30', amount: policy.installments.amount });
    expect(c).toEqual({
      customerId: customer.id,
      totals: [{ currency: 'USD', amountDue: p.amountDue, overdueAmount: p.overdueAmount, overdueSince: '2027-03-31', credit: 0, nextDue: p.nextDue }],
    });
  });

  it("adds to the customer's 360° view: a billing section, premium paid to lifetime value, and payment delinquency to the risk factors", async () => {
    const rows = await invoicesOf(policy.id);
    const open = await ledgerOpenAmounts(policy.id);
    const paid = [...open.values()].reduce((s, v) => s + v.applied, 0);
    const body = (
      await request(t.app)
        .get(`/api/customers/${customer.id}/overview`)
        .set((await as('agent')).auth)
        .expect(200)
    ).body;
    expect(body.sections.billing).toMatchObject({ title: 'Billing', count: rows.length });
    expect(body.sections.billing.items[0]).toMatchObject({
      invoiceNumber: rows[2].invoice_number,
      status: 'overdue',
      openAmount: open.get(rows[2].id)!.charged - open.get(rows[2].id)!.applied,
    });
    expect(body.lifetimeValue.premiumsPaid).toBe(paid);
    // January, February and March all went overdue within the last 12 months.
    expect(body.risk.factors).toContainEqual({ code: 'payment_delinquency', label: 'Overdue invoices in the last 12 months', value: '3', points: 20 });
    // The second customer's January and February invoices went overdue before their credit paid them.
    const second360 = (
      await request(t.app)
        .get(`/api/customers/${second.customer.id}/overview`)
        .set((await as('agent')).auth)
        .expect(200)
    ).body;
    expect(second360.risk.factors).toContainEqual({ code: 'payment_delinquency', label: 'Overdue invoices in the last 12 months', value: '2', points: 10 });
    // The customer's payments (a cash payment on the third customer's account): newest first, with method, status, amount and date.
    const cash = (
      await request(t.app)
        .post('/api/payments')
        .set((await as('agent')).auth)
        .set('Idempotency-Key', crypto.randomUUID())
        .send({ customerId: third.customer.id, method: 'cash', amount: 12_34, currency: 'USD' })
        .expect(201)
    ).body;
    expect(body.sections.payments).toEqual({ title: 'Payments', count: 0, items: [] });
    const third360 = (
      await request(t.app)
        .get(`/api/customers/${third.customer.id}/overview`)
        .set((await as('agent')).auth)
        .expect(200)
    ).body;
    expect(third360.risk.factors).toContainEqual({ code: 'payment_delinquency', label: 'Overdue invoices in the last 12 months', value: '0', points: 0 });
    expect(third360.sections.billing).toMatchObject({ count: 0, items: [] });
    expect(third360.sections.payments).toEqual({
      title: 'Payments',
      count: 1,
      items: [{ id: cash.id, paymentNumber: cash.paymentNumber, policyId: null, method: 'cash', status: 'succeeded', amount: 12_34, currency: 'USD', receivedOn: cash.receivedOn }],
    });
    // An underwriter reads the customer but neither their invoices nor their payments: both sections stay empty.
    const underwriter360 = (
      await request(t.app)
        .get(`/api/customers/${third.customer.id}/overview`)
        .set((await as('underwriter')).auth)
        .expect(200)
    ).body;
    expect(underwriter360.sections.payments).toEqual({ title: 'Payments', count: 0, items: [] });
    expect(
      (
        await request(t.app)
          .get(`/api/customers/${customer.id}/overview`)
          .set((await as('underwriter')).auth)
          .expect(200)
      ).body.sections.billing,
    ).toEqual({ title: 'Billing', count: 0, items: [] });
  });

  it('another branch gets 404, an underwriter 403, nobody logged in 401', async () => {
    await request(t.app)
      .get(`/api/policies/${policy.id}/billing`)
      .set((await as('manager', otherBranch)).auth)
      .expect(404);
    await request(t.app)
      .get(`/api/customers/${customer.id}/billing`)
      .set((await as('manager', otherBranch)).auth)
      .expect(404);
    await request(t.app)
      .get(`/api/policies/${crypto.randomUUID()}/billing`)
      .set((await as('manager')).auth)
      .expect(404);
    await request(t.app)
      .get(`/api/policies/${policy.id}/billing`)
      .set((await as('underwriter')).auth)
      .expect(403);
    await request(t.app).get(`/api/policies/${policy.id}/billing`).expect(401);
  });

  it('the schedule job adds the next policy year when it starts, and back-fills a policy without installments; twice changes nothing', async () => {
    // `third` stands for a policy issued before billing existed: no installments.
    expect(await installmentsOf(third.policy.id)).toHaveLength(0);
    await schedule.scheduleDue();
    await schedule.scheduleDue();
    expect(await installmentsOf(third.policy.id)).toHaveLength(12);
    expect(await installmentsOf(policy.id)).toHaveLength(12);
    t.clock.set('2028-02-01T10:00:00Z'); // policy year 2 began on 2028-01-31
    await schedule.scheduleDue();
    await schedule.scheduleDue();
    const rows = await installmentsOf(policy.id);
    expect(rows).toHaveLength(24);
    expect(
      rows
        .filter((r) => r.policy_year === 2)
        .map((r) => r.due_date)
        .slice(0, 2),
    ).toEqual(['2028-01-31', '2028-02-29']);
  });
});

describe('the invoice dimension of the ledger', () => {
  it("a reversal carries each posting's invoice, so a reversed charge leaves the invoice owing nothing", async () => {
    const [invoice] = await t.db('invoices').orderBy('invoice_number').limit(1);
    const { entry } = await t.db.transaction((trx) =>
      ledger.post(trx, {
        externalId: `test-charge:${crypto.randomUUID()}`,
        effectiveDate: t.clock.businessDate(),
        sourceType: 'fee',
        description: 'test charge',
        policyId: invoice.policy_id,
        createdBy: null,
        postings: [
          { account: { kind: 'premium_receivable', owner: invoice.policy_id, currency: 'USD' }, direction: 'debit', amount: 1_234, invoiceId: invoice.id },
          { account: { kind: 'fee_income', currency: 'USD' }, direction: 'credit', amount: 1_234 },
        ],
      }),
    );
    const charged = await t.db('postings').where({ entry_id: entry.id, invoice_id: invoice.id }).first();
    expect(charged).toMatchObject({ direction: 'debit', amount: 1_234 });
    const manager = (await loggedIn(t.app, t.db, { role: 'manager', branchId: branch })).user;
    const actor = {
      userId: manager.id,
      role: 'manager' as const,
      branchId: branch,
      branchIds: [branch],
      permissions: new Set<string>(),
      mustChangePassword: false,
      sessionId: crypto.randomUUID(),
    };
    const { entry: reversal } = await t.db.transaction((trx) => ledger.reverse(trx, actor, entry.id, 'test', `test-reversal:${entry.id}`));
    expect(await t.db('postings').where({ entry_id: reversal.id, invoice_id: invoice.id }).first()).toMatchObject({ direction: 'credit', amount: 1_234 });
  });
});

describe('property: raises and deposits in any order', () => {
  it('leave every entry balanced, and each invoice open = charges − applications, never negative', async () => {
    t.clock.set('2027-01-31T10:00:00Z');
    const a = await issuedPolicy();
    const b = await issuedPolicy();
    // Both policies belong to one customer for this test: the second's invoices are "other policies'".
    await t.db('billing_policies').where({ policy_id: b.policy.id }).update({ customer_id: a.customer.id });
    const customerId = a.customer.id;
    const pending = [...(await installmentsOf(a.policy.id)), ...(await installmentsOf(b.policy.id))].map((r) => r.id as string);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constant<'raise'>('raise'), fc.integer({ min: 1, max: 200_00 })), { minLength: 1, maxLength: 6 }), async (steps) => {
        for (const step of steps) {
          if (step === 'raise') {
            const next = pending.shift();
            if (next) await t.db.transaction((trx) => invoices.raiseInstallment(trx, next));
          } else {
            await deposit(customerId, step);
            await t.db.transaction((trx) =>
              invoices.applyCredit(trx, null, { customerId, currency: 'USD', policyId: a.policy.id, effectiveDate: t.clock.businessDate(), reason: 'property' }),
            );
          }
        }
        const credit = await creditOf(customerId);
        expect(credit).toBeGreaterThanOrEqual(0);
        for (const p of [a.policy.id, b.policy.id]) {
          const open = await ledgerOpenAmounts(p);
          for (const inv of await invoicesOf(p)) {
            const o = open.get(inv.id)!;
            expect(o.charged - o.applied).toBeGreaterThanOrEqual(0);
            expect(inv.status === 'paid').toBe(o.charged === o.applied);
            // Credit is only left over when nothing is owed.
            if (credit > 0) expect(o.charged).toBe(o.applied);
          }
        }
        const unbalanced = await t.db.raw(
          `SELECT e.id FROM journal_entries e JOIN postings p ON p.entry_id = e.id GROUP BY e.id HAVING sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END) <> 0`,
        );
        expect(unbalanced.rows).toEqual([]);
      }),
      { numRuns: 15 },
    );
  });
});

describe('customer merge', () => {
  it("moves the source's invoices to the target with billing's policies", async () => {
    const { customer: source, policy } = await issuedPolicy();
    const [first] = await installmentsOf(policy.id);
    const invoice = (await t.db.transaction((trx) => invoices.raiseInstallment(trx, first.id)))!;
    const { customer: target } = await makeCustomer(t.app, agent, branch);
    const manager = await as('manager');
    await request(t.app).post(`/api/customers/${target.id}/merge`).set(manager.auth).set('If-Match', `"${target.version}"`).send({ sourceId: source.id }).expect(200);
    expect(await t.db('invoices').where({ id: invoice.id }).first()).toMatchObject({ customer_id: target.id, version: 2 });
    const body = (await request(t.app).get(`/api/customers/${target.id}/billing`).set(manager.auth).expect(200)).body;
    expect(body.totals).toEqual([expect.objectContaining({ currency: 'USD', amountDue: Number(first.amount), overdueAmount: 0, overdueSince: null, credit: 0 })]);
    // What falls due next follows the merge too (the source's invoice or installments).
    expect(body.totals[0].nextDue).not.toBeNull();
  });
});
