// A card payment through POST /api/payments with PAYMENT_GATEWAY=stripe, against the local stand-in
// for api.stripe.com: charged through Stripe with the policy's stored payment method, recorded and
// allocated; and a payment Stripe is still processing, settled by Stripe's signed webhook.
import request from 'supertest';
import Stripe from 'stripe';
import { billingWorld, type BillingWorld } from './billing-fixtures';
import { startFakeStripe, type FakeStripe } from './fake-stripe';

const SECRET = 'whsec_policydesk_stripe_api_test';
let fake: FakeStripe;
let w: BillingWorld;

beforeAll(async () => {
  fake = await startFakeStripe();
  w = await billingWorld('billing_stripe', {
    env: { PAYMENT_GATEWAY: 'stripe', STRIPE_SECRET_KEY: 'sk_test_policydeskApi', STRIPE_API_BASE: fake.url, PAYMENT_WEBHOOK_SECRETS: SECRET },
  });
});
afterAll(async () => {
  await w?.close();
  await fake?.close();
});

describe('card payments through Stripe', () => {
  it('charges the stored payment method off session through Stripe and records, posts and allocates the payment', async () => {
    const { policy } = await w.issuedPolicy({ token: 'cus_Holder1:pm_card_visa' });
    const agent = await w.as('agent');
    const before = fake.requests.length;
    const res = await w.pay(agent, { policyId: policy.id, method: 'card', amount: 5_000, currency: 'USD' }, 'stripe-key-1').expect(201);
    expect(res.body).toMatchObject({ status: 'succeeded', gateway: 'stripe', gatewayReference: expect.stringMatching(/^pi_/), amount: 5_000 });
    const sent = fake.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      path: '/v1/payment_intents',
      form: { amount: '5000', currency: 'usd', customer: 'cus_Holder1', payment_method: 'pm_card_visa', confirm: 'true', off_session: 'true' },
    });
    // The gateway key is derived from the Idempotency-Key, never the raw header.
    expect(sent[0]!.headers['idempotency-key']).toMatch(/^pd_[0-9a-f]{40}$/);
    const [entry] = await w.entriesOf('payment', res.body.id);
    expect(entry).toMatchObject({ external_id: `payment:${res.body.id}:received` });
    expect(await w.balance({ kind: 'cash_clearing', owner: 'card', currency: 'USD' })).toBeGreaterThanOrEqual(5_000);

    // A retry with the same key replays the stored answer and does not reach Stripe.
    const replay = await w.pay(agent, { policyId: policy.id, method: 'card', amount: 5_000, currency: 'USD' }, 'stripe-key-1').expect(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body.id).toBe(res.body.id);
    expect(fake.requests.length).toBe(before + 1);
  });

  it('records a decline as a failed payment with Stripe’s decline code', async () => {
    const { policy } = await w.issuedPolicy({ token: 'pm_card_chargeDeclinedInsufficientFunds' });
    const res = await w.pay(await w.as('agent'), { policyId: policy.id, method: 'card', amount: 5_000, currency: 'USD' }).expect(201);
    expect(res.body).toMatchObject({ status: 'failed', gateway: 'stripe', failureCode: 'insufficient_funds', ledgerEntryId: null });
  });

  it('answers 502 and records nothing when Stripe fails', async () => {
    const { policy } = await w.issuedPolicy({ token: 'pm_server_error' });
    const res = await w.pay(await w.as('agent'), { policyId: policy.id, method: 'card', amount: 5_000, currency: 'USD' }).expect(502);
    expect(res.body.code).toBe('PAYMENT_GATEWAY_ERROR');
    expect(await w.t.db('payments').where({ policy_id: policy.id }).count<{ count: number }[]>('* as count')).toEqual([{ count: 0 }]);
  });

  it('keeps a processing payment pending until Stripe’s signed payment_intent.succeeded settles it', async () => {
    const { policy } = await w.issuedPolicy({ token: 'pm_card_processing' });
    const pending = (await w.pay(await w.as('agent'), { policyId: policy.id, method: 'card', amount: 7_500, currency: 'USD' }).expect(201)).body;
    expect(pending).toMatchObject({ status: 'pending', gateway: 'stripe', ledgerEntryId: null });
    const created = Math.floor(w.t.clock.now().getTime() / 1000);
    const body = JSON.stringify({
      id: 'evt_stripe_api_1',
      object: 'event',
      type: 'payment_intent.succeeded',
      created,
      livemode: false,
      data: { object: { id: pending.gatewayReference, object: 'payment_intent', amount: 7_500, amount_received: 7_500, currency: 'usd', status: 'succeeded' } },
    });
    const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET, timestamp: created });
    const post = () => request(w.t.app).post('/api/webhooks/payments').set('Stripe-Signature', header).set('content-type', 'application/json').send(body);
    expect((await post().expect(200)).body).toEqual({ received: true, duplicate: false });
    expect((await post().expect(200)).body).toEqual({ received: true, duplicate: true });
    const settled = (
      await request(w.t.app)
        .get(`/api/payments/${pending.id}`)
        .set((await w.as('agent')).auth)
        .expect(200)
    ).body;
    expect(settled).toMatchObject({ status: 'succeeded', ledgerEntryId: expect.any(String) });
    expect(await w.t.db('payment_webhook_events').where({ provider: 'stripe', event_id: 'evt_stripe_api_1' }).first('outcome')).toEqual({ outcome: 'applied' });
  });

  it('acknowledges a Stripe event type billing does not act on without storing it', async () => {
    const created = Math.floor(w.t.clock.now().getTime() / 1000);
    const body = JSON.stringify({ id: 'evt_stripe_other', object: 'event', type: 'customer.created', created, data: { object: { id: 'cus_1', object: 'customer' } } });
    const header = Stripe.webhooks.generateTestHeaderString({ payload: body, secret: SECRET, timestamp: created });
    await request(w.t.app).post('/api/webhooks/payments').set('Stripe-Signature', header).set('content-type', 'application/json').send(body).expect(200);
    expect(await w.t.db('payment_webhook_events').where({ event_id: 'evt_stripe_other' }).first()).toBeUndefined();
  });
});
