// Refunds and write-offs end to end on a real PostgreSQL: a refund requested by one person and
// approved by another within their refund_amount limit (four-eyes), never more than was paid (also
// under 50 concurrent requests), credit refunds, card refunds through the sandbox gateway and its
// refund.settled webhook, payouts recorded by staff, write-offs within the writer's limit, branch
// scoping and validation. Every money path ends with a balanced ledger.
import crypto from 'node:crypto';
import request from 'supertest';
import type { TestApp } from '../../../../test/support/test-app';
import type { Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { InvoiceService } from '../invoices.service';
import type { SandboxGateway } from '../sandbox-gateway';
import { billingWorld, type BillingWorld, type IssuedPolicy } from './billing-fixtures';

let w: BillingWorld;
let t: TestApp;
let invoices: InvoiceService;
let gateway: SandboxGateway;
const DAY = 86_400_000;
const USD = 'USD';

// The demo limits (cents): refund_amount agent 500, senior agent 2,500, manager 25,000; write_off_amount senior agent 250, manager 10,000.
const LIMITS = [
  { role: 'agent', kind: 'refund_amount', max_amount: 500_00 },
  { role: 'senior_agent', kind: 'refund_amount', max_amount: 2_500_00 },
  { role: 'manager', kind: 'refund_amount', max_amount: 25_000_00 },
  { role: 'senior_agent', kind: 'write_off_amount', max_amount: 250_00 },
  { role: 'manager', kind: 'write_off_amount', max_amount: 10_000_00 },
];

beforeAll(async () => {
  w = await billingWorld('policydesk_refunds', { startAt: '2027-01-31T10:00:00Z' });
  t = w.t;
  gateway = t.services.paymentGateway as SandboxGateway;
  invoices = new InvoiceService(t.db, t.clock, w.ledger, t.services.audit, t.services.customerProfiles, 14);
  await t.db('approval_limits').insert(LIMITS.map((l) => ({ ...l, currency: USD, revision: 1, updated_at: new Date() })));
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

type Body = request.Response['body'];

const requestRefund = (session: Session, body: object, key: string = crypto.randomUUID()) =>
  request(t.app).post('/api/refunds').set(session.auth).set('Idempotency-Key', key).send(body);
const step = (session: Session, refund: { id: string; version: number }, action: string, body: object = {}) =>
  request(t.app).post(`/api/refunds/${refund.id}/${action}`).set(session.auth).set('If-Match', `"${refund.version}"`).send(body);
const writeOff = (session: Session, invoiceId: string, body: object, key: string = crypto.randomUUID()) =>
  request(t.app).post(`/api/invoices/${invoiceId}/write-off`).set(session.auth).set('Idempotency-Key', key).send(body);
const deliver = (hook: { rawBody: string; signatureHeader: string }) =>
  request(t.app).post('/api/webhooks/payments').set('Content-Type', 'application/json').set('Stripe-Signature', hook.signatureHeader).send(hook.rawBody);
const credit = (customerId: string) => w.balance({ kind: 'customer_credit', owner: customerId, currency: USD });
const refundsPayable = () => w.balance({ kind: 'refunds_payable', currency: USD });

async function expectBalanced() {
  for (const c of await w.trialTotals()) expect(c.debits).toBe(c.credits);
  expect((await w.ledger.trialBalance(t.db)).balanced).toBe(true);
}

/** A policy with a succeeded cash payment kept as credit (no invoice raised yet). */
async function paidPolicy(amount: number, method: 'cash' | 'card' = 'cash', token?: string): Promise<IssuedPolicy & { payment: Body }> {
  const issued = await w.issuedPolicy(token ? { token } : {});
  const agent = await w.as('agent');
  const payment = (await w.pay(agent, { policyId: issued.policy.id, method, amount, currency: USD }).expect(201)).body;
  return { ...issued, payment };
}

describe('refund of a payment: request, approval by another person, payout', () => {
  it('an agent requests, a manager approves (refundApproved from credit), staff record the payout (refundPaid): statuses, history, audit, balanced ledger', async () => {
    const { customer, policy, payment } = await paidPolicy(300_00);
    expect(payment.allocations).toEqual([]);
    const { session: agent, userId: agentId } = await w.userAs('agent');
    const { session: manager, userId: managerId } = await w.userAs('manager');
    const cashBefore = await w.balance({ kind: 'cash_clearing', owner: 'cash', currency: USD });
    const payableBefore = await refundsPayable();

    const requested = await requestRefund(agent, { paymentId: payment.id, amount: 120_00, reason: 'Paid twice by mistake' }).expect(201);
    expect(requested.headers.location).toBe(`/api/refunds/${requested.body.id}`);
    expect(requested.body).toMatchObject({
      source: 'payment',
      paymentId: payment.id,
      paymentNumber: payment.paymentNumber,
      policyId: policy.id,
      policyNumber: expect.stringMatching(/^P-\d{6,}$/),
      customerId: customer.id,
      branchId: w.branch,
      method: 'cash',
      amount: 120_00,
      currency: USD,
      status: 'requested',
      requestedBy: agentId,
      decidedBy: null,
      version: 1,
    });
    expect(requested.body.refundNumber).toMatch(/^RF-\d{6,}$/);
    expect(requested.body.history).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'requested', actorId: agentId })]);
    // Nothing moves until approval.
    expect(await w.entriesOf('refund', requested.body.id)).toHaveLength(0);
    expect(await credit(customer.id)).toBe(300_00);

    const approved = await step(manager, requested.body, 'approve', { note: 'Checked the statement' }).expect(200);
    expect(approved.headers.etag).toBe('"2"');
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: managerId, decisionNote: 'Checked the statement', version: 2 });
    const [approval] = await w.entriesOf('refund', requested.body.id);
    expect(approval).toMatchObject({ external_id: `refund:${requested.body.id}:approved`, customer_id: customer.id, policy_id: policy.id });
    expect(await w.postingsOf(approval.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'customer_credit', owner_key: customer.id, direction: 'debit', amount: 120_00 }),
        expect.objectContaining({ kind: 'refunds_payable', direction: 'credit', amount: 120_00 }),
      ]),
    );
    expect(await credit(customer.id)).toBe(180_00);
    expect((await refundsPayable()) - payableBefore).toBe(120_00);

    // The approval does not let staff skip the version.
    await step(manager, requested.body, 'paid', { reference: 'Cash at the desk' }).expect(412);
    const paid = await step(manager, approved.body, 'paid', { reference: 'Receipt 4711' }).expect(200);
    expect(paid.body).toMatchObject({ status: 'paid', payoutReference: 'Receipt 4711', version: 3 });
    expect(paid.body.paidAt).toEqual(expect.any(String));
    expect(paid.body.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['requested', 'approved', 'paid']);
    const entries = await w.entriesOf('refund', requested.body.id);
    expect(entries.map((e: { external_id: string }) => e.external_id)).toEqual([`refund:${requested.body.id}:approved`, `refund:${requested.body.id}:paid`]);
    expect(await w.postingsOf(entries[1].id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'refunds_payable', direction: 'debit', amount: 120_00 }),
        expect.objectContaining({ kind: 'cash_clearing', owner_key: 'cash', direction: 'credit', amount: 120_00 }),
      ]),
    );
    expect((await refundsPayable()) - payableBefore).toBe(0);
    expect(cashBefore - (await w.balance({ kind: 'cash_clearing', owner: 'cash', currency: USD }))).toBe(120_00);

    const audit = await t.db('audit_log').where({ entity_type: 'refund', entity_id: requested.body.id }).orderBy('id').pluck('action');
    expect(audit).toEqual(['refund.request', 'refund.approve', 'refund.pay']);
    // Reads: the refund and the policy's list.
    const read = await request(t.app).get(`/api/refunds/${requested.body.id}`).set(agent.auth).expect(200);
    expect(read.headers.etag).toBe('"3"');
    const list = await request(t.app).get(`/api/policies/${policy.id}/refunds`).set(agent.auth).expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toEqual([requested.body.id]);
    await expectBalanced();
  });

  it('refunding money that already paid invoices takes it back from them (like a chargeback): the invoice is owed again, the credit never negative', async () => {
    const { customer, policy } = await w.issuedPolicy();
    t.clock.advance(DAY);
    await invoices.raiseDue();
    const agent = await w.as('agent');
    const invoice = (await w.billingOf(agent, policy.id)).invoices[0] as { id: string; openAmount: number };
    const payment = (await w.pay(agent, { policyId: policy.id, method: 'bank_transfer', reference: 'TRX-1', amount: invoice.openAmount, currency: USD }).expect(201)).body;
    expect(payment.allocations).toEqual([expect.objectContaining({ invoiceId: invoice.id, amount: invoice.openAmount })]);
    expect(await credit(customer.id)).toBe(0);

    const refund = (await requestRefund(agent, { paymentId: payment.id, amount: invoice.openAmount, reason: 'Customer cancelled the cover' }).expect(201)).body;
    const approved = await step(await w.as('manager'), refund, 'approve').expect(200);
    expect(approved.body.status).toBe('approved');
    expect(await credit(customer.id)).toBe(0);
    const after = await w.billingOf(agent, policy.id);
    // Due yesterday (the policy's start), so owed again means overdue.
    expect(after.invoices[0]).toMatchObject({ id: invoice.id, openAmount: invoice.openAmount, status: 'overdue' });
    expect(after.amountDue).toBe(invoice.openAmount);
    const withdrawal = await t
      .db('journal_entries')
      .where({ external_id: `refund:${refund.id}:approved:invoice:${invoice.id}` })
      .first();
    expect(withdrawal).toBeDefined();
    expect(await t.db('invoice_status_history').where({ invoice_id: invoice.id, from_status: 'paid', to_status: 'overdue' })).toHaveLength(1);
    await expectBalanced();
  });

  it('a requested refund can be rejected by an approver or cancelled by its requester; neither moves money and both free the amount', async () => {
    const { payment } = await paidPolicy(100_00);
    const { session: agent } = await w.userAs('agent');
    const senior = await w.as('senior_agent');
    const first = (await requestRefund(agent, { paymentId: payment.id, amount: 100_00, reason: 'Duplicate payment' }).expect(201)).body;
    await requestRefund(agent, { paymentId: payment.id, amount: 1, reason: 'One cent more' }).expect(409);
    const rejected = await step(senior, first, 'reject', { reason: 'Not a duplicate: two installments' }).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: 'Not a duplicate: two installments' });
    await step(senior, rejected.body, 'approve').expect(409);

    const second = (await requestRefund(agent, { paymentId: payment.id, amount: 100_00, reason: 'Duplicate payment, again' }).expect(201)).body;
    // Another agent (not the requester, not an approver) may not cancel it.
    const otherAgent = await w.as('agent');
    expect((await step(otherAgent, second, 'cancel', { reason: 'Not mine to cancel' }).expect(403)).body.code).toBe('FORBIDDEN');
    const cancelled = await step(agent, second, 'cancel', { reason: 'Asked by mistake' }).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await w.entriesOf('refund', first.id)).toHaveLength(0);
    expect(await w.entriesOf('refund', second.id)).toHaveLength(0);
    const audit = await t.db('audit_log').whereIn('entity_id', [first.id, second.id]).orderBy('id').pluck('action');
    expect(audit).toEqual(['refund.request', 'refund.reject', 'refund.request', 'refund.cancel']);
    await requestRefund(agent, { paymentId: payment.id, amount: 100_00, reason: 'Now really' }).expect(201);
  });

  it('records a failed payout: the approval is reversed, the money is the customer’s credit again', async () => {
    const { customer, payment } = await paidPolicy(80_00);
    const agent = await w.as('agent');
    const manager = await w.as('manager');
    const refund = (await requestRefund(agent, { paymentId: payment.id, amount: 80_00, reason: 'Cover not wanted' }).expect(201)).body;
    const approved = (await step(manager, refund, 'approve').expect(200)).body;
    expect(await credit(customer.id)).toBe(0);
    const failed = await step(manager, approved, 'failed', { reason: 'Cash not collected' }).expect(200);
    expect(failed.body).toMatchObject({ status: 'failed', failureReason: 'Cash not collected' });
    expect(await credit(customer.id)).toBe(80_00);
    const entries = await w.entriesOf('refund', refund.id);
    expect(entries.map((e: { external_id: string }) => e.external_id)).toEqual([`refund:${refund.id}:approved`, `refund:${refund.id}:failed`]);
    expect(entries[1].reverses_entry_id).toBe(entries[0].id);
    // A failed refund no longer holds the payment's money.
    await requestRefund(agent, { paymentId: payment.id, amount: 80_00, reason: 'Second attempt' }).expect(201);
    await expectBalanced();
  });
});

