// The phone providers' webhook signatures, checked before anything else is done with a request.
//
// Telnyx: `telnyx-signature-ed25519` is the base64 Ed25519 signature of `${telnyx-timestamp}|${raw
// body}` by Telnyx's key; the timestamp (unix seconds) must be within five minutes of now, either
// way. Twilio: `X-Twilio-Signature` is the base64 HMAC-SHA1, keyed by the account's auth token, of
// the URL Twilio called — the configured public base URL plus the path and query, never the Host
// header a proxy rewrote — followed by each POST parameter's name and value, sorted by name.
// node:crypto does the cryptography (KeyObject, crypto.verify, createHmac, timingSafeEqual).
import { createHmac, createPublicKey, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';

export const TELNYX_SIGNATURE_HEADER = 'telnyx-signature-ed25519';
export const TELNYX_TIMESTAMP_HEADER = 'telnyx-timestamp';
export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature';
export const TELNYX_TOLERANCE_SECONDS = 300;

export type SignatureCheck = 'ok' | 'missing' | 'bad_signature' | 'stale_timestamp';

/** Telnyx's public key as the portal gives it (base64 of the raw 32 bytes) as a KeyObject. */
export function telnyxPublicKey(base64: string): KeyObject {
  const raw = Buffer.from(base64, 'base64');
  if (raw.length !== 32) throw new RangeError('An Ed25519 public key is 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

const telnyxMessage = (timestamp: string, rawBody: Buffer) => Buffer.concat([Buffer.from(`${timestamp}|`, 'utf8'), rawBody]);

export function verifyTelnyx(input: { rawBody: Buffer; signature: string | undefined; timestamp: string | undefined; publicKey: KeyObject; nowSeconds: number }): SignatureCheck {
  const { signature, timestamp } = input;
  if (!signature || !timestamp) return 'missing';
  if (!/^\d{1,12}$/.test(timestamp) || signature.length > 200) return 'bad_signature';
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== 64) return 'bad_signature';
  if (!verify(null, telnyxMessage(timestamp, input.rawBody), input.publicKey, bytes)) return 'bad_signature';
  // A genuine signature from too long ago (or too far ahead): a replay.
  if (Math.abs(input.nowSeconds - Number(timestamp)) > TELNYX_TOLERANCE_SECONDS) return 'stale_timestamp';
  return 'ok';
}

/** The `telnyx-signature-ed25519` header for `rawBody` at `timestamp` (local simulation and tests). */
export function signTelnyx(rawBody: Buffer | string, privateKey: KeyObject, timestamp: number): string {
  return sign(null, telnyxMessage(String(timestamp), Buffer.from(rawBody)), privateKey).toString('base64');
}

/** Twilio's signature of a request to `url` with these POST parameters (in any order). */
export function twilioSignature(authToken: string, url: string, params: readonly (readonly [string, string])[]): string {
  const sorted = [...params].sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const hmac = createHmac('sha1', authToken).update(url, 'utf8');
  for (const [k, v] of sorted) hmac.update(k, 'utf8').update(v, 'utf8');
  return hmac.digest('base64');
}

export function verifyTwilio(input: { authToken: string; url: string; params: readonly (readonly [string, string])[]; signature: string | undefined }): SignatureCheck {
  if (!input.signature) return 'missing';
  const expected = Buffer.from(twilioSignature(input.authToken, input.url, input.params), 'base64');
  const given = Buffer.from(input.signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'bad_signature';
}
