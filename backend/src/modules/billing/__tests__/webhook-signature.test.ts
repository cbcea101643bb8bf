import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import Stripe from 'stripe';
import { parseSignatureHeader, signWebhookPayload, verifyWebhookSignature } from '../webhook-signature';

const SECRET = 'whsec_current_0123456789abcdef';
const OLD_SECRET = 'whsec_previous_fedcba9876543210';
const BODY = '{"id":"evt_1","type":"payment.succeeded","amount":12345}';
const T = 1_800_000_000;

const verify = (header: string | undefined, overrides: Partial<Parameters<typeof verifyWebhookSignature>[0]> = {}) =>
  verifyWebhookSignature({ rawBody: BODY, header, secrets: [SECRET], nowSeconds: T, ...overrides });

describe('verifyWebhookSignature', () => {
  it('accepts a body signed with the secret at a time within the tolerance', () => {
    expect(verify(signWebhookPayload(BODY, SECRET, T))).toEqual({ status: 'ok', timestamp: T, secretIndex: 0 });
    expect(verify(signWebhookPayload(BODY, SECRET, T - 300))).toMatchObject({ status: 'ok' });
    expect(verify(signWebhookPayload(BODY, SECRET, T + 300))).toMatchObject({ status: 'ok' });
  });

  it('signs HMAC-SHA256 over "<t>.<raw body>" in hex', () => {
    const expected = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(signWebhookPayload(BODY, SECRET, T)).toBe(`t=${T},v1=${expected}`);
  });

  it('refuses a signature made with another secret', () => {
    expect(verify(signWebhookPayload(BODY, 'whsec_someone_else', T))).toEqual({ status: 'bad_signature' });
  });

  it('refuses a tampered body, and a timestamp changed after signing', () => {
    const header = signWebhookPayload(BODY, SECRET, T);
    expect(verify(header, { rawBody: BODY.replace('12345', '12346') })).toEqual({ status: 'bad_signature' });
    expect(verify(header, { rawBody: `${BODY} ` })).toEqual({ status: 'bad_signature' });
    expect(verify(header.replace(`t=${T}`, `t=${T + 1}`))).toEqual({ status: 'bad_signature' });
  });

  it('refuses a genuine signature older than 300 s as stale', () => {
    expect(verify(signWebhookPayload(BODY, SECRET, T - 301))).toEqual({ status: 'stale_timestamp', timestamp: T - 301 });
    expect(verify(signWebhookPayload(BODY, SECRET, T - 86_400))).toMatchObject({ status: 'stale_timestamp' });
  });

  it('refuses a timestamp more than 300 s in the future too', () => {
    expect(verify(signWebhookPayload(BODY, SECRET, T + 301))).toEqual({ status: 'stale_timestamp', timestamp: T + 301 });
  });

  it('honours a custom tolerance and the injected time, not the machine clock', () => {
    const header = signWebhookPayload(BODY, SECRET, 1_000);
    expect(verify(header, { nowSeconds: 1_000 })).toMatchObject({ status: 'ok' });
    expect(verify(header, { nowSeconds: 1_061, toleranceSeconds: 60 })).toMatchObject({ status: 'stale_timestamp' });
    expect(verify(header, { nowSeconds: 1_060, toleranceSeconds: 60 })).toMatchObject({ status: 'ok' });
  });

  it('accepts either secret during a rotation, and says which one matched', () => {
    const signedWithOld = signWebhookPayload(BODY, OLD_SECRET, T);
    expect(verify(signedWithOld)).toEqual({ status: 'bad_signature' });
    expect(verify(signedWithOld, { secrets: [SECRET, OLD_SECRET] })).toEqual({ status: 'ok', timestamp: T, secretIndex: 1 });
    expect(verify(signWebhookPayload(BODY, SECRET, T), { secrets: [SECRET, OLD_SECRET] })).toEqual({ status: 'ok', timestamp: T, secretIndex: 0 });
  });

  it('accepts a header carrying several v1 signatures when any one matches (the sender signing with old and new)', () => {
    const both = signWebhookPayload(BODY, [OLD_SECRET, SECRET], T);
    expect(both.match(/v1=/g)).toHaveLength(2);
    expect(verify(both)).toMatchObject({ status: 'ok' });
    expect(verify(both, { secrets: [OLD_SECRET] })).toMatchObject({ status: 'ok' });
    expect(verify(both, { secrets: ['whsec_neither'] })).toEqual({ status: 'bad_signature' });
  });

  it('verifies a Buffer body byte for byte (non-ASCII included)', () => {
    const body = '{"holder":"Zoë Ñúñez"}';
    const header = signWebhookPayload(body, SECRET, T);
    expect(verify(header, { rawBody: Buffer.from(body, 'utf8') })).toMatchObject({ status: 'ok' });
    expect(verify(header, { rawBody: Buffer.from(body, 'latin1') })).toEqual({ status: 'bad_signature' });
  });

  const good = signWebhookPayload(BODY, SECRET, T);
  const sig = good.split('v1=')[1]!;
  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['no timestamp', `v1=${sig}`],
    ['no v1 signature', `t=${T}`],
    ['only a v0 signature', `t=${T},v0=${sig}`],
    ['a non-numeric timestamp', `t=12abc,v1=${sig}`],
    ['a negative timestamp', `t=-5,v1=${sig}`],
    ['two timestamps', `t=${T},t=${T},v1=${sig}`],
    ['a signature that is not 64 hex digits', `t=${T},v1=${sig.slice(0, 63)}`],
    ['a non-hex signature', `t=${T},v1=${'z'.repeat(64)}`],
    ['an element without "="', `t=${T},v1=${sig},junk`],
    ['something else entirely', 'Bearer abc'],
    ['an oversized header', `t=${T},${`v1=${sig},`.repeat(100)}v1=${sig}`],
  ])('calls %s malformed', (_, header) => {
    expect(verify(header)).toEqual({ status: 'malformed_header' });
  });

  it('ignores spaces around elements and other schemes next to v1', () => {
    expect(verify(`t=${T}, v1=${sig}, v0=whatever`)).toMatchObject({ status: 'ok' });
  });

  it('refuses to run without a secret, and to sign with an empty one', () => {
    expect(() => verify(good, { secrets: [] })).toThrow(/secret/);
    expect(() => verify(good, { secrets: [''] })).toThrow(/secret/);
    expect(() => signWebhookPayload(BODY, '', T)).toThrow(/secret/);
  });

  it('verifies what it signs and refuses any changed byte (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 300 }),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 4_000_000_000 }),
        fc.integer({ min: -300, max: 300 }),
        fc.nat(),
        (bytes, secret, t, skew, at) => {
          const body = Buffer.from(bytes);
          const header = signWebhookPayload(body, secret, t);
          expect(verifyWebhookSignature({ rawBody: body, header, secrets: [secret], nowSeconds: t + skew })).toEqual({ status: 'ok', timestamp: t, secretIndex: 0 });
          const tampered = Buffer.from(body);
          tampered[at % tampered.length] ^= 1 << (at % 8);
          expect(verifyWebhookSignature({ rawBody: tampered, header, secrets: [secret], nowSeconds: t + skew })).toEqual({ status: 'bad_signature' });
        },
      ),
    );
  });
});