describe('four-eyes, limits and state', () => {
  it('refuses approval by the person who requested it (409 FOUR_EYES), whatever their limit', async () => {
    const { payment } = await paidPolicy(50_00);
    const senior = await w.as('senior_agent');
    const refund = (await requestRefund(senior, { paymentId: payment.id, amount: 50_00, reason: 'Overpaid' }).expect(201)).body;
    const res = await step(senior, refund, 'approve').expect(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('FOUR_EYES');
    expect(res.body.detail).toBe('You cannot approve what you submitted yourself; another person must decide.');
    expect((await request(t.app).get(`/api/refunds/${refund.id}`).set(senior.auth).expect(200)).body.status).toBe('requested');
    expect(await w.entriesOf('refund', refund.id)).toHaveLength(0);
  });

  it('refuses approval above the approver’s refund_amount limit (403 APPROVAL_LIMIT_EXCEEDED); someone with a higher limit approves', async () => {
    const { payment } = await paidPolicy(3_500_00);
    const agent = await w.as('agent');
    const refund = (await requestRefund(agent, { paymentId: payment.id, amount: 3_000_00, reason: 'Policy cancelled in the free-look period' }).expect(201)).body;
    const refused = await step(await w.as('senior_agent'), refund, 'approve').expect(403);
    expect(refused.body).toMatchObject({ code: 'APPROVAL_LIMIT_EXCEEDED', kind: 'refund_amount', amount: 3_000_00, limit: 2_500_00, currency: USD });
    expect(await w.entriesOf('refund', refund.id)).toHaveLength(0);
    // Agents may ask but not approve at all.
    expect((await step(agent, refund, 'approve').expect(403)).body.code).toBe('PERMISSION_DENIED');
    await step(await w.as('manager'), refund, 'approve').expect(200);
  });

  it('answers a stale If-Match with 412 and a second approval with 409 REFUND_ILLEGAL_TRANSITION', async () => {
    const { payment } = await paidPolicy(40_00);
    const refund = (await requestRefund(await w.as('agent'), { paymentId: payment.id, amount: 10_00, reason: 'Rounding' }).expect(201)).body;
    const manager = await w.as('manager');
    const stale = await step(manager, { ...refund, version: 7 }, 'approve').expect(412);
    expect(stale.body.code).toBe('VERSION_MISMATCH');
    await request(t.app).post(`/api/refunds/${refund.id}/approve`).set(manager.auth).send({}).expect(428);
    const approved = (await step(manager, refund, 'approve').expect(200)).body;
    const again = await step(manager, approved, 'approve').expect(409);
    expect(again.body).toMatchObject({ code: 'REFUND_ILLEGAL_TRANSITION', currentStatus: 'approved' });
  });
});

describe('never more than was paid', () => {
  it('refuses a refund above what is left of the payment (409 REFUND_EXCEEDS_PAYMENT with what is refundable)', async () => {
    const { payment } = await paidPolicy(100_00);
    const agent = await w.as('agent');
    const over = await requestRefund(agent, { paymentId: payment.id, amount: 100_01, reason: 'Too much' }).expect(409);
    expect(over.body).toMatchObject({ code: 'REFUND_EXCEEDS_PAYMENT', refundable: 100_00 });
    await requestRefund(agent, { paymentId: payment.id, amount: 60_00, reason: 'Part of it' }).expect(201);
    const rest = await requestRefund(agent, { paymentId: payment.id, amount: 40_01, reason: 'The rest and a cent' }).expect(409);
    expect(rest.body).toMatchObject({ code: 'REFUND_EXCEEDS_PAYMENT', refundable: 40_00 });
    await requestRefund(agent, { paymentId: payment.id, amount: 40_00, reason: 'Exactly the rest' }).expect(201);
  });

  it('refuses at approval a payment refund whose money was already refunded as credit (the credit would go below zero)', async () => {
    const { customer, policy, payment } = await paidPolicy(50_00);
    const agent = await w.as('agent');
    const manager = await w.as('manager');
    const asCredit = (await requestRefund(agent, { policyId: policy.id, method: 'cash', amount: 50_00, reason: 'Credit back in cash' }).expect(201)).body;
    await step(manager, asCredit, 'approve').expect(200);
    const again = (await requestRefund(agent, { paymentId: payment.id, amount: 50_00, reason: 'The same money again' }).expect(201)).body;
    const res = await step(manager, again, 'approve').expect(409);
    expect(res.body).toMatchObject({ code: 'REFUND_EXCEEDS_CREDIT', available: 0 });
    expect(await w.entriesOf('refund', again.id)).toHaveLength(0);
    expect(await credit(customer.id)).toBe(0);
    await expectBalanced();
  });

  it('replays a retried request with the same Idempotency-Key: one refund', async () => {
    const { payment } = await paidPolicy(30_00);
    const agent = await w.as('agent');
    const key = crypto.randomUUID();
    const body = { paymentId: payment.id, amount: 30_00, reason: 'Retried after a timeout' };
    const first = await requestRefund(agent, body, key).expect(201);
    const retry = await requestRefund(agent, body, key).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect(await t.db('refunds').where({ payment_id: payment.id })).toHaveLength(1);
    expect((await requestRefund(agent, { ...body, amount: 29_00 }, key).expect(422)).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('refuses refunds of a payment that did not succeed (409 REFUND_PAYMENT_NOT_REFUNDABLE)', async () => {
    const { policy } = await w.issuedPolicy({ token: 'tok_sandbox_declined' });
    const agent = await w.as('agent');
    const declined = (await w.pay(agent, { policyId: policy.id, method: 'card', amount: 20_00, currency: USD }).expect(201)).body;
    expect(declined.status).toBe('failed');
    const res = await requestRefund(agent, { paymentId: declined.id, amount: 20_00, reason: 'Declined anyway' }).expect(409);
    expect(res.body).toMatchObject({ code: 'REFUND_PAYMENT_NOT_REFUNDABLE', paymentStatus: 'failed' });
  });

  it('50 concurrent refund requests against one payment never exceed its amount', async () => {
    const { payment } = await paidPolicy(100_00);
    const agent = await w.as('agent');
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => requestRefund(agent, { paymentId: payment.id, amount: 10_00, reason: `Concurrent request ${i}` })));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    expect(new Set(results.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(['REFUND_EXCEEDS_PAYMENT']));
    const held = await t.db('refunds').where({ payment_id: payment.id }).whereIn('status', ['requested', 'approved', 'paid']).sum<{ sum: string }[]>('amount as sum');
    expect(Number(held[0]!.sum)).toBe(100_00);
  });

  it('refuses to approve a refund of a payment charged back since it was requested', async () => {
    const { policy } = await w.issuedPolicy();
    const agent = await w.as('agent');
    const paid = (await w.pay(agent, { policyId: policy.id, method: 'card', amount: 70_00, currency: USD }).expect(201)).body;
    const refund = (await requestRefund(agent, { paymentId: paid.id, amount: 70_00, reason: 'Wants it back' }).expect(201)).body;
    await deliver(gateway.openDispute(paid.gatewayReference)).expect(200);
    const res = await step(await w.as('manager'), refund, 'approve').expect(409);
    expect(res.body).toMatchObject({ code: 'REFUND_PAYMENT_NOT_REFUNDABLE', paymentStatus: 'reversed' });
    await expectBalanced();
  });
});

describe('refund of the customer’s credit', () => {
  it('pays out credit by transfer: at most the credit less the credit refunds waiting (409 REFUND_EXCEEDS_CREDIT); approval and payout post and balance', async () => {
    const { customer, policy } = await paidPolicy(90_00);
    const agent = await w.as('agent');
    const manager = await w.as('manager');
    const first = await requestRefund(agent, { policyId: policy.id, method: 'bank_transfer', amount: 60_00, reason: 'Customer asked for the credit back' }).expect(201);
    expect(first.body).toMatchObject({ source: 'credit', paymentId: null, policyId: policy.id, customerId: customer.id, method: 'bank_transfer', status: 'requested' });
    // 30.00 of the 90.00 credit is not held by the waiting refund.
    const over = await requestRefund(agent, { customerId: customer.id, currency: USD, method: 'check', amount: 30_01, reason: 'And the rest' }).expect(409);
    expect(over.body).toMatchObject({ code: 'REFUND_EXCEEDS_CREDIT', available: 30_00 });
    const second = await requestRefund(agent, { customerId: customer.id, currency: USD, method: 'check', amount: 30_00, reason: 'And the rest' }).expect(201);
    expect(second.body.policyId).toBeNull();

    const approved = (await step(manager, first.body, 'approve').expect(200)).body;
    expect(await credit(customer.id)).toBe(30_00);
    const paid = await step(manager, approved, 'paid', { reference: 'SEPA 2027-02-01/17' }).expect(200);
    expect(paid.body.status).toBe('paid');
    const [, payout] = await w.entriesOf('refund', first.body.id);
    expect(await w.postingsOf(payout.id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'cash_clearing', owner_key: 'bank_transfer', direction: 'credit', amount: 60_00 })]),
    );
    // A card payout of credit is not a thing (no charge to refund to).
    const card = await requestRefund(agent, { policyId: policy.id, method: 'card', amount: 1_00, reason: 'To the card' }).expect(400);
    expect(card.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'method' })]));
    await expectBalanced();
  });

  it('re-checks the credit at approval: a credit refund whose credit was spent since is refused', async () => {
    const { customer, policy } = await paidPolicy(25_00);
    const refund = (await requestRefund(await w.as('agent'), { customerId: customer.id, currency: USD, method: 'cash', amount: 25_00, reason: 'Credit back' }).expect(201)).body;
    // An invoice raised meanwhile takes the credit.
    t.clock.advance(DAY);
    await invoices.raiseDue();
    expect(await credit(customer.id)).toBeLessThan(25_00);
    const res = await step(await w.as('manager'), refund, 'approve').expect(409);
    expect(res.body.code).toBe('REFUND_EXCEEDS_CREDIT');
    expect((await w.billingOf(await w.as('agent'), policy.id)).invoices).toHaveLength(1);
    expect(await w.entriesOf('refund', refund.id)).toHaveLength(0);
  });
});

