import fc from 'fast-check';
import { Clock } from '../../../platform/clock';
import { tokenisePaymentMethod } from '../../orders/application-checks';
import type { ChargeRequest } from '../payment-gateway';
import { SANDBOX_TEST_CARDS, SANDBOX_TOKENS, SandboxGateway, SandboxIdempotencyError } from '../sandbox-gateway';
import { signWebhookPayload } from '../webhook-signature';

const SECRET = 'whsec_sandbox_test_secret';
const NOW = new Date('2027-03-01T10:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);

function setup(secrets: string[] = [SECRET]) {
  const clock = new Clock();
  clock.set(NOW);
  return { clock, gateway: new SandboxGateway({ clock, webhookSecrets: secrets }) };
}

let n = 0;
const charge = (token: string, overrides: Partial<ChargeRequest> = {}): ChargeRequest => ({ token, amount: 123_45, currency: 'USD', idempotencyKey: `key-${++n}`, ...overrides });

describe('SandboxGateway charges', () => {
  it.each([
    ['tok_sandbox_visa', { status: 'succeeded' }],
    ['tok_sandbox_mastercard', { status: 'succeeded' }],
    ['tok_sandbox_declined', { status: 'failed', declineCode: 'card_declined' }],
    ['tok_sandbox_insufficient_funds', { status: 'failed', declineCode: 'insufficient_funds' }],
    ['tok_sandbox_expired_card', { status: 'failed', declineCode: 'expired_card' }],
    ['tok_sandbox_async', { status: 'pending' }],
    ['tok_sandbox_async_declined', { status: 'pending' }],
  ])('%s → %o', async (token, expected) => {
    const result = await setup().gateway.charge(charge(token));
    expect(result).toMatchObject(expected);
    expect(result.gatewayReference).toMatch(/^sb_ch_[0-9a-f]{24}$/);
    if (result.status === 'failed') expect(result.message).toMatch(/card/);
  });

  it('documents a behaviour for every test token', () => {
    expect(Object.keys(SANDBOX_TOKENS).sort()).toEqual(
      [
        'tok_sandbox_async',
        'tok_sandbox_async_declined',
        'tok_sandbox_declined',
        'tok_sandbox_expired_card',
        'tok_sandbox_insufficient_funds',
        'tok_sandbox_mastercard',
        'tok_sandbox_visa',
      ].sort(),
    );
  });

  it('charges a card an order stored (random tok_…, as tokenisePaymentMethod issues) successfully', async () => {
    const { method } = tokenisePaymentMethod({ type: 'card', cardNumber: '4111 1111 1111 1111', expiryMonth: 12, expiryYear: 2030, holderName: 'Ann Lee' }, '2027-03-01');
    expect(await setup().gateway.charge(charge(method!.token))).toMatchObject({ status: 'succeeded' });
  });

  it('maps Luhn-valid test card numbers to the sandbox tokens, keeping their last four', () => {
    for (const [number, token] of Object.entries(SANDBOX_TEST_CARDS)) {
      const { method, errors } = tokenisePaymentMethod({ type: 'card', cardNumber: number, expiryMonth: 12, expiryYear: 2030, holderName: 'Test' }, '2027-03-01');
      expect(errors).toEqual([]);
      expect(method!.last4).toBe(number.slice(-4));
      expect(SANDBOX_TOKENS[token]).toBeDefined();
    }
    expect(new Set(Object.values(SANDBOX_TEST_CARDS)).size).toBe(Object.keys(SANDBOX_TOKENS).length);
  });

  it('answers the same idempotency key with the same result, also after a restart; another key gets another reference', async () => {
    const { gateway } = setup();
    const request = charge('tok_sandbox_visa', { idempotencyKey: 'pay-1' });
    const first = await gateway.charge(request);
    expect(await gateway.charge({ ...request })).toEqual(first);
    expect(await setup().gateway.charge({ ...request })).toEqual(first);
    expect((await gateway.charge({ ...request, idempotencyKey: 'pay-2' })).gatewayReference).not.toBe(first.gatewayReference);
    const declined = charge('tok_sandbox_declined', { idempotencyKey: 'pay-3' });
    expect(await gateway.charge(declined)).toEqual(await gateway.charge({ ...declined }));
  });

  it('refuses the same idempotency key with different parameters', async () => {
    const { gateway } = setup();
    await gateway.charge(charge('tok_sandbox_visa', { idempotencyKey: 'pay-x' }));
    await expect(gateway.charge(charge('tok_sandbox_visa', { idempotencyKey: 'pay-x', amount: 1 }))).rejects.toBeInstanceOf(SandboxIdempotencyError);
  });

  it('gives the same outcome for any key and token, however often it is asked (property)', async () => {
    const tokens = [...Object.keys(SANDBOX_TOKENS), 'tok_0123456789abcdef01234567'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...tokens), fc.string({ minLength: 1, maxLength: 64 }), fc.integer({ min: 1, max: 10_000_000_00 }), async (token, key, amount) => {
        const request = { token, amount, currency: 'EUR', idempotencyKey: key };
        const [a, b] = [setup().gateway, setup().gateway];
        const first = await a.charge(request);
        expect(await a.charge({ ...request })).toEqual(first);
        expect(await b.charge({ ...request })).toEqual(first);
      }),
    );
  });

  it('refuses zero, fractional or negative amounts, a bad currency and a missing key', async () => {
    const { gateway } = setup();
    await expect(gateway.charge(charge('tok_sandbox_visa', { amount: 0 }))).rejects.toThrow(RangeError);
    await expect(gateway.charge(charge('tok_sandbox_visa', { amount: 1.5 }))).rejects.toThrow(RangeError);
    await expect(gateway.charge(charge('tok_sandbox_visa', { currency: 'usd' }))).rejects.toThrow(RangeError);
    await expect(gateway.charge(charge('tok_sandbox_visa', { idempotencyKey: '' }))).rejects.toThrow(RangeError);
  });
});

