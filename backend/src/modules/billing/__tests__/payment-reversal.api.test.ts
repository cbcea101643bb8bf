// Reversal of a payment whose money did not arrive (POST /api/payments/{id}/reverse: a bounced check,
// a returned direct debit), end to end on a real PostgreSQL: the payment becomes reversed, its ledger
// entry is reversed and the credit it paid invoices with is taken back so they are owed (overdue when
// past due) again, history and audit in the same transaction; senior agents and managers only, in
// their branch; checks and direct debits only (a card's comes by the dispute webhook); never while a
// refund holds its money; If-Match; a second reversal changes nothing.
import crypto from 'node:crypto';
import request from 'supertest';
import type { TestApp } from '../../../../test/support/test-app';
import type { Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { RAISE_INVOICES_JOB } from '../index';
import { addDays } from '../../../platform/calendar';
import { billingWorld, type BillingWorld, type IssuedPolicy } from './billing-fixtures';

let w: BillingWorld;
let t: TestApp;
const USD = 'USD';

beforeAll(async () => {
  w = await billingWorld('policydesk_payment_reversal', { startAt: '2027-02-01T10:00:00Z' });
  t = w.t;
  await t.db('approval_limits').insert({ role: 'manager', kind: 'refund_amount', currency: USD, max_amount: 25_000_00, revision: 1, updated_at: new Date() });
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

type Body = request.Response['body'];

const reverse = (
  session: Session,
  payment: { id: string; version: number } | string,
  body: object = { reason: 'Returned by the bank: insufficient funds' },
  version?: number | null,
) => {
  const id = typeof payment === 'string' ? payment : payment.id;
  const req = request(t.app).post(`/api/payments/${id}/reverse`).set(session.auth);
  const v = version === undefined ? (typeof payment === 'string' ? null : payment.version) : version;
  if (v !== null) req.set('If-Match', `"${v}"`);
  return req.send(body);
};
const credit = (customerId: string) => w.balance({ kind: 'customer_credit', owner: customerId, currency: USD });
const entryCount = async () => Number((await t.db('journal_entries').count<{ count: string }[]>('* as count'))[0]!.count);
async function expectBalanced() {
  for (const c of await w.trialTotals()) expect(c.debits).toBe(c.credits);
  expect((await w.ledger.trialBalance(t.db)).balanced).toBe(true);
}

/** A policy issued today with its first invoice raised (due today). */
async function policyWithInvoice(): Promise<IssuedPolicy & { invoice: { id: string; openAmount: number; dueDate: string } }> {
  const issued = await w.issuedPolicy();
  await t.jobs.runNow(RAISE_INVOICES_JOB, {});
  const billing = await w.billingOf(await w.as('agent'), issued.policy.id);
  return { ...issued, invoice: billing.invoices[0] };
}
const pay = async (policy: IssuedPolicy, method: string, amount: number): Promise<Body> =>
  (
    await w
      .pay(await w.as('agent'), {
        policyId: policy.policy.id,
        method,
        amount,
        currency: USD,
        ...(method === 'check' ? { checkNumber: '004512' } : method === 'cash' || method === 'card' ? {} : { reference: 'DD-2027-0201' }),
      })
      .expect(201)
  ).body;

describe('reversing a bounced check or a returned direct debit', () => {
  it('by a senior agent: reversed, its entry reversed, the invoice it paid owed and overdue again, credit zero, history and audit, the ledger balances', async () => {
    const p = await policyWithInvoice();
    const payment = await pay(p, 'check', p.invoice.openAmount);
    expect(payment.allocations).toEqual([expect.objectContaining({ invoiceId: p.invoice.id, amount: p.invoice.openAmount })]);
    // The check bounces five days later: the invoice is past due by then.
    t.clock.set(`${addDays(p.invoice.dueDate, 5)}T10:00:00Z`);
    const { session: senior, userId } = await w.userAs('senior_agent');

    const res = await reverse(senior, payment, { reason: '  Check returned unpaid  ' }).expect(200);
    expect(res.headers.etag).toBe(`"${payment.version + 1}"`);
    expect(res.body).toMatchObject({ id: payment.id, status: 'reversed', version: payment.version + 1, reopened: [{ invoiceId: p.invoice.id, amount: p.invoice.openAmount }] });
    expect((await request(t.app).get(`/api/payments/${payment.id}`).set(senior.auth).expect(200)).body.status).toBe('reversed');

    const billing = await w.billingOf(senior, p.policy.id);
    expect(billing.invoices[0]).toMatchObject({ id: p.invoice.id, status: 'overdue', openAmount: p.invoice.openAmount });
    expect(billing).toMatchObject({ amountDue: p.invoice.openAmount, overdueAmount: p.invoice.openAmount, overdueSince: p.invoice.dueDate, credit: 0 });
    expect(await credit(p.customer.id)).toBe(0);
    expect(await w.balance({ kind: 'premium_receivable', owner: p.policy.id, currency: USD })).toBe(p.invoice.openAmount);

    // The paymentReceived entry is reversed by one entry pointing at it; the invoice's credit is withdrawn.
    const [received, reversal] = await w.entriesOf('payment', payment.id);
    expect(reversal).toMatchObject({ external_id: `payment:${payment.id}:reversed`, reverses_entry_id: received.id, created_by: userId });
    expect(await w.postingsOf(reversal.id)).toEqual(
      expect.arrayContaining([
        { kind: 'cash_clearing', owner_key: 'check', direction: 'credit', amount: p.invoice.openAmount, currency: USD },
        { kind: 'customer_credit', owner_key: p.customer.id, direction: 'debit', amount: p.invoice.openAmount, currency: USD },
      ]),
    );
    expect(await t.db('journal_entries').where({ external_id: `payment:${payment.id}:reversed:invoice:${p.invoice.id}` })).toHaveLength(1);

    const history = await t.db('payment_status_history').where({ payment_id: payment.id }).orderBy('occurred_at');
    expect(history.at(-1)).toMatchObject({ from_status: 'succeeded', to_status: 'reversed', actor_id: userId, note: 'Check bounced: Check returned unpaid' });
    const invoiceHistory = await t.db('invoice_status_history').where({ invoice_id: p.invoice.id }).orderBy('id');
    expect(invoiceHistory.at(-1)).toMatchObject({ from_status: 'paid', to_status: 'overdue', changed_by: userId });
    const audit = await t.db('audit_log').where({ action: 'payment.reverse', entity_id: payment.id });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: userId });
    expect(audit[0].metadata).toMatchObject({ reason: 'Check returned unpaid', method: 'check', kind: 'bounced_check' });
    await expectBalanced();
  });

  it('a returned direct debit that also left credit: the credit goes first, then only the shortfall is taken from the invoice (manager)', async () => {
    const p = await policyWithInvoice();
    const extra = 12_34;
    const payment = await pay(p, 'direct_debit', p.invoice.openAmount + extra);
    expect(await credit(p.customer.id)).toBe(extra);
    const res = await reverse(await w.as('manager'), payment, { reason: 'Direct debit returned: account closed' }).expect(200);
    expect(res.body.reopened).toEqual([expect.objectContaining({ invoiceId: p.invoice.id, amount: p.invoice.openAmount })]);
    expect(await credit(p.customer.id)).toBe(0);
    const billing = await w.billingOf(await w.as('agent'), p.policy.id);
    // Due today, not past due: owed again, not overdue.
    expect(billing.invoices[0]).toMatchObject({ openAmount: p.invoice.openAmount });
    expect(billing.invoices[0].status).not.toBe('paid');
    expect((await t.db('audit_log').where({ action: 'payment.reverse', entity_id: payment.id }).first()).metadata).toMatchObject({ kind: 'returned_direct_debit' });
    await expectBalanced();
  });

  it('a payment that is only credit (nothing applied yet): the credit is taken back, no invoice touched', async () => {
    const issued = await w.issuedPolicy();
    const payment = await pay(issued, 'check', 40_00);
    expect(payment.allocations).toEqual([]);
    const res = await reverse(await w.as('senior_agent'), payment).expect(200);
    expect(res.body.reopened).toEqual([]);
    expect(await credit(issued.customer.id)).toBe(0);
    await expectBalanced();
  });
});

describe('who and what may be reversed', () => {
  it('agents may not (403), another branch’s payment does not exist (404), nothing written', async () => {
    const p = await policyWithInvoice();
    const payment = await pay(p, 'check', 10_00);
    const entries = await entryCount();
    const forbidden = await reverse(await w.as('agent'), payment).expect(403);
    expect(forbidden.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await reverse(await w.as('underwriter'), payment).expect(403)).body.code).toBeDefined();
    expect((await reverse(await w.as('senior_agent', w.otherBranch), payment).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await reverse(await w.as('manager', w.otherBranch), payment).expect(404)).body.code).toBe('NOT_FOUND');
    expect((await reverse(await w.as('manager'), crypto.randomUUID(), undefined, 1).expect(404)).body.code).toBe('NOT_FOUND');
    expect(await entryCount()).toBe(entries);
    expect((await t.db('payments').where({ id: payment.id }).first()).status).toBe('succeeded');
  });

  it('a card payment is 409 PAYMENT_REVERSAL_NOT_FOR_METHOD (its chargeback comes by the gateway’s webhook); cash and transfers likewise', async () => {
    const p = await policyWithInvoice();
    const card = await pay(p, 'card', 10_00);
    expect(card.status).toBe('succeeded');
    const manager = await w.as('manager');
    const res = await reverse(manager, card).expect(409);
    expect(res.body).toMatchObject({ code: 'PAYMENT_REVERSAL_NOT_FOR_METHOD', method: 'card' });
    expect(res.body.detail).toContain('dispute');
    for (const method of ['cash', 'bank_transfer']) {
      const other = await pay(p, method, 1_00);
      expect((await reverse(manager, other).expect(409)).body).toMatchObject({ code: 'PAYMENT_REVERSAL_NOT_FOR_METHOD', method });
    }
    expect(await t.db('payments').where({ policy_id: p.policy.id, status: 'reversed' })).toHaveLength(0);
  });

  it('is refused (409 PAYMENT_REFUNDS_HOLD_MONEY) while a refund holds the payment’s money; once it is rejected the reversal goes through', async () => {
    const p = await policyWithInvoice();
    const payment = await pay(p, 'check', p.invoice.openAmount + 20_00);
    const agent = await w.as('agent');
    const refund = (
      await request(t.app)
        .post('/api/refunds')
        .set(agent.auth)
        .set('Idempotency-Key', crypto.randomUUID())
        .send({ paymentId: payment.id, amount: 20_00, reason: 'Overpaid' })
        .expect(201)
    ).body;
    const senior = await w.as('senior_agent');
    const entries = await entryCount();
    expect((await reverse(senior, payment).expect(409)).body).toMatchObject({ code: 'PAYMENT_REFUNDS_HOLD_MONEY', held: 20_00, currency: USD });
    expect(await entryCount()).toBe(entries);

    const manager = await w.as('manager');
    await request(t.app).post(`/api/refunds/${refund.id}/reject`).set(manager.auth).set('If-Match', `"${refund.version}"`).send({ reason: 'The check bounced' }).expect(200);
    await reverse(senior, payment).expect(200);
    await expectBalanced();
  });

  it('needs If-Match (428) with the current version (412 when stale) and a reason (400 naming it)', async () => {
    const p = await policyWithInvoice();
    const payment = await pay(p, 'direct_debit', 10_00);
    const senior = await w.as('senior_agent');
    expect((await reverse(senior, payment, undefined, null).expect(428)).body.code).toBe('IF_MATCH_REQUIRED');
    expect((await reverse(senior, payment, undefined, payment.version + 3).expect(412)).body.code).toBeDefined();
    const missing = await reverse(senior, payment, {}).expect(400);
    expect(missing.body.errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
    expect((await reverse(senior, payment, { reason: ' x ' }).expect(400)).body.errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
    expect((await reverse(senior, payment, { reason: 'Bounced', extra: 1 }).expect(400)).body.code).toBeDefined();
    expect((await t.db('payments').where({ id: payment.id }).first()).status).toBe('succeeded');
  });

  it('twice: the second is 409 PAYMENT_ALREADY_REVERSED (with the old or the new version) and posts nothing; concurrent reversals reverse once', async () => {
    const p = await policyWithInvoice();
    const payment = await pay(p, 'check', p.invoice.openAmount);
    const senior = await w.as('senior_agent');
    await reverse(senior, payment).expect(200);
    const entries = await entryCount();
    expect((await reverse(senior, payment).expect(409)).body).toMatchObject({ code: 'PAYMENT_ALREADY_REVERSED', currentStatus: 'reversed' });
    expect((await reverse(senior, payment, undefined, payment.version + 1).expect(409)).body.code).toBe('PAYMENT_ALREADY_REVERSED');
    expect(await entryCount()).toBe(entries);
    expect(await t.db('audit_log').where({ action: 'payment.reverse', entity_id: payment.id })).toHaveLength(1);

    const second = await pay(p, 'check', p.invoice.openAmount);
    const results = await Promise.all(Array.from({ length: 6 }, () => reverse(senior, second)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409 && r.body.code === 'PAYMENT_ALREADY_REVERSED')).toBe(true);
    expect(await t.db('journal_entries').where({ external_id: `payment:${second.id}:reversed` })).toHaveLength(1);
    expect(await t.db('payment_status_history').where({ payment_id: second.id, to_status: 'reversed' })).toHaveLength(1);
    await expectBalanced();
  });

  it('a reversed payment is neither refunded nor re-allocated (409)', async () => {
    const p = await policyWithInvoice();
    const payment = await pay(p, 'check', p.invoice.openAmount);
    const reversed = (await reverse(await w.as('manager'), payment).expect(200)).body;
    const refund = await request(t.app)
      .post('/api/refunds')
      .set((await w.as('agent')).auth)
      .set('Idempotency-Key', crypto.randomUUID())
      .send({ paymentId: payment.id, amount: 1_00, reason: 'After the bounce' })
      .expect(409);
    expect(refund.body.code).toBe('REFUND_PAYMENT_NOT_REFUNDABLE');
    const realloc = await request(t.app)
      .post(`/api/payments/${payment.id}/reallocate`)
      .set((await w.as('senior_agent')).auth)
      .set('If-Match', `"${reversed.version}"`)
      .send({ allocations: [], reason: 'After the bounce' })
      .expect(409);
    expect(realloc.body.code).toBe('PAYMENT_NOT_REALLOCATABLE');
  });
});