describe('card refunds through the gateway', () => {
  it('a card refund is paid by the gateway at approval; staff cannot record its payout', async () => {
    const { payment } = await paidPolicy(45_00, 'card');
    expect(payment.status).toBe('succeeded');
    const refund = (await requestRefund(await w.as('agent'), { paymentId: payment.id, amount: 45_00, reason: 'Charged in error' }).expect(201)).body;
    expect(refund.method).toBe('card');
    const manager = await w.as('manager');
    const paid = await step(manager, refund, 'approve').expect(200);
    expect(paid.body).toMatchObject({ status: 'paid', gateway: 'sandbox' });
    expect(paid.body.gatewayReference).toMatch(/^sb_re_/);
    expect(paid.body.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['requested', 'approved', 'paid']);
    const [, payout] = await w.entriesOf('refund', refund.id);
    expect(await w.postingsOf(payout.id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'cash_clearing', owner_key: 'card', direction: 'credit', amount: 45_00 })]),
    );
    await expectBalanced();

    const another = (await requestRefund(await w.as('agent'), { paymentId: payment.id, amount: 1, reason: 'One cent more' }).expect(409)).body;
    expect(another.code).toBe('REFUND_EXCEEDS_PAYMENT');
  });

  it('a pending card refund stays approved until refund.settled pays it (once: a redelivery changes nothing)', async () => {
    const { customer, policy } = await w.issuedPolicy({ token: 'tok_sandbox_async' });
    const agent = await w.as('agent');
    const pending = (await w.pay(agent, { policyId: policy.id, method: 'card', amount: 33_00, currency: USD }).expect(201)).body;
    expect(pending.status).toBe('pending');
    expect((await requestRefund(agent, { paymentId: pending.id, amount: 33_00, reason: 'Not yet' }).expect(409)).body.code).toBe('REFUND_PAYMENT_NOT_REFUNDABLE');
    await deliver(gateway.settle(pending.gatewayReference)).expect(200);

    const refund = (await requestRefund(agent, { paymentId: pending.id, amount: 13_00, reason: 'Partial refund' }).expect(201)).body;
    const approved = await step(await w.as('manager'), refund, 'approve').expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', gateway: 'sandbox' });
    expect(await credit(customer.id)).toBe(20_00);
    // The payout is the gateway's to report.
    expect((await step(await w.as('manager'), approved.body, 'paid', { reference: 'x' }).expect(409)).body.code).toBe('REFUND_PAID_BY_GATEWAY');

    const settled = gateway.settleRefund(approved.body.gatewayReference);
    expect((await deliver(settled).expect(200)).body).toEqual({ received: true, duplicate: false });
    const after = (await request(t.app).get(`/api/refunds/${refund.id}`).set(agent.auth).expect(200)).body;
    expect(after.status).toBe('paid');
    expect(after.history.at(-1)).toMatchObject({ fromStatus: 'approved', toStatus: 'paid', actorId: null, note: 'refund.settled' });
    const inbox = await t.db('payment_webhook_events').where({ event_id: settled.event.id }).first();
    expect(inbox).toMatchObject({ outcome: 'applied', payment_id: pending.id });
    expect((await deliver(settled).expect(200)).body).toEqual({ received: true, duplicate: true });
    expect(await w.entriesOf('refund', refund.id)).toHaveLength(2);
    expect(await t.db('audit_log').where({ entity_id: refund.id, action: 'refund.settle' })).toHaveLength(1);
    await expectBalanced();
  });

  it('a refund the gateway refuses is failed at once: the approval is reversed and the money is the customer’s credit again', async () => {
    const { customer, payment } = await paidPolicy(22_00, 'card');
    // The whole charge was already refunded at the gateway directly (outside Policydesk).
    const direct = await gateway.refund({ chargeReference: payment.gatewayReference, amount: 22_00, currency: USD, idempotencyKey: crypto.randomUUID() });
    expect(direct.status).toBe('succeeded');
    const refund = (await requestRefund(await w.as('agent'), { paymentId: payment.id, amount: 22_00, reason: 'Refund the card' }).expect(201)).body;
    const res = await step(await w.as('manager'), refund, 'approve').expect(200);
    expect(res.body).toMatchObject({ status: 'failed', failureReason: 'The gateway refused the refund (amount_exceeds_charge)', gateway: 'sandbox' });
    expect(res.body.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['requested', 'approved', 'failed']);
    const entries = await w.entriesOf('refund', refund.id);
    expect(entries.map((e: { external_id: string }) => e.external_id)).toEqual([`refund:${refund.id}:approved`, `refund:${refund.id}:failed`]);
    expect(await credit(customer.id)).toBe(22_00);
    expect(await t.db('audit_log').where({ entity_id: refund.id }).orderBy('id').pluck('action')).toEqual(['refund.request', 'refund.approve', 'refund.fail']);
    await expectBalanced();
  });

  it('answers refund.settled for a refund it does not know with 409 WEBHOOK_REFUND_UNKNOWN and stores nothing', async () => {
    const { policy } = await w.issuedPolicy({ token: 'tok_sandbox_async' });
    const agent = await w.as('agent');
    const pending = (await w.pay(agent, { policyId: policy.id, method: 'card', amount: 12_00, currency: USD }).expect(201)).body;
    await deliver(gateway.settle(pending.gatewayReference)).expect(200);
    // A refund made at the gateway directly (never approved here).
    const direct = await gateway.refund({ chargeReference: pending.gatewayReference, amount: 5_00, currency: USD, idempotencyKey: crypto.randomUUID() });
    expect(direct.status).toBe('pending');
    const hook = gateway.settleRefund(direct.refundReference);
    expect((await deliver(hook).expect(409)).body.code).toBe('WEBHOOK_REFUND_UNKNOWN');
    expect(await t.db('payment_webhook_events').where({ event_id: hook.event.id })).toHaveLength(0);
  });
});

