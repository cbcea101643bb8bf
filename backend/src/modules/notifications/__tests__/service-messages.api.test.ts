// The service messages wired into the business transactions (issue 17), on a real PostgreSQL: the
// welcome when a policy is issued, a failed payment (declined card, a failure reported by the gateway's
// webhook, a bounced check), the reminder before an invoice falls due (once, not for a paid invoice,
// once with two runs at the same time), the claim's acknowledgement and its decision — each on the
// customer's preferred channel, in the transaction of the change — and every message on the
// customer's timeline.
import crypto from 'node:crypto';
import request from 'supertest';
import { publishProduct, type Session } from '../../../../test/support/factories';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { billingWorld, type BillingWorld, type IssuedPolicy } from '../../billing/__tests__/billing-fixtures';
import { BillingMessages } from '../../billing/billing-messages';
import { RAISE_INVOICES_JOB } from '../../billing';
import { InvoiceReminders } from '../../billing/invoice-reminders';
import type { SandboxGateway } from '../../billing/sandbox-gateway';
import { withReferralCleared } from '../../claims/__tests__/claim-fixtures';
import { termLife } from '../../products/rating/__tests__/fixtures';

type Body = request.Response['body'];
let w: BillingWorld;
let agent: Session;
let manager: Session;
let reminders: InvoiceReminders;
// 2027-01-11 is a Monday.
const START = '2027-01-11';
const SECRET = 'whsec_service_messages_0001';

beforeAll(async () => {
  w = await billingWorld('policydesk_service_messages', { startAt: `${START}T10:00:00Z`, env: { PAYMENT_WEBHOOK_SECRETS: SECRET } });
  agent = await w.as('agent');
  manager = await w.as('manager');
  reminders = new InvoiceReminders(w.t.db, w.t.clock, new BillingMessages(w.t.services.notifications));
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(() => w.close());

const messagesOf = (customerId: string, template: string) => w.t.db('notification_outbox').where({ customer_id: customerId, template_key: template }).orderBy('created_at');
const contactOf = async (customerId: string) => (await request(w.t.app).get(`/api/customers/${customerId}`).set(agent.auth).expect(200)).body;
const setPreferred = async (customer: { id: string }, preferredChannel: 'email' | 'sms') => {
  await w.t.db('customers').where({ id: customer.id }).update({ preferred_channel: preferredChannel });
};

describe('a new policy', () => {
  it('welcomes the customer once, on their preferred channel, with the policy and product', async () => {
    const { customer, policy } = await w.issuedPolicy();
    const [welcome, ...more] = await messagesOf(customer.id, 'onboarding-welcome');
    expect(more).toHaveLength(0);
    const contact = await contactOf(customer.id);
    expect(welcome).toMatchObject({
      channel: contact.preferredChannel === 'sms' ? 'sms' : 'email',
      purpose: 'service',
      idempotency_key: `policy:${policy.id}:welcome`,
      data: { customerName: `${contact.firstName} ${contact.lastName}`, policyNumber: policy.policyNumber, startDate: policy.startDate, productName: expect.any(String) },
    });
  });
});

describe('a payment that does not go through', () => {
  let issued: IssuedPolicy;
  beforeAll(async () => {
    issued = await w.issuedPolicy({ token: 'tok_sandbox_insufficient_funds' });
  });

  it('a declined card: the customer is told, by text when they prefer texts, with the gateway’s words', async () => {
    await setPreferred(issued.customer, 'sms');
    const payment = (await w.pay(agent, { policyId: issued.policy.id, method: 'card', amount: 45_00, currency: 'USD' }).expect(201)).body;
    expect(payment.status).toBe('failed');
    const [notice] = await messagesOf(issued.customer.id, 'payment-failed');
    const contact = await contactOf(issued.customer.id);
    expect(notice).toMatchObject({
      channel: 'sms',
      recipient: contact.phone,
      idempotency_key: `payment:${payment.id}:failed`,
      data: { paymentNumber: payment.paymentNumber, amount: '45.00 USD', reason: 'The card has insufficient funds' },
    });
  });

  it('a failure the gateway reports by webhook: told once, a redelivery adds nothing', async () => {
    const p = await w.issuedPolicy({ token: 'tok_sandbox_async_declined' });
    await setPreferred(p.customer, 'email');
    const payment = (await w.pay(agent, { policyId: p.policy.id, method: 'card', amount: 60_00, currency: 'USD' }).expect(201)).body;
    expect(payment.status).toBe('pending');
    expect(await messagesOf(p.customer.id, 'payment-failed')).toHaveLength(0);
    const gateway = w.t.services.paymentGateway as SandboxGateway;
    const deliver = async () => {
      const event = gateway.settle(payment.gatewayReference);
      await request(w.t.app).post('/api/webhooks/payments').set('Content-Type', 'application/json').set('Stripe-Signature', event.signatureHeader).send(event.rawBody).expect(200);
    };
    await deliver();
    await deliver();
    const notices = await messagesOf(p.customer.id, 'payment-failed');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ channel: 'email', data: { reason: 'The card was declined', amount: '60.00 USD' } });
  });

  it('a bounced check: the reversal tells the customer in its transaction; a refused reversal tells nothing', async () => {
    await setPreferred(issued.customer, 'email');
    const check = (await w.pay(agent, { policyId: issued.policy.id, method: 'check', amount: 30_00, currency: 'USD', checkNumber: '000123' }).expect(201)).body;
    // Without If-Match the reversal is refused: nothing is queued.
    await request(w.t.app).post(`/api/payments/${check.id}/reverse`).set(manager.auth).send({ reason: 'Returned unpaid' }).expect(428);
    expect(await w.t.db('notification_outbox').where({ idempotency_key: `payment:${check.id}:failed` })).toHaveLength(0);
    await request(w.t.app).post(`/api/payments/${check.id}/reverse`).set(manager.auth).set('If-Match', `"${check.version}"`).send({ reason: 'Returned unpaid' }).expect(200);
    const [notice] = await w.t.db('notification_outbox').where({ idempotency_key: `payment:${check.id}:failed` });
    expect(notice).toMatchObject({ channel: 'email', template_key: 'payment-failed', data: { reason: 'The check was returned unpaid by the bank', amount: '30.00 USD' } });
  });
});