describe('parseSignatureHeader', () => {
  it('reads the timestamp and every v1 signature', () => {
    const header = signWebhookPayload(BODY, [SECRET, OLD_SECRET], T);
    const parsed = parseSignatureHeader(header)!;
    expect(parsed.timestamp).toBe(T);
    expect(parsed.signatures.map((s) => s.toString('hex'))).toEqual(
      header
        .split(',')
        .slice(1)
        .map((p) => p.slice(3)),
    );
  });
});

describe('interoperability with the stripe package', () => {
  const stripeWebhooks = Stripe.webhooks;

  it('verifies a header made by stripe.webhooks.generateTestHeaderString', () => {
    const header = stripeWebhooks.generateTestHeaderString({ payload: BODY, secret: SECRET, timestamp: T });
    expect(verify(header)).toEqual({ status: 'ok', timestamp: T, secretIndex: 0 });
    expect(verify(header, { secrets: ['whsec_other'] })).toEqual({ status: 'bad_signature' });
  });

  it('makes headers that stripe’s own verifier accepts at the injected receipt time (and refuses with another secret)', () => {
    const header = signWebhookPayload(BODY, SECRET, T);
    expect(stripeWebhooks.signature!.verifyHeader(BODY, header, SECRET, 300, undefined, T * 1000)).toBe(true);
    expect(stripeWebhooks.constructEvent(BODY, header, SECRET, 300, undefined, T * 1000)).toMatchObject({ id: 'evt_1' });
    expect(() => stripeWebhooks.signature!.verifyHeader(BODY, header, 'whsec_other', 300, undefined, T * 1000)).toThrow();
    expect(() => stripeWebhooks.signature!.verifyHeader(BODY, header, SECRET, 300, undefined, (T + 301) * 1000)).toThrow(/tolerance/);
  });

  it('agrees with stripe on random bodies, secrets and times (property)', () => {
    fc.assert(
      fc.property(fc.json(), fc.string({ minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 4_000_000_000 }), (body, secret, t) => {
        const theirs = stripeWebhooks.generateTestHeaderString({ payload: body, secret, timestamp: t });
        expect(theirs).toBe(signWebhookPayload(body, secret, t));
        expect(verifyWebhookSignature({ rawBody: body, header: theirs, secrets: [secret], nowSeconds: t })).toMatchObject({ status: 'ok' });
      }),
    );
  });

  // Why the check is ours: stripe's verifier refuses only OLD timestamps; one far in the future passes.
  it('refuses a far-future timestamp that stripe’s verifier would let through', () => {
    const header = signWebhookPayload(BODY, SECRET, T + 3600);
    expect(stripeWebhooks.signature!.verifyHeader(BODY, header, SECRET, 300, undefined, T * 1000)).toBe(true);
    expect(verify(header)).toMatchObject({ status: 'stale_timestamp' });
  });
});
