// The Stripe adapter against a local stand-in for api.stripe.com (fake-stripe.ts): what it sends
// (PaymentIntent create + confirm off session, our idempotency key as Stripe's Idempotency-Key), how
// it reads Stripe's answers (succeeded, processing, requires_action, card declines) and failures
// (5xx, unreachable → thrown, so nothing is recorded), and how Stripe's signed webhook events map
// onto ours (verified by our verifier and by stripe.webhooks.constructEvent).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { Clock } from '../../../platform/clock';
import { createPaymentGateway } from '../gateway-factory';
import { signWebhookPayload } from '../webhook-signature';
import { StripeGateway, StripeGatewayError, parseStripeToken } from '../stripe-gateway';
import { startFakeStripe, type FakeStripe } from './fake-stripe';

const KEY = 'sk_test_policydesk123';
const SECRET = 'whsec_policydesk_stripe_test_1';
const OLD_SECRET = 'whsec_policydesk_stripe_test_0';
const NOW = 1_800_000_000;

let fake: FakeStripe;
let gateway: StripeGateway;
const charge = (token: string, idempotencyKey = `pd_${Math.random().toString(16).slice(2)}`, amount = 12_345) => gateway.charge({ token, amount, currency: 'USD', idempotencyKey });

beforeAll(async () => {
  fake = await startFakeStripe();
  gateway = new StripeGateway({ secretKey: KEY, webhookSecrets: [SECRET, OLD_SECRET], apiBase: fake.url, maxNetworkRetries: 0, timeoutMs: 5_000 });
});
afterAll(() => fake.close());