describe('write-offs', () => {
  async function invoiceOpen() {
    const { policy } = await w.issuedPolicy();
    t.clock.advance(DAY);
    await invoices.raiseDue();
    const agent = await w.as('agent');
    const invoice = (await w.billingOf(agent, policy.id)).invoices[0] as { id: string; openAmount: number; status: string };
    return { policy, invoice, agent };
  }

  it('writes off the small rest of an invoice within the senior agent’s limit: written_off, history, audit, balanced', async () => {
    const { policy, invoice, agent } = await invoiceOpen();
    await w.pay(agent, { policyId: policy.id, method: 'cash', amount: invoice.openAmount - 3_50, currency: USD }).expect(201);
    const { session: senior, userId: seniorId } = await w.userAs('senior_agent');
    const res = await writeOff(senior, invoice.id, { amount: 3_50, reason: 'Bank charges the customer could not avoid' }).expect(201);
    expect(res.body).toMatchObject({ invoiceId: invoice.id, amount: 3_50, invoiceStatus: 'written_off', openAmount: 0, createdBy: seniorId });
    expect(res.body.writeOffNumber).toMatch(/^WO-\d{6,}$/);
    const entry = await t.db('journal_entries').where({ id: res.body.ledgerEntryId }).first();
    expect(entry).toMatchObject({ external_id: `invoice:${invoice.id}:write-off:1`, source_type: 'write_off', source_id: res.body.id });
    expect(await w.postingsOf(entry.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'write_offs', direction: 'debit', amount: 3_50 }),
        expect.objectContaining({ kind: 'premium_receivable', owner_key: policy.id, direction: 'credit', amount: 3_50 }),
      ]),
    );
    const billing = await w.billingOf(agent, policy.id);
    expect(billing.invoices[0]).toMatchObject({ status: 'written_off', openAmount: 0 });
    expect(billing.amountDue).toBe(0);
    expect(await t.db('invoice_status_history').where({ invoice_id: invoice.id, to_status: 'written_off' })).toHaveLength(1);
    expect(await t.db('audit_log').where({ entity_id: invoice.id, action: 'invoice.write_off' })).toHaveLength(1);
    // Nothing is left to write off.
    expect((await writeOff(senior, invoice.id, { amount: 1, reason: 'One more cent' }).expect(409)).body).toMatchObject({ code: 'WRITE_OFF_EXCEEDS_OPEN', openAmount: 0 });
    await expectBalanced();
  });

  it('refuses a write-off above the writer’s limit (403 APPROVAL_LIMIT_EXCEEDED) or above what is open (409), and agents may not write off', async () => {
    const { invoice, agent } = await invoiceOpen();
    const senior = await w.as('senior_agent');
    // A monthly installment is below the demo limit of 250.00: this test's senior agents may write off 5.00.
    await t.db('approval_limits').where({ role: 'senior_agent', kind: 'write_off_amount' }).update({ max_amount: 5_00 });
    try {
      const above = await writeOff(senior, invoice.id, { amount: 5_01, reason: 'Too much for a senior agent' }).expect(403);
      expect(above.body).toMatchObject({ code: 'APPROVAL_LIMIT_EXCEEDED', kind: 'write_off_amount', limit: 5_00, amount: 5_01 });
    } finally {
      await t.db('approval_limits').where({ role: 'senior_agent', kind: 'write_off_amount' }).update({ max_amount: 250_00 });
    }
    const manager = await w.as('manager');
    const tooMuch = await writeOff(manager, invoice.id, { amount: invoice.openAmount + 1, reason: 'More than open' }).expect(409);
    expect(tooMuch.body).toMatchObject({ code: 'WRITE_OFF_EXCEEDS_OPEN', openAmount: invoice.openAmount });
    expect((await writeOff(agent, invoice.id, { amount: 1_00, reason: 'Agents cannot' }).expect(403)).body.code).toBe('PERMISSION_DENIED');
    // A partial write-off within the limit leaves the invoice open with less to pay; a retry with the key replays.
    const key = crypto.randomUUID();
    const partial = await writeOff(senior, invoice.id, { amount: 10_00, reason: 'Goodwill' }, key).expect(201);
    expect(partial.body).toMatchObject({ invoiceStatus: 'open', openAmount: invoice.openAmount - 10_00 });
    const replay = await writeOff(senior, invoice.id, { amount: 10_00, reason: 'Goodwill' }, key).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await t.db('write_offs').where({ invoice_id: invoice.id })).toHaveLength(1);
    await expectBalanced();
  });
});