describe('a claim', () => {
  let policy: IssuedPolicy;
  let adjuster: Session;
  let secondAdjuster: Session;
  beforeAll(async () => {
    await w.t.db('approval_limits').insert([
      { role: 'claims_adjuster', kind: 'claim_amount', currency: 'USD', max_amount: 25_000_00, revision: 1, updated_at: new Date() },
      { role: 'manager', kind: 'claim_amount', currency: 'USD', max_amount: 50_000_00, revision: 1, updated_at: new Date() },
    ]);
    const definition = { ...termLife, claims: { lossTypes: [{ lossType: 'accident', coverages: ['ADB'] }] } };
    const productId = (await publishProduct(w.t, await w.as('admin'), { code: 'CSM', name: 'Service messages term life', category: 'life', definition })).id;
    policy = await w.issuedPolicy({ productId });
    adjuster = await w.as('claims_adjuster');
    secondAdjuster = await w.as('claims_adjuster');
  });
  const act = (session: Session, claim: { id: string; version: number }, action: string, body: object = {}) =>
    request(w.t.app).post(`/api/claims/${claim.id}/${action}`).set(session.auth).set('If-Match', `"${claim.version}"`).send(body);

  async function assessed(reporter: object, decision: 'approve' | 'reject'): Promise<Body> {
    let claim = (
      await request(w.t.app)
        .post('/api/claims')
        .set(agent.auth)
        .send({ policyId: policy.policy.id, lossDate: START, lossType: 'accident', description: 'A fall on the stairs', location: 'Home', reporter })
        .expect(201)
    ).body;
    expect(await w.t.db('notification_outbox').where({ idempotency_key: `claim:${claim.id}:acknowledgement` })).toHaveLength(0); // a draft is not acknowledged
    claim = await withReferralCleared(w.t.app, manager, (await act(agent, claim, 'submit').expect(200)).body);
    claim = (await act(adjuster, claim, 'start-investigation').expect(200)).body;
    const lines = [{ coverage: 'ADB', lossAmount: 1_200_00 }];
    const body =
      decision === 'approve'
        ? { lines, decision, reasonCode: 'APPROVED_IN_FULL' }
        : { lines, decision, reasonCode: 'EXCLUSION_APPLIES', reason: 'Section 4.2: the fall was at work' };
    return (await act(adjuster, claim, 'assess', body).expect(200)).body;
  }

  it('acknowledges the submitted claim to the reporter and tells them the approval with the amount', async () => {
    const claim = await assessed({ kind: 'beneficiary', name: 'Sam Heir', email: 'sam.heir@example.test' }, 'approve');
    const [ack] = await w.t.db('notification_outbox').where({ idempotency_key: `claim:${claim.id}:acknowledgement` });
    expect(ack).toMatchObject({
      channel: 'email',
      recipient: 'sam.heir@example.test',
      customer_id: policy.customer.id,
      template_key: 'claim-acknowledgement',
      data: { customerName: 'Sam Heir', claimNumber: claim.claimNumber, lossDate: START, decisionDays: 10 },
    });
    await act(secondAdjuster, claim, 'approve').expect(200);
    const [decision] = await w.t.db('notification_outbox').where({ idempotency_key: `claim:${claim.id}:decision:approved` });
    expect(decision).toMatchObject({
      template_key: 'claim-approved',
      recipient: 'sam.heir@example.test',
      data: { approvedAmount: '1,200.00 USD', claimNumber: claim.claimNumber },
    });
  });

  it('tells the policyholder (no usable reporter address) of a rejection with the clause; a refused decision tells nothing', async () => {
    await setPreferred(policy.customer, 'email');
    const claim = await assessed({ kind: 'third_party', name: 'A Neighbour', phone: '555 0100' }, 'reject');
    // Whoever assessed cannot decide (four-eyes): refused, nothing queued.
    await act(adjuster, claim, 'reject', { reason: 'Section 4.2: the fall was at work' }).expect(409);
    expect(await w.t.db('notification_outbox').where({ idempotency_key: `claim:${claim.id}:decision:rejected` })).toHaveLength(0);
    await act(secondAdjuster, claim, 'reject', { reason: 'Section 4.2: the fall was at work.' }).expect(200);
    const contact = await contactOf(policy.customer.id);
    const [decision] = await w.t.db('notification_outbox').where({ idempotency_key: `claim:${claim.id}:decision:rejected` });
    expect(decision).toMatchObject({
      template_key: 'claim-rejected',
      channel: 'email',
      recipient: contact.email,
      data: { customerName: `${contact.firstName} ${contact.lastName}`, reason: 'Section 4.2: the fall was at work' },
    });
  });
});

