// Payments and the gateway webhook, end to end on a real PostgreSQL: idempotent POST /api/payments
// (one payment and one ledger entry per key, also under 100 concurrent requests), card outcomes
// through the sandbox gateway, the signed webhook (verification before anything is written, the
// inbox, no backwards moves, disputes reversing the ledger), scoping and validation. Policies are
// issued through the real approval (approval limits are one global table: own database).
import crypto from 'node:crypto';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app';
import { loggedIn, makeBranch, type Session } from '../../../../test/support/factories';
import { createMigratedDatabase, dropDatabase } from '../../../../test/support/test-database';
import { PROCESS_TEST_TIMEOUT_MS } from '../../../../test/support/timeouts';
import { orderFixtures } from '../../orders/__tests__/order-fixtures';
import { LedgerService } from '../ledger.service';
import { PaymentsService, type CreditApplier } from '../payments.service';
import type { Actor } from '../../../platform/actor';
import type { GatewayEvent } from '../payment-gateway';
import type { SandboxGateway } from '../sandbox-gateway';
import { signWebhookPayload } from '../webhook-signature';

let t: TestApp;
let url: string;
const adminUrl = process.env.POLICYDESK_TEST_ADMIN_URL!;
let agent: Session;
let agentUserId: string;
let underwriter: Session;
let otherAgent: Session;
let branch: string;
let productId: string;
let f: ReturnType<typeof orderFixtures>;
let ledger: LedgerService;
let gateway: SandboxGateway;
const SECRET = 'whsec_payments_test_secret_0001';
const OLD_SECRET = 'whsec_payments_test_secret_0000';

const modest = [
  { code: 'DEATH', sumInsured: 250_000_00 },
  { code: 'ADB', sumInsured: 50_000_00 },
];

beforeAll(async () => {
  url = await createMigratedDatabase(adminUrl, 'policydesk_payments');
  t = createTestApp({ env: { DATABASE_URL: url, PAYMENT_WEBHOOK_SECRETS: `${SECRET},${OLD_SECRET}` } });
  f = orderFixtures(t);
  ledger = new LedgerService(t.db, t.clock, t.services.audit, t.services.customerProfiles);
  gateway = t.services.paymentGateway as SandboxGateway;
  const admin = (await loggedIn(t.app, t.db, { role: 'admin' })).session;
  branch = (await makeBranch(t.db)).id;
  const otherBranch = (await makeBranch(t.db)).id;
  const agentLogin = await loggedIn(t.app, t.db, { role: 'agent', branchId: branch });
  agent = agentLogin.session;
  agentUserId = agentLogin.user.id;
  underwriter = (await loggedIn(t.app, t.db, { role: 'underwriter', branchId: branch })).session;
  otherAgent = (await loggedIn(t.app, t.db, { role: 'agent', branchId: otherBranch })).session;
  await t.db('approval_limits').insert([{ role: 'underwriter', kind: 'order_sum_insured', currency: 'USD', max_amount: 350_000_00, revision: 1, updated_at: new Date() }]);
  productId = await f.publishTermLife(admin);
}, PROCESS_TEST_TIMEOUT_MS);
afterAll(async () => {
  await t.close();
  await dropDatabase(adminUrl, url);
});

/** An issued policy; `token` replaces its stored card token (a sandbox test token). */
async function issuedPolicy(token?: string) {
  const { customer, order } = await f.inReview(agent, underwriter, branch, productId, { coverages: modest });
  const approved = (await f.step(underwriter, order.id, 'approve', order.version).expect(200)).body;
  const policy = (await request(t.app).get(`/api/policies/${approved.policyId}`).set(agent.auth).expect(200)).body;
  if (token)
    await t
      .db('billing_policies')
      .where({ policy_id: policy.id })
      .update({ payment_method: JSON.stringify({ ...policy.paymentMethod, token }) });
  return { customer, policy: policy as { id: string; currency: string; paymentMethod: { last4: string } } };
}

const pay = (session: Session, body: object, key: string = crypto.randomUUID()) => request(t.app).post('/api/payments').set(session.auth).set('Idempotency-Key', key).send(body);