describe('charges', () => {
  it('creates and confirms a PaymentIntent off session with the stored customer and payment method, our key as Idempotency-Key', async () => {
    const before = fake.requests.length;
    const result = await charge('cus_Policyholder1:pm_card_visa', 'pd_key_shape');
    expect(result).toEqual({ status: 'succeeded', gatewayReference: expect.stringMatching(/^pi_/) });
    const sent = fake.requests.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/v1/payment_intents' });
    expect(sent[0]!.form).toMatchObject({
      amount: '12345',
      currency: 'usd',
      customer: 'cus_Policyholder1',
      payment_method: 'pm_card_visa',
      confirm: 'true',
      off_session: 'true',
      'metadata[policydesk_idempotency_key]': 'pd_key_shape',
    });
    expect(sent[0]!.headers['idempotency-key']).toBe('pd_key_shape');
    expect(sent[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(sent[0]!.headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);
  });

  it('charges a bare payment method without a customer', async () => {
    const before = fake.requests.length;
    await charge('pm_card_visa');
    expect(fake.requests[before]!.form.customer).toBeUndefined();
    expect(fake.requests[before]!.form.payment_method).toBe('pm_card_visa');
  });

  it('sends the same key again on a retry and gets the first PaymentIntent back (never a second charge)', async () => {
    const first = await charge('pm_card_visa', 'pd_retry_1');
    const again = await charge('pm_card_visa', 'pd_retry_1');
    expect(again).toEqual(first);
    const keyed = fake.requests.filter((r) => r.headers['idempotency-key'] === 'pd_retry_1');
    expect(keyed).toHaveLength(2);
  });

  it('maps card declines to failed with our decline code and the declined PaymentIntent as reference', async () => {
    expect(await charge('pm_card_chargeDeclinedInsufficientFunds')).toEqual({
      status: 'failed',
      gatewayReference: expect.stringMatching(/^pi_/),
      declineCode: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
    });
    expect(await charge('pm_card_chargeDeclinedExpiredCard')).toMatchObject({ status: 'failed', declineCode: 'expired_card' });
    expect(await charge('pm_card_chargeDeclined')).toMatchObject({ status: 'failed', declineCode: 'card_declined', message: 'Your card was declined.' });
  });

  it('keeps an unfinished PaymentIntent pending (processing, requires_action): a webhook settles it', async () => {
    expect(await charge('pm_card_processing')).toEqual({ status: 'pending', gatewayReference: expect.stringMatching(/^pi_/) });
    expect(await charge('pm_card_threeDSecureRequired')).toMatchObject({ status: 'pending' });
  });

  it('throws our gateway error on a Stripe server error (nothing is recorded; the same key may be retried)', async () => {
    await expect(charge('pm_server_error')).rejects.toBeInstanceOf(StripeGatewayError);
  });

  it('throws our gateway error when Stripe cannot be reached', async () => {
    // A port that was just listening and is closed now: connection refused.
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const unreachable = new StripeGateway({ secretKey: KEY, webhookSecrets: [SECRET], apiBase: `http://127.0.0.1:${port}`, maxNetworkRetries: 0, timeoutMs: 2_000 });
    const error = await unreachable.charge({ token: 'pm_card_visa', amount: 100, currency: 'USD', idempotencyKey: 'pd_unreachable' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StripeGatewayError);
    expect((error as StripeGatewayError).cause).toBeInstanceOf(Stripe.errors.StripeConnectionError);
  });

  it('reads a customer:payment method token and refuses a malformed one', () => {
    expect(parseStripeToken('cus_1:pm_2')).toEqual({ customer: 'cus_1', paymentMethod: 'pm_2' });
    expect(parseStripeToken('pm_2')).toEqual({ paymentMethod: 'pm_2' });
    expect(() => parseStripeToken('tok_1:pm_2')).toThrow(StripeGatewayError);
  });
});

describe('refunds', () => {
  it('refunds the PaymentIntent with the amount and our key', async () => {
    const { gatewayReference } = await charge('pm_card_visa');
    const before = fake.requests.length;
    expect(await gateway.refund({ chargeReference: gatewayReference, amount: 500, currency: 'USD', idempotencyKey: 'pd_refund_1' })).toEqual({
      status: 'succeeded',
      refundReference: expect.stringMatching(/^re_/),
    });
    expect(fake.requests[before]).toMatchObject({ path: '/v1/refunds', form: { payment_intent: gatewayReference, amount: '500' }, headers: { 'idempotency-key': 'pd_refund_1' } });
  });

  it('says charge_not_found for a reference Stripe does not know', async () => {
    expect(await gateway.refund({ chargeReference: 'sb_ch_unknown', amount: 500, currency: 'USD', idempotencyKey: 'pd_refund_2' })).toMatchObject({
      status: 'failed',
      reason: 'charge_not_found',
    });
  });
});

describe('webhooks', () => {
  const event = (type: string, object: Record<string, unknown>, id = `evt_${type}`) =>
    JSON.stringify({ id, object: 'event', type, created: NOW - 5, livemode: false, data: { object } });
  const stripeSigned = (body: string, secret = SECRET, t = NOW) => Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: t });
  const intent = { id: 'pi_123', object: 'payment_intent', amount: 12_345, amount_received: 12_345, currency: 'usd', status: 'succeeded' };

  it('maps payment_intent.succeeded signed by Stripe onto payment.succeeded for the PaymentIntent', () => {
    const body = event('payment_intent.succeeded', intent);
    expect(gateway.verifyWebhook(body, stripeSigned(body), NOW)).toEqual({
      status: 'ok',
      event: { id: 'evt_payment_intent.succeeded', type: 'payment.succeeded', created: NOW - 5, gatewayReference: 'pi_123', amount: 12_345, currency: 'USD' },
    });
  });

  it('maps payment_intent.payment_failed onto payment.failed with our decline code', () => {
    const body = event('payment_intent.payment_failed', {
      ...intent,
      status: 'requires_payment_method',
      last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds' },
    });
    expect(gateway.verifyWebhook(body, stripeSigned(body), NOW)).toMatchObject({
      status: 'ok',
      event: { type: 'payment.failed', gatewayReference: 'pi_123', declineCode: 'insufficient_funds', amount: 12_345 },
    });
  });

  it('maps charge.dispute.created onto dispute.opened for the PaymentIntent the dispute names', () => {
    const body = event('charge.dispute.created', {
      id: 'dp_1',
      object: 'dispute',
      amount: 12_345,
      currency: 'usd',
      charge: 'ch_1',
      payment_intent: 'pi_123',
      status: 'needs_response',
    });
    expect(gateway.verifyWebhook(body, stripeSigned(body), NOW)).toMatchObject({
      status: 'ok',
      event: { type: 'dispute.opened', gatewayReference: 'pi_123', chargeReference: 'pi_123', amount: 12_345, currency: 'USD' },
    });
  });

  it('maps a succeeded refund.updated onto refund.settled; a pending one and unrelated types are acknowledged and ignored', () => {
    const refund = { id: 're_1', object: 'refund', amount: 500, currency: 'usd', payment_intent: 'pi_123', charge: 'ch_1' };
    const settled = event('refund.updated', { ...refund, status: 'succeeded' });
    expect(gateway.verifyWebhook(settled, stripeSigned(settled), NOW)).toMatchObject({
      status: 'ok',
      event: { type: 'refund.settled', gatewayReference: 're_1', chargeReference: 'pi_123', amount: 500 },
    });
    const pending = event('refund.updated', { ...refund, status: 'pending' }, 'evt_pending');
    expect(gateway.verifyWebhook(pending, stripeSigned(pending), NOW)).toEqual({ status: 'ignored', eventId: 'evt_pending', eventType: 'refund.updated' });
    const other = event('customer.created', { id: 'cus_1', object: 'customer' }, 'evt_customer');
    expect(gateway.verifyWebhook(other, stripeSigned(other), NOW)).toEqual({ status: 'ignored', eventId: 'evt_customer', eventType: 'customer.created' });
  });

  it('accepts the older secret during a rotation', () => {
    const body = event('payment_intent.succeeded', intent);
    expect(gateway.verifyWebhook(body, stripeSigned(body, OLD_SECRET), NOW)).toMatchObject({ status: 'ok' });
  });

  it('refuses a wrong secret, a stale or far-future timestamp, a malformed header and an unsigned body change', () => {
    const body = event('payment_intent.succeeded', intent);
    expect(gateway.verifyWebhook(body, stripeSigned(body, 'whsec_someone_else'), NOW)).toEqual({ status: 'bad_signature' });
    expect(gateway.verifyWebhook(body, stripeSigned(body, SECRET, NOW - 301), NOW)).toMatchObject({ status: 'stale_timestamp' });
    expect(gateway.verifyWebhook(body, signWebhookPayload(body, SECRET, NOW + 3_600), NOW)).toMatchObject({ status: 'stale_timestamp' });
    expect(gateway.verifyWebhook(body, 'v1=abc', NOW)).toEqual({ status: 'malformed_header' });
    expect(gateway.verifyWebhook(body.replace('12345', '99999'), stripeSigned(body), NOW)).toEqual({ status: 'bad_signature' });
  });

  it('refuses a signed body that is not a Stripe event of a known shape', () => {
    const notJson = 'not json';
    expect(gateway.verifyWebhook(notJson, stripeSigned(notJson), NOW)).toEqual({ status: 'malformed_event' });
    const noAmount = event('payment_intent.succeeded', { id: 'pi_1', object: 'payment_intent', currency: 'usd' });
    expect(gateway.verifyWebhook(noAmount, stripeSigned(noAmount), NOW)).toEqual({ status: 'malformed_event' });
  });

  it('refuses every webhook when no secret is configured', () => {
    const none = new StripeGateway({ secretKey: KEY, webhookSecrets: [], apiBase: fake.url });
    const body = event('payment_intent.succeeded', intent);
    expect(none.verifyWebhook(body, stripeSigned(body), NOW)).toEqual({ status: 'bad_signature' });
  });
});

describe('the gateway factory', () => {
  it('builds Stripe in production when it is configured, and never the sandbox there', () => {
    const clock = new Clock();
    const stripe = { secretKey: KEY, apiBase: fake.url };
    expect(createPaymentGateway({ isProduction: true, paymentGateway: 'stripe', stripe, paymentWebhookSecrets: [SECRET] }, clock)).toBeInstanceOf(StripeGateway);
    expect(createPaymentGateway({ isProduction: false, paymentGateway: 'stripe', stripe, paymentWebhookSecrets: [SECRET] }, clock).name).toBe('stripe');
    expect(createPaymentGateway({ isProduction: true, paymentGateway: 'sandbox', paymentWebhookSecrets: [SECRET] }, clock).name).toBe('unavailable');
    expect(createPaymentGateway({ isProduction: false, paymentGateway: 'sandbox', paymentWebhookSecrets: [SECRET] }, clock).name).toBe('sandbox');
  });
});