describe('the customer’s timeline', () => {
  it('lists the messages sent to the customer, newest first, filterable, and only to those who may read the customer', async () => {
    const { customer } = await w.issuedPolicy();
    await w.pay(agent, { customerId: customer.id, method: 'cash', amount: 10_00, currency: 'USD' }, crypto.randomUUID()).expect(201);
    const res = await request(w.t.app).get(`/api/customers/${customer.id}/timeline`).set(agent.auth).query({ kind: 'message' }).expect(200);
    const outbox = await w.t
      .db('notification_outbox')
      .where({ customer_id: customer.id })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    expect(outbox.map((m) => m.template_key)).toEqual(expect.arrayContaining(['onboarding-welcome', 'payment-receipt']));
    expect(res.body.items.map((i: Body) => i.id)).toEqual(outbox.map((m) => m.id));
    const receipt = res.body.items.find((i: Body) => i.id === outbox.find((m) => m.template_key === 'payment-receipt')!.id);
    expect(receipt).toMatchObject({
      kind: 'message',
      title: expect.stringMatching(/^Payment receipt by (email|text)$/),
      detail: 'pending',
      by: null,
      record: { type: 'message', number: null },
    });
    // All kinds: the messages are there among the rest.
    const all = await request(w.t.app).get(`/api/customers/${customer.id}/timeline`).set(agent.auth).expect(200);
    expect(all.body.items.some((i: Body) => i.kind === 'message')).toBe(true);
    // Another branch's agent sees no timeline of this customer at all.
    const stranger = await w.as('agent', w.otherBranch);
    await request(w.t.app).get(`/api/customers/${customer.id}/timeline`).set(stranger.auth).query({ kind: 'message' }).expect(404);
  });
});