const entriesOf = (paymentId: string) => t.db('journal_entries').where({ source_type: 'payment', source_id: paymentId }).orderBy('seq');
const postingsOf = (entryId: string) =>
  t.db('postings as p').join('ledger_accounts as a', 'a.id', 'p.account_id').where('p.entry_id', entryId).select('a.kind', 'a.owner_key', 'p.direction', 'p.amount', 'p.currency');
const inboxCount = async () => Number((await t.db('payment_webhook_events').count<{ count: string }[]>('* as count'))[0]!.count);

const deliver = (rawBody: string, signatureHeader?: string) => {
  const r = request(t.app).post('/api/webhooks/payments').set('Content-Type', 'application/json');
  return (signatureHeader === undefined ? r : r.set('Stripe-Signature', signatureHeader)).send(rawBody);
};
const nowSeconds = () => Math.floor(t.clock.now().getTime() / 1000);
/** An event signed as the gateway would, for cases the sandbox does not produce (out of order, forged, stale). */
function signed(event: Omit<GatewayEvent, 'created'>, options: { secret?: string; at?: number } = {}) {
  const at = options.at ?? nowSeconds();
  const rawBody = JSON.stringify({ ...event, created: at });
  return { rawBody, signatureHeader: signWebhookPayload(rawBody, options.secret ?? SECRET, at) };
}

async function expectTrialBalanced() {
  expect((await ledger.trialBalance(t.db)).balanced).toBe(true);
}