describe('SandboxGateway webhooks', () => {
  it('settles an async charge by a signed payment.succeeded webhook that verifies with the configured secret', async () => {
    const { gateway } = setup();
    const pending = await gateway.charge(charge('tok_sandbox_async', { amount: 50_00 }));
    const webhook = gateway.settle(pending.gatewayReference);
    expect(webhook.event).toMatchObject({ type: 'payment.succeeded', gatewayReference: pending.gatewayReference, amount: 50_00, currency: 'USD', created: nowSeconds });
    expect(gateway.verifyWebhook(webhook.rawBody, webhook.signatureHeader, nowSeconds)).toEqual({ status: 'ok', event: webhook.event });
    expect(gateway.verifyWebhook(Buffer.from(webhook.rawBody), webhook.signatureHeader, nowSeconds)).toEqual({ status: 'ok', event: webhook.event });
  });

  it('fails tok_sandbox_async_declined later by payment.failed with its decline code', async () => {
    const { gateway } = setup();
    const pending = await gateway.charge(charge('tok_sandbox_async_declined'));
    expect(gateway.settle(pending.gatewayReference).event).toMatchObject({ type: 'payment.failed', declineCode: 'card_declined' });
  });

  it('builds the same event id when a webhook is built again (a redelivery), a new one for another charge', async () => {
    const { gateway, clock } = setup();
    const pending = await gateway.charge(charge('tok_sandbox_async'));
    const first = gateway.settle(pending.gatewayReference);
    clock.advance(60_000);
    const again = gateway.settle(pending.gatewayReference);
    expect(again.event.id).toBe(first.event.id);
    expect(again.event.created).toBe(first.event.created + 60);
    const other = await gateway.charge(charge('tok_sandbox_async'));
    expect(gateway.settle(other.gatewayReference).event.id).not.toBe(first.event.id);
  });

  it('refuses to settle a charge that is not pending', async () => {
    const { gateway } = setup();
    const done = await gateway.charge(charge('tok_sandbox_visa'));
    expect(() => gateway.settle(done.gatewayReference)).toThrow(/pending/);
    expect(() => gateway.settle('sb_ch_unknown')).toThrow(/pending/);
  });

  it('refuses a tampered body, a stale or future signature, another secret and a malformed header', async () => {
    const { gateway } = setup();
    const webhook = gateway.settle((await gateway.charge(charge('tok_sandbox_async'))).gatewayReference);
    expect(gateway.verifyWebhook(webhook.rawBody.replace('"amount":12345', '"amount":12346'), webhook.signatureHeader, nowSeconds)).toEqual({ status: 'bad_signature' });
    expect(gateway.verifyWebhook(webhook.rawBody, webhook.signatureHeader, nowSeconds + 301)).toMatchObject({ status: 'stale_timestamp' });
    expect(gateway.verifyWebhook(webhook.rawBody, webhook.signatureHeader, nowSeconds - 301)).toMatchObject({ status: 'stale_timestamp' });
    expect(setup(['whsec_other']).gateway.verifyWebhook(webhook.rawBody, webhook.signatureHeader, nowSeconds)).toEqual({ status: 'bad_signature' });
    expect(gateway.verifyWebhook(webhook.rawBody, undefined, nowSeconds)).toEqual({ status: 'malformed_header' });
  });

  it('accepts webhooks signed with the previous secret during a rotation', async () => {
    const old = setup(['whsec_old']).gateway;
    const webhook = old.settle((await old.charge(charge('tok_sandbox_async'))).gatewayReference);
    expect(setup(['whsec_new', 'whsec_old']).gateway.verifyWebhook(webhook.rawBody, webhook.signatureHeader, nowSeconds)).toMatchObject({ status: 'ok' });
    expect(setup(['whsec_new']).gateway.verifyWebhook(webhook.rawBody, webhook.signatureHeader, nowSeconds)).toEqual({ status: 'bad_signature' });
  });

  it('calls a correctly signed body that is not a gateway event malformed_event', () => {
    const { gateway } = setup();
    for (const body of ['not json', '{"id":"evt_1"}', JSON.stringify({ id: 'e', type: 'payment.exploded', created: 1, gatewayReference: 'r', amount: 1, currency: 'USD' })]) {
      expect(gateway.verifyWebhook(body, signWebhookPayload(body, SECRET, nowSeconds), nowSeconds)).toEqual({ status: 'malformed_event' });
    }
  });

  it('opens a dispute on a succeeded charge, not on a declined one', async () => {
    const { gateway } = setup();
    const paid = await gateway.charge(charge('tok_sandbox_visa', { amount: 70_00 }));
    expect(gateway.openDispute(paid.gatewayReference).event).toMatchObject({ type: 'dispute.opened', chargeReference: paid.gatewayReference, amount: 70_00 });
    const declined = await gateway.charge(charge('tok_sandbox_declined'));
    expect(() => gateway.openDispute(declined.gatewayReference)).toThrow();
  });

  it('needs a webhook secret', () => {
    expect(() => new SandboxGateway({ clock: new Clock(), webhookSecrets: [] })).toThrow(/secret/);
    expect(() => new SandboxGateway({ clock: new Clock(), webhookSecrets: [''] })).toThrow(/secret/);
  });
});