describe('branch scope', () => {
  it('another branch’s refunds, payments and invoices are 404; the approvers’ list shows only their branches', async () => {
    const { policy, payment } = await paidPolicy(60_00);
    const agent = await w.as('agent');
    const refund = (await requestRefund(agent, { paymentId: payment.id, amount: 10_00, reason: 'In scope' }).expect(201)).body;
    const outsider = await w.as('agent', w.otherBranch);
    const outsideManager = await w.as('manager', w.otherBranch);
    expect((await request(t.app).get(`/api/refunds/${refund.id}`).set(outsider.auth).expect(404)).body.code).toBe('NOT_FOUND');
    await request(t.app).get(`/api/policies/${policy.id}/refunds`).set(outsider.auth).expect(404);
    await requestRefund(outsider, { paymentId: payment.id, amount: 1_00, reason: 'Not my branch' }).expect(404);
    await requestRefund(outsider, { policyId: policy.id, method: 'cash', amount: 1_00, reason: 'Not my branch' }).expect(404);
    await step(outsideManager, refund, 'approve').expect(404);
    t.clock.advance(DAY);
    await invoices.raiseDue();
    const [invoice] = (await w.billingOf(await w.as('agent'), policy.id)).invoices;
    await writeOff(await w.as('manager', w.otherBranch), invoice.id, { amount: 1, reason: 'Not my branch' }).expect(404);

    const outsideList = await request(t.app)
      .get('/api/refunds/awaiting-approval')
      .set((await w.as('manager', w.otherBranch)).auth)
      .expect(200);
    expect(outsideList.body.items.map((r: { id: string }) => r.id)).not.toContain(refund.id);
    const manager = await w.as('manager');
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Body = (
        await request(t.app)
          .get(`/api/refunds/awaiting-approval?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
          .set(manager.auth)
          .expect(200)
      ).body;
      expect(page.items.length).toBeLessThanOrEqual(2);
      for (const r of page.items) expect(r).toMatchObject({ status: 'requested', branchId: w.branch });
      ids.push(...page.items.map((r: { id: string }) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toContain(refund.id);
    expect(new Set(ids).size).toBe(ids.length);
    // Sorted by amount, largest first, with a count; each with its customer's number and name (the list links to the customer).
    const byAmount = (await request(t.app).get('/api/refunds/awaiting-approval?sort=-amount&limit=100').set(manager.auth).expect(200)).body;
    expect(byAmount.total).toEqual({ count: ids.length, more: false });
    const amounts = byAmount.items.map((r: { amount: number }) => r.amount);
    expect(amounts).toEqual([...amounts].sort((a: number, b: number) => b - a));
    const mine = byAmount.items.find((r: { id: string }) => r.id === refund.id);
    expect(mine.customer).toEqual({ id: mine.customerId, customerNumber: expect.stringMatching(/^C-/), name: expect.stringMatching(/\S/) });
    expect(
      (
        await request(t.app)
          .get('/api/refunds/awaiting-approval')
          .set((await w.as('agent')).auth)
          .expect(403)
      ).body.code,
    ).toBe('PERMISSION_DENIED');
  });
});

describe('validation', () => {
  it.each([
    ['zero', { amount: 0 }, 'amount'],
    ['negative', { amount: -5_00 }, 'amount'],
    ['not whole cents', { amount: 10.5 }, 'amount'],
    ['huge', { amount: 1e15 }, 'amount'],
    ['a string', { amount: '10' }, 'amount'],
    ['NUL in the reason', { reason: 'Paid\u0000twice' }, 'reason'],
    ['a short reason', { reason: 'x' }, 'reason'],
    ['no source', { paymentId: undefined }, 'paymentId'],
    ['a method for a payment refund', { method: 'cash' }, 'method'],
    ['an unknown field', { sneaky: true }, ''],
  ])('refuses %s with 400 naming the field, and records nothing', async (_name, change, field) => {
    const { payment } = await paidPolicy(10_00);
    const agent = await w.as('agent');
    const body = { paymentId: payment.id, amount: 5_00, reason: 'Valid reason', ...change };
    const res = await requestRefund(agent, body).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    if (field) expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    expect(await t.db('refunds').where({ payment_id: payment.id })).toHaveLength(0);
  });

  it('refuses a write-off of 0, fractions or NUL reasons with 400 naming the field, and a request without Idempotency-Key', async () => {
    const senior = await w.as('senior_agent');
    const id = crypto.randomUUID();
    for (const [body, field] of [
      [{ amount: 0, reason: 'Zero' }, 'amount'],
      [{ amount: 1.25, reason: 'Fraction' }, 'amount'],
      [{ amount: 1_00, reason: 'Bad\u0000reason' }, 'reason'],
    ] as const) {
      const res = await writeOff(senior, id, body).expect(400);
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    }
    const noKey = await request(t.app).post('/api/refunds').set(senior.auth).send({ paymentId: id, amount: 1_00, reason: 'No key' }).expect(400);
    expect(noKey.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    await request(t.app).get('/api/refunds/not-a-uuid').set(senior.auth).expect(400);
    await request(t.app).get(`/api/refunds/${id}`).set(senior.auth).expect(404);
  });
});