describe('POST /api/payments', () => {
  it('a card payment with the policy’s stored card succeeds: payment, balanced paymentReceived entry, customer credit, history and audit', async () => {
    const { customer, policy } = await issuedPolicy();
    const res = await pay(agent, { policyId: policy.id, method: 'card', amount: 12_345, currency: policy.currency }).expect(201);
    expect(res.body).toMatchObject({
      policyId: policy.id,
      customerId: customer.id,
      branchId: branch,
      method: 'card',
      amount: 12_345,
      status: 'succeeded',
      cardLast4: policy.paymentMethod.last4,
      gateway: 'sandbox',
      failureCode: null,
      allocations: [],
    });
    expect(res.body.paymentNumber).toMatch(/^PM-\d{6,}$/);
    expect(res.headers.location).toBe(`/api/payments/${res.body.id}`);
    const [entry, ...more] = await entriesOf(res.body.id);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({ external_id: `payment:${res.body.id}:received`, policy_id: policy.id, customer_id: customer.id });
    expect(res.body.ledgerEntryId).toBe(entry.id);
    const postings = await postingsOf(entry.id);
    expect(postings).toEqual(
      expect.arrayContaining([
        { kind: 'cash_clearing', owner_key: 'card', direction: 'debit', amount: 12_345, currency: policy.currency },
        { kind: 'customer_credit', owner_key: customer.id, direction: 'credit', amount: 12_345, currency: policy.currency },
      ]),
    );
    expect(postings).toHaveLength(2);
    expect(await ledger.customerCredit(t.db, customer.id, policy.currency)).toBe(12_345);
    expect(await t.db('payment_status_history').where({ payment_id: res.body.id }).select('from_status', 'to_status')).toEqual([{ from_status: null, to_status: 'succeeded' }]);
    expect(await t.db('audit_log').where({ action: 'payment.create', entity_id: res.body.id }).first()).toBeDefined();

    const { allocations: _allocations, ...payment } = res.body;
    expect((await request(t.app).get(`/api/payments/${res.body.id}`).set(agent.auth).expect(200)).body).toEqual({ ...payment, ledgerEntryId: entry.id });
    const page = (await request(t.app).get(`/api/policies/${policy.id}/payments?limit=1`).set(agent.auth).expect(200)).body;
    expect(page.items.map((p: { id: string }) => p.id)).toEqual([res.body.id]);
  });

  it(
    '100 concurrent requests with one key make exactly one payment and one balanced entry; the others are replays or 409, never 5xx',
    async () => {
      const { customer, policy } = await issuedPolicy();
      const key = crypto.randomUUID();
      const body = { policyId: policy.id, method: 'card', amount: 50_00, currency: policy.currency };
      const responses = await Promise.all(Array.from({ length: 100 }, () => pay(agent, body, key)));
      const statuses = responses.map((r) => r.status);
      expect(statuses.filter((s) => s !== 201 && s !== 409)).toEqual([]);
      const created = responses.filter((r) => r.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
      expect(created.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
      for (const r of responses.filter((r) => r.status === 409)) expect(r.body.code).toBe('IDEMPOTENCY_KEY_IN_FLIGHT');
      // A retry after the burst is a replay of the one payment.
      const retry = await pay(agent, body, key).expect(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(created[0]!.body);

      expect(await t.db('payments').where({ policy_id: policy.id })).toHaveLength(1);
      const entries = await entriesOf(created[0]!.body.id);
      expect(entries).toHaveLength(1);
      expect(await ledger.customerCredit(t.db, customer.id, policy.currency)).toBe(50_00);
      await expectTrialBalanced();
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it('the same key with a different body is 422; no key is 400; neither writes a payment', async () => {
    const { policy } = await issuedPolicy();
    const key = crypto.randomUUID();
    await pay(agent, { policyId: policy.id, method: 'cash', amount: 10_00, currency: policy.currency }, key).expect(201);
    expect((await pay(agent, { policyId: policy.id, method: 'cash', amount: 11_00, currency: policy.currency }, key).expect(422)).body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const noKey = await request(t.app).post('/api/payments').set(agent.auth).send({ policyId: policy.id, method: 'cash', amount: 12_00, currency: policy.currency }).expect(400);
    expect(noKey.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect((await t.db('payments').where({ policy_id: policy.id })).map((p) => p.amount)).toEqual([10_00]);
  });

  it('a declined card is a 201 with status failed and no ledger entry; the retry replays the same answer', async () => {
    const { policy } = await issuedPolicy('tok_sandbox_declined');
    const key = crypto.randomUUID();
    const body = { policyId: policy.id, method: 'card', amount: 75_00, currency: policy.currency };
    const first = await pay(agent, body, key).expect(201);
    expect(first.body).toMatchObject({ status: 'failed', failureCode: 'card_declined', ledgerEntryId: null, allocations: [] });
    expect(await entriesOf(first.body.id)).toHaveLength(0);
    const replay = await pay(agent, body, key).expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect(await t.db('payments').where({ policy_id: policy.id })).toHaveLength(1);
  });

  it('non-card methods are recorded succeeded at once, each posting to its own cash clearing account; a customer account payment needs no policy', async () => {
    const { customer, policy } = await issuedPolicy();
    const check = await pay(agent, { policyId: policy.id, method: 'check', checkNumber: '000123', amount: 20_00, currency: policy.currency }).expect(201);
    const transfer = await pay(agent, { policyId: policy.id, method: 'bank_transfer', reference: 'BANK-REF-9', amount: 30_00, currency: policy.currency }).expect(201);
    const debit = await pay(agent, { policyId: policy.id, method: 'direct_debit', reference: 'DD-7', amount: 5_00, currency: policy.currency }).expect(201);
    const cash = await pay(agent, { customerId: customer.id, method: 'cash', amount: 40_00, currency: policy.currency }).expect(201);
    expect(cash.body).toMatchObject({ policyId: null, customerId: customer.id, status: 'succeeded' });
    for (const [res, method] of [
      [check, 'check'],
      [transfer, 'bank_transfer'],
      [debit, 'direct_debit'],
      [cash, 'cash'],
    ] as const) {
      expect(res.body.status).toBe('succeeded');
      const [entry] = await entriesOf(res.body.id);
      expect(await postingsOf(entry.id)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'cash_clearing', owner_key: method, direction: 'debit' })]));
    }
    expect(check.body.checkNumber).toBe('000123');
    expect(await ledger.customerCredit(t.db, customer.id, policy.currency)).toBe(95_00);
  });

  it('another branch’s policy or customer is 404; a role without payments:create is 403; nothing is written', async () => {
    const { customer, policy } = await issuedPolicy();
    expect((await pay(otherAgent, { policyId: policy.id, method: 'cash', amount: 10_00, currency: policy.currency }).expect(404)).body.code).toBe('NOT_FOUND');
    await pay(otherAgent, { customerId: customer.id, method: 'cash', amount: 10_00, currency: policy.currency }).expect(404);
    expect((await pay(underwriter, { policyId: policy.id, method: 'cash', amount: 10_00, currency: policy.currency }).expect(403)).body.code).toBe('PERMISSION_DENIED');
    await request(t.app).get(`/api/policies/${policy.id}/payments`).set(otherAgent.auth).expect(404);
    const mine = await pay(agent, { policyId: policy.id, method: 'cash', amount: 10_00, currency: policy.currency }).expect(201);
    await request(t.app).get(`/api/payments/${mine.body.id}`).set(otherAgent.auth).expect(404);
    expect(await t.db('payments').where({ customer_id: customer.id })).toHaveLength(1);
  });

  it('refuses a currency other than the policy’s and amounts that are not whole positive minor units, naming the field', async () => {
    const { policy } = await issuedPolicy();
    const other = policy.currency === 'EUR' ? 'GBP' : 'EUR';
    const mismatch = await pay(agent, { policyId: policy.id, method: 'cash', amount: 10_00, currency: other }).expect(400);
    expect(mismatch.body).toMatchObject({ code: 'PAYMENT_CURRENCY_MISMATCH', errors: [{ path: 'currency' }] });
    for (const amount of [12.5, 0, -100, 1e13, '100']) {
      const res = await pay(agent, { policyId: policy.id, method: 'cash', amount, currency: policy.currency }).expect(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('amount');
    }
    expect((await pay(agent, { policyId: policy.id, method: 'check', amount: 10_00, currency: policy.currency }).expect(400)).body.errors).toEqual([
      expect.objectContaining({ path: 'checkNumber' }),
    ]);
    expect((await pay(agent, { policyId: policy.id, method: 'card', cardNumber: '4242424242424242', amount: 10_00, currency: policy.currency }).expect(400)).body.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(await t.db('payments').where({ policy_id: policy.id })).toHaveLength(0);
  });
});

describe('production without a real gateway', () => {
  it('refuses card payments (503, nothing stored) and every webhook, while other methods work', async () => {
    // Agents exempt from the second factor here: this is about the gateway, not sign-in (strong-sign-in.api.test.ts).
    const prod = createTestApp({ env: { DATABASE_URL: url, APP_ENV: 'production', PASSWORD_HASH_COST: '12', PAYMENT_WEBHOOK_SECRETS: SECRET, MFA_EXEMPT_ROLES: 'agent' } });
    try {
      const { policy } = await issuedPolicy();
      const card = await request(prod.app)
        .post('/api/payments')
        .set(agent.auth)
        .set('Idempotency-Key', crypto.randomUUID())
        .send({ policyId: policy.id, method: 'card', amount: 10_00, currency: policy.currency });
      expect([card.status, card.body.code]).toEqual([503, 'PAYMENT_GATEWAY_UNAVAILABLE']);
      const event = signed({ id: `evt_${crypto.randomUUID()}`, type: 'payment.succeeded', gatewayReference: 'sb_ch_any', amount: 10_00, currency: policy.currency });
      await request(prod.app).post('/api/webhooks/payments').set('Content-Type', 'application/json').set('Stripe-Signature', event.signatureHeader).send(event.rawBody).expect(400);
      await request(prod.app)
        .post('/api/payments')
        .set(agent.auth)
        .set('Idempotency-Key', crypto.randomUUID())
        .send({ policyId: policy.id, method: 'cash', amount: 10_00, currency: policy.currency })
        .expect(201);
      expect((await t.db('payments').where({ policy_id: policy.id })).map((p) => p.method)).toEqual(['cash']);
    } finally {
      await prod.close();
    }
  });
});

describe('one transaction', () => {
  it('when applying the credit fails, nothing of the payment remains (payment, entry, history, audit, key) and the same key then succeeds', async () => {
    const { customer, policy } = await issuedPolicy();
    const actor: Actor = {
      userId: agentUserId,
      role: 'agent',
      branchId: branch,
      branchIds: [branch],
      permissions: new Set(['payments:create']),
      mustChangePassword: false,
      sessionId: 'test',
    };
    // Only credit application matters here; nothing is withdrawn.
    const build = (applier: Pick<CreditApplier, 'applyCredit'>) =>
      new PaymentsService(
        t.db,
        t.clock,
        t.services.audit,
        t.services.customerProfiles,
        ledger,
        gateway,
        t.services.idempotency,
        { withdrawCredit: async () => [], ...applier },
        t.services.notifications,
      );
    const idem = { operation: 'payments.create', actorId: agentUserId, key: crypto.randomUUID(), fingerprint: crypto.randomUUID() };
    const body = { policyId: policy.id, method: 'card' as const, amount: 33_00, currency: policy.currency };
    const failing = build({
      applyCredit: async () => {
        throw new Error('allocation failed');
      },
    });
    await expect(failing.create(actor, idem, body)).rejects.toThrow('allocation failed');
    expect(await t.db('payments').where({ policy_id: policy.id })).toHaveLength(0);
    expect(await t.db('journal_entries').where({ customer_id: customer.id, source_type: 'payment' })).toHaveLength(0);
    expect(await t.db('idempotency_keys').where({ key: idem.key })).toHaveLength(0);
    expect(
      await t
        .db('audit_log')
        .where({ action: 'payment.create' })
        .whereRaw(`changes::text LIKE ?`, [`%${policy.id}%`]),
    ).toHaveLength(0);
    expect(await ledger.customerCredit(t.db, customer.id, policy.currency)).toBe(0);

    // The retry with the same key charges the same gateway idempotency key and records it once.
    const applied: string[] = [];
    const ok = await build({
      applyCredit: async (_trx, actorId, target) => {
        applied.push(`${actorId}:${target.customerId}:${target.currency}:${target.policyId}`);
        return [];
      },
    }).create(actor, idem, body);
    expect(ok).toMatchObject({ status: 201, replayed: false, body: { status: 'succeeded', amount: 33_00 } });
    expect(applied).toEqual([`${agentUserId}:${customer.id}:${policy.currency}:${policy.id}`]);
    expect(await t.db('payments').where({ policy_id: policy.id })).toHaveLength(1);
    expect(await ledger.customerCredit(t.db, customer.id, policy.currency)).toBe(33_00);
  });
});

describe('POST /api/webhooks/payments', () => {
  async function pendingCardPayment(token = 'tok_sandbox_async') {
    const { customer, policy } = await issuedPolicy(token);
    const res = await pay(agent, { policyId: policy.id, method: 'card', amount: 99_00, currency: policy.currency }).expect(201);
    expect(res.body).toMatchObject({ status: 'pending', ledgerEntryId: null });
    return { customer, policy, payment: res.body as { id: string; gatewayReference: string; currency: string; amount: number } };
  }

  it('the sandbox’s signed settlement moves a pending card payment to succeeded and posts once; a redelivery changes nothing', async () => {
    const { customer, policy, payment } = await pendingCardPayment();
    expect(await entriesOf(payment.id)).toHaveLength(0);
    const webhook = gateway.settle(payment.gatewayReference);
    expect((await deliver(webhook.rawBody, webhook.signatureHeader).expect(200)).body).toEqual({ received: true, duplicate: false });
    const settled = (await request(t.app).get(`/api/payments/${payment.id}`).set(agent.auth).expect(200)).body;
    expect(settled.status).toBe('succeeded');
    expect(await entriesOf(payment.id)).toHaveLength(1);
    expect(await ledger.customerCredit(t.db, customer.id, policy.currency)).toBe(99_00);
    expect(await t.db('payment_webhook_events').where({ event_id: webhook.event.id }).first()).toMatchObject({ outcome: 'applied', payment_id: payment.id });

    const again = gateway.settle(payment.gatewayReference);
    expect(again.event.id).toBe(webhook.event.id);
    expect((await deliver(again.rawBody, again.signatureHeader).expect(200)).body).toEqual({ received: true, duplicate: true });
    expect((await request(t.app).get(`/api/payments/${payment.id}`).set(agent.auth).expect(200)).body).toEqual(settled);
    expect(await entriesOf(payment.id)).toHaveLength(1);
    expect(await t.db('payment_webhook_events').where({ event_id: webhook.event.id })).toHaveLength(1);
    expect(await t.db('payment_status_history').where({ payment_id: payment.id }).orderBy('id').select('from_status', 'to_status')).toEqual([
      { from_status: null, to_status: 'pending' },
      { from_status: 'pending', to_status: 'succeeded' },
    ]);
  });

  it('a pending payment the gateway reports failed becomes failed without a ledger entry', async () => {
    const { payment } = await pendingCardPayment('tok_sandbox_async_declined');
    const webhook = gateway.settle(payment.gatewayReference);
    await deliver(webhook.rawBody, webhook.signatureHeader).expect(200);
    expect((await request(t.app).get(`/api/payments/${payment.id}`).set(agent.auth).expect(200)).body).toMatchObject({ status: 'failed', failureCode: 'card_declined' });
    expect(await entriesOf(payment.id)).toHaveLength(0);
  });

  it('a failed event after the payment succeeded is ignored (recorded in the inbox), never moving it backwards', async () => {
    const { payment } = await pendingCardPayment();
    const settle = gateway.settle(payment.gatewayReference);
    await deliver(settle.rawBody, settle.signatureHeader).expect(200);
    const late = signed({
      id: `evt_late_${crypto.randomUUID()}`,
      type: 'payment.failed',
      gatewayReference: payment.gatewayReference,
      amount: payment.amount,
      currency: payment.currency,
      declineCode: 'card_declined',
    });
    expect((await deliver(late.rawBody, late.signatureHeader).expect(200)).body).toEqual({ received: true, duplicate: false });
    expect((await request(t.app).get(`/api/payments/${payment.id}`).set(agent.auth).expect(200)).body).toMatchObject({ status: 'succeeded', failureCode: null });
    expect(
      await t
        .db('payment_webhook_events')
        .where({ event_id: JSON.parse(late.rawBody).id })
        .first(),
    ).toMatchObject({ outcome: 'ignored', payment_id: payment.id });
    expect(await entriesOf(payment.id)).toHaveLength(1);
  });

  it('a dispute reverses a succeeded payment: the paymentReceived entry is reversed once, credit back to zero, the ledger balances; a later success is ignored', async () => {
    const { customer, policy } = await issuedPolicy('tok_sandbox_visa');
    const paid = (await pay(agent, { policyId: policy.id, method: 'card', amount: 64_00, currency: policy.currency }).expect(201)).body;
    const dispute = gateway.openDispute(paid.gatewayReference);
    await deliver(dispute.rawBody, dispute.signatureHeader).expect(200);
    const reversed = (await request(t.app).get(`/api/payments/${paid.id}`).set(agent.auth).expect(200)).body;
    expect(reversed.status).toBe('reversed');
    const entries = await entriesOf(paid.id);
    expect(entries).toHaveLength(2);
    expect(entries[1]).toMatchObject({ reverses_entry_id: entries[0].id, external_id: `payment:${paid.id}:reversed`, created_by: null });
    expect(await ledger.customerCredit(t.db, customer.id, policy.currency)).toBe(0);
    const flip = (p: { direction: string }) => ({ ...p, direction: p.direction === 'debit' ? 'credit' : 'debit' });
    expect(await postingsOf(entries[1].id)).toEqual(expect.arrayContaining((await postingsOf(entries[0].id)).map(flip)));
    await expectTrialBalanced();

    const late = signed({
      id: `evt_late_${crypto.randomUUID()}`,
      type: 'payment.succeeded',
      gatewayReference: paid.gatewayReference,
      amount: paid.amount,
      currency: paid.currency,
    });
    await deliver(late.rawBody, late.signatureHeader).expect(200);
    expect((await request(t.app).get(`/api/payments/${paid.id}`).set(agent.auth).expect(200)).body).toEqual(reversed);
    expect(await entriesOf(paid.id)).toHaveLength(2);
    expect(
      await t
        .db('payment_webhook_events')
        .where({ event_id: JSON.parse(late.rawBody).id })
        .first(),
    ).toMatchObject({ outcome: 'ignored' });
  });

  it('a dispute that arrives before the payment succeeded is refused (409, nothing stored) until the success is in; its redelivery then reverses the payment', async () => {
    const { customer, policy, payment } = await pendingCardPayment();
    const dispute = signed({
      id: `evt_early_dispute_${crypto.randomUUID()}`,
      type: 'dispute.opened',
      gatewayReference: payment.gatewayReference,
      chargeReference: payment.gatewayReference,
      amount: payment.amount,
      currency: payment.currency,
    });
    const early = await deliver(dispute.rawBody, dispute.signatureHeader).expect(409);
    expect(early.body.code).toBe('WEBHOOK_PAYMENT_PENDING');
    expect(await t.db('payment_webhook_events').where({ event_id: JSON.parse(dispute.rawBody).id })).toHaveLength(0);
    expect((await request(t.app).get(`/api/payments/${payment.id}`).set(agent.auth).expect(200)).body.status).toBe('pending');

    const settle = gateway.settle(payment.gatewayReference);
    await deliver(settle.rawBody, settle.signatureHeader).expect(200);
    expect(await ledger.customerCredit(t.db, customer.id, policy.currency)).toBe(payment.amount);
    // The gateway redelivers the dispute: now it takes the money back, once.
    await deliver(dispute.rawBody, dispute.signatureHeader).expect(200);
    expect((await request(t.app).get(`/api/payments/${payment.id}`).set(agent.auth).expect(200)).body.status).toBe('reversed');
    expect(
      await t
        .db('payment_webhook_events')
        .where({ event_id: JSON.parse(dispute.rawBody).id })
        .first(),
    ).toMatchObject({ outcome: 'applied', payment_id: payment.id });
    expect(await entriesOf(payment.id)).toHaveLength(2);
    expect(await ledger.customerCredit(t.db, customer.id, policy.currency)).toBe(0);
    await expectTrialBalanced();
  });

  it('a wrong signature, a stale timestamp, a malformed header or an unsigned body is 400 and writes nothing', async () => {
    const { payment } = await pendingCardPayment();
    const event = {
      id: `evt_${crypto.randomUUID()}`,
      type: 'payment.succeeded' as const,
      gatewayReference: payment.gatewayReference,
      amount: payment.amount,
      currency: payment.currency,
    };
    const before = await inboxCount();
    const forged = signed(event, { secret: 'whsec_not_ours_at_all_000000' });
    expect((await deliver(forged.rawBody, forged.signatureHeader).expect(400)).body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const stale = signed(event, { at: nowSeconds() - 301 });
    expect((await deliver(stale.rawBody, stale.signatureHeader).expect(400)).body.code).toBe('WEBHOOK_TIMESTAMP_STALE');
    const good = signed(event);
    expect((await deliver(good.rawBody, 'v1=abc,t=notatime').expect(400)).body.code).toBe('WEBHOOK_SIGNATURE_MALFORMED');
    expect((await deliver(good.rawBody).expect(400)).body.code).toBe('WEBHOOK_SIGNATURE_MALFORMED');
    // The body changed after signing (a space added): the signature no longer matches.
    expect((await deliver(`${good.rawBody} `, good.signatureHeader).expect(400)).body.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    const notAnEvent = signed({ hello: 'world' } as unknown as GatewayEvent);
    expect((await deliver(notAnEvent.rawBody, notAnEvent.signatureHeader).expect(400)).body.code).toBe('WEBHOOK_EVENT_MALFORMED');
    expect(await inboxCount()).toBe(before);
    expect((await request(t.app).get(`/api/payments/${payment.id}`).set(agent.auth).expect(200)).body.status).toBe('pending');

    // The previous secret of a rotation is still accepted.
    const rotated = signed(event, { secret: OLD_SECRET });
    await deliver(rotated.rawBody, rotated.signatureHeader).expect(200);
    expect((await request(t.app).get(`/api/payments/${payment.id}`).set(agent.auth).expect(200)).body.status).toBe('succeeded');
  });

  it('an event about a charge no payment has is 409 and stores nothing, so the gateway redelivers it', async () => {
    const before = await inboxCount();
    const orphan = signed({ id: `evt_${crypto.randomUUID()}`, type: 'payment.succeeded', gatewayReference: 'sb_ch_unknown', amount: 1_00, currency: 'USD' });
    expect((await deliver(orphan.rawBody, orphan.signatureHeader).expect(409)).body.code).toBe('WEBHOOK_PAYMENT_UNKNOWN');
    expect(await inboxCount()).toBe(before);
  });
});