describe('SandboxGateway refunds', () => {
  it('refunds a succeeded charge in parts, never beyond what was charged', async () => {
    const { gateway } = setup();
    const paid = await gateway.charge(charge('tok_sandbox_visa', { amount: 100_00 }));
    const refund = (amount: number, key: string) => gateway.refund({ chargeReference: paid.gatewayReference, amount, currency: 'USD', idempotencyKey: key });
    expect(await refund(60_00, 'r1')).toMatchObject({ status: 'succeeded', refundReference: expect.stringMatching(/^sb_re_/) });
    expect(await refund(40_01, 'r2')).toMatchObject({ status: 'failed', reason: 'amount_exceeds_charge' });
    expect(await refund(40_00, 'r3')).toMatchObject({ status: 'succeeded' });
    expect(await refund(1, 'r4')).toMatchObject({ status: 'failed', reason: 'amount_exceeds_charge' });
  });

  it('replays a refund by its idempotency key without refunding twice, and refuses the key with other parameters', async () => {
    const { gateway } = setup();
    const paid = await gateway.charge(charge('tok_sandbox_visa', { amount: 100_00 }));
    const request = { chargeReference: paid.gatewayReference, amount: 100_00, currency: 'USD', idempotencyKey: 'refund-1' };
    const first = await gateway.refund(request);
    expect(first.status).toBe('succeeded');
    expect(await gateway.refund({ ...request })).toEqual(first);
    await expect(gateway.refund({ ...request, amount: 1 })).rejects.toBeInstanceOf(SandboxIdempotencyError);
  });

  it('refuses refunds of a declined or still pending charge, in another currency, or of a reference that is not the sandbox’s', async () => {
    const { gateway } = setup();
    const declined = await gateway.charge(charge('tok_sandbox_declined'));
    const pending = await gateway.charge(charge('tok_sandbox_async'));
    const paid = await gateway.charge(charge('tok_sandbox_visa'));
    const refund = (chargeReference: string, currency = 'USD') => gateway.refund({ chargeReference, amount: 1, currency, idempotencyKey: `k-${++n}` });
    expect(await refund(declined.gatewayReference)).toMatchObject({ status: 'failed', reason: 'charge_not_succeeded' });
    expect(await refund(pending.gatewayReference)).toMatchObject({ status: 'failed', reason: 'charge_not_succeeded' });
    expect(await refund(paid.gatewayReference, 'EUR')).toMatchObject({ status: 'failed', reason: 'currency_mismatch' });
    expect(await refund('ch_stripe_123')).toMatchObject({ status: 'failed', reason: 'charge_not_found' });
  });

  it('keeps the refund of an async charge pending until refund.settled', async () => {
    const { gateway } = setup();
    const pending = await gateway.charge(charge('tok_sandbox_async', { amount: 80_00 }));
    gateway.settle(pending.gatewayReference);
    const refund = await gateway.refund({ chargeReference: pending.gatewayReference, amount: 30_00, currency: 'USD', idempotencyKey: 'async-refund' });
    expect(refund.status).toBe('pending');
    const webhook = gateway.settleRefund(refund.refundReference);
    expect(webhook.event).toMatchObject({ type: 'refund.settled', gatewayReference: refund.refundReference, chargeReference: pending.gatewayReference, amount: 30_00 });
    expect(gateway.verifyWebhook(webhook.rawBody, webhook.signatureHeader, nowSeconds)).toMatchObject({ status: 'ok' });
  });

  it('lets a refund of a sandbox charge from before a restart through (the ledger holds the limit)', async () => {
    const paid = await setup().gateway.charge(charge('tok_sandbox_visa'));
    const restarted = setup().gateway;
    expect(await restarted.refund({ chargeReference: paid.gatewayReference, amount: 1, currency: 'USD', idempotencyKey: 'after-restart' })).toMatchObject({ status: 'succeeded' });
  });
});
