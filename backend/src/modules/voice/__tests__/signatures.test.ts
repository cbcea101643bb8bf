// The providers' signature checks as pure functions: what verifies, what does not, and that Twilio's
// check does not depend on the order the parameters arrive in (fast-check).
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { signTelnyx, telnyxPublicKey, twilioSignature, verifyTelnyx, verifyTwilio } from '../signatures';
import { texml } from '../texml';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const publicBase64 = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64');
const key = telnyxPublicKey(publicBase64);
const body = Buffer.from('CallSid=CA1&From=%2B12125550123&To=%2B18005963057');
const now = 1_800_000_000;

describe('Telnyx signatures (Ed25519 over timestamp|body)', () => {
  it('verify with the public key within five minutes either way', () => {
    for (const at of [now, now - 300, now + 300]) {
      expect(verifyTelnyx({ rawBody: body, signature: signTelnyx(body, privateKey, at), timestamp: String(at), publicKey: key, nowSeconds: now })).toBe('ok');
    }
  });

  it('refuse another key, another body, another timestamp than signed, and an old or future one', () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    const signature = signTelnyx(body, privateKey, now);
    expect(verifyTelnyx({ rawBody: body, signature: signTelnyx(body, other, now), timestamp: String(now), publicKey: key, nowSeconds: now })).toBe('bad_signature');
    expect(verifyTelnyx({ rawBody: Buffer.from(`${body.toString()}&x=1`), signature, timestamp: String(now), publicKey: key, nowSeconds: now })).toBe('bad_signature');
    expect(verifyTelnyx({ rawBody: body, signature, timestamp: String(now + 1), publicKey: key, nowSeconds: now })).toBe('bad_signature');
    expect(verifyTelnyx({ rawBody: body, signature: signTelnyx(body, privateKey, now - 301), timestamp: String(now - 301), publicKey: key, nowSeconds: now })).toBe(
      'stale_timestamp',
    );
    expect(verifyTelnyx({ rawBody: body, signature: signTelnyx(body, privateKey, now + 301), timestamp: String(now + 301), publicKey: key, nowSeconds: now })).toBe(
      'stale_timestamp',
    );
    expect(verifyTelnyx({ rawBody: body, signature: undefined, timestamp: String(now), publicKey: key, nowSeconds: now })).toBe('missing');
    expect(verifyTelnyx({ rawBody: body, signature: 'bm90IGEgc2lnbmF0dXJl', timestamp: String(now), publicKey: key, nowSeconds: now })).toBe('bad_signature');
  });

  it('take the portal’s base64 public key (32 bytes) and nothing else', () => {
    expect(() => telnyxPublicKey(Buffer.alloc(31).toString('base64'))).toThrow(RangeError);
  });
});

describe('Twilio signatures (HMAC-SHA1 over URL + sorted parameters)', () => {
  const url = 'https://service.example.com/api/voice/twilio/menu?attempt=1';
  const params: [string, string][] = [
    ['CallSid', 'CA1'],
    ['Digits', '1'],
    ['From', '+12125550123'],
  ];

  it('verify whatever order the parameters arrive in', () => {
    const signature = twilioSignature('token0123456789abcdef', url, params);
    fc.assert(
      fc.property(fc.shuffledSubarray(params, { minLength: params.length, maxLength: params.length }), (shuffled) => {
        expect(verifyTwilio({ authToken: 'token0123456789abcdef', url, params: shuffled, signature })).toBe('ok');
      }),
    );
  });

  it('refuse another token, another URL (a proxy’s Host), a changed or added parameter, and no signature', () => {
    const signature = twilioSignature('token0123456789abcdef', url, params);
    expect(verifyTwilio({ authToken: 'other0123456789abcdef', url, params, signature })).toBe('bad_signature');
    expect(verifyTwilio({ authToken: 'token0123456789abcdef', url: url.replace('service.example.com', '10.0.0.5:3000'), params, signature })).toBe('bad_signature');
    expect(verifyTwilio({ authToken: 'token0123456789abcdef', url, params: [...params.slice(0, 1), ['Digits', '2'], ...params.slice(2)], signature })).toBe('bad_signature');
    expect(verifyTwilio({ authToken: 'token0123456789abcdef', url, params: [...params, ['To', '+18005963057']], signature })).toBe('bad_signature');
    expect(verifyTwilio({ authToken: 'token0123456789abcdef', url, params, signature: undefined })).toBe('missing');
  });
});

describe('TeXML / TwiML documents', () => {
  it('escape what they say and name each provider’s transcription attributes', () => {
    const record = { record: { action: '/api/voice/x/voicemail', transcriptionCallback: '/api/voice/x/transcription', maxLength: 60 } };
    expect(texml('twilio', [{ say: 'Tom & Jerry <3' }])).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Say>Tom &amp; Jerry &lt;3</Say></Response>');
    expect(texml('twilio', [record])).toContain('transcribe="true" transcribeCallback="/api/voice/x/transcription"');
    expect(texml('telnyx', [record])).toContain('transcription="true" transcriptionCallback="/api/voice/x/transcription"');
  });
});