// Last: it moves the clock a month on.
describe('the invoice reminder', () => {
  it('reminds each unpaid invoice once, within five days of its due date; not a paid one; once with two runs at the same time', async () => {
    const unpaid = await w.issuedPolicy();
    const paid = await w.issuedPolicy();
    const [second] = await w.t.db('billing_installments').where({ policy_id: unpaid.policy.id }).orderBy('due_date').offset(1).limit(1);
    const due: string = second.due_date;
    const dayOf = (offset: number) => new Date(Date.parse(`${due}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    w.t.clock.set(`${dayOf(-14)}T10:00:00Z`);
    const agent = await w.as('agent'); // tokens expire as the clock moves
    await w.t.jobs.runNow(RAISE_INVOICES_JOB, {});
    const invoiceOf = async (p: IssuedPolicy) => (await w.t.db('invoices').where({ policy_id: p.policy.id, due_date: due }).first())!;
    const invoice = await invoiceOf(unpaid);
    // The other customer pays everything they owe before the reminder (credit pays the oldest invoice first).
    const owed = (await w.billingOf(agent, paid.policy.id)).invoices.reduce((sum: number, i: Body) => sum + i.openAmount, 0);
    await w.pay(agent, { policyId: paid.policy.id, method: 'cash', amount: owed, currency: 'USD' }).expect(201);
    expect((await invoiceOf(paid)).status).toBe('paid');

    // Six days before: too early.
    expect(await reminders.remindDue(dayOf(-6))).toEqual({ reminded: 0, withoutAddress: 0 });
    // Five days before, two runs at once (every policy of this file due that day is reminded): each invoice once.
    const runs = await Promise.all([reminders.remindDue(dayOf(-5)), reminders.remindDue(dayOf(-5))]);
    const queued = await w.t.db('notification_outbox').where({ template_key: 'invoice-reminder' });
    expect(runs.reduce((n, r) => n + r.reminded, 0)).toBe(queued.length);
    expect(new Set(queued.map((m) => m.idempotency_key)).size).toBe(queued.length);
    const [reminder, ...more] = await messagesOf(unpaid.customer.id, 'invoice-reminder');
    expect(more).toHaveLength(0);
    expect(reminder).toMatchObject({
      idempotency_key: `invoice:${invoice.id}:reminder`,
      data: { invoiceNumber: invoice.invoice_number, policyNumber: unpaid.policy.policyNumber, dueDate: due, amount: expect.stringMatching(/^[\d,]+\.\d\d USD$/) },
    });
    expect(await messagesOf(paid.customer.id, 'invoice-reminder')).toHaveLength(0);
    // The next days' runs do not remind it again; the invoice's version did not move.
    expect((await reminders.remindDue(dayOf(-2))).reminded).toBe(0);
    expect((await invoiceOf(unpaid)).version).toBe(invoice.version);
  });
});
