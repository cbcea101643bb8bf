// Stripe-style webhook signatures: header `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`, the v1 being
// HMAC-SHA256 over `${t}.${rawBody}` with the endpoint's secret.
//
// Our own check rather than the `stripe` package's verifier: that one accepts timestamps any
// distance in the FUTURE (it only refuses old ones), takes a single secret, and tells failures apart
// only by message text. The format is the same — tests prove stripe's generateTestHeaderString
// verifies here and our headers verify with stripe's verifyHeader — so Stripe's own webhooks and
// the sandbox's share this code.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEFAULT_TOLERANCE_SECONDS = 300;
/** A real header is ~150 characters (a few hundred during a rotation); anything far longer is refused unread. */
const MAX_HEADER_LENGTH = 4096;

export type SignatureCheck =
  | { status: 'ok'; timestamp: number; /** Which of the secrets matched (rotation: 0 = the first given). */ secretIndex: number }
  | { status: 'bad_signature' }
  | { status: 'stale_timestamp'; timestamp: number }
  | { status: 'malformed_header' };

export interface VerifyInput {
  /** The request body exactly as received (before any JSON parsing). */
  rawBody: string | Buffer;
  header: string | undefined;
  /** Every secret currently accepted; during a rotation the old and the new one. */
  secrets: readonly string[];
  /** The time of receipt in unix seconds, from the Clock. */
  nowSeconds: number;
  toleranceSeconds?: number;
}

interface ParsedHeader {
  timestamp: number;
  signatures: Buffer[];
}

/** Parses `t=…,v1=…`; other schemes (v0) are ignored, as Stripe does. Undefined when unusable. */
export function parseSignatureHeader(header: string | undefined): ParsedHeader | undefined {
  if (typeof header !== 'string' || header.length === 0 || header.length > MAX_HEADER_LENGTH) return undefined;
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const item of header.split(',')) {
    const eq = item.indexOf('=');
    if (eq < 0) return undefined;
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined || !/^\d{1,12}$/.test(value)) return undefined;
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/i.test(value)) return undefined;
      signatures.push(Buffer.from(value, 'hex'));
    }
  }
  if (timestamp === undefined || signatures.length === 0) return undefined;
  return { timestamp, signatures };
}

function hmac(secret: string, timestamp: number, rawBody: string | Buffer): Buffer {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(rawBody).digest();
}

/**
 * Checks a webhook's signature, then its age: a signature made with none of `secrets` is
 * bad_signature; a genuine one more than the tolerance away from now — either way, so a clock
 * skewed into the future cannot mint long-lived requests — is stale_timestamp.
 */
export function verifyWebhookSignature(input: VerifyInput): SignatureCheck {
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const secrets = input.secrets.filter((s) => s.length > 0);
  if (secrets.length === 0) throw new Error('No webhook secret configured');
  const parsed = parseSignatureHeader(input.header);
  if (!parsed) return { status: 'malformed_header' };
  let secretIndex = -1;
  // Every secret against every signature, without stopping early: timing says nothing about which matched.
  secrets.forEach((secret, index) => {
    const expected = hmac(secret, parsed.timestamp, input.rawBody);
    for (const candidate of parsed.signatures) {
      if (timingSafeEqual(expected, candidate) && secretIndex < 0) secretIndex = index;
    }
  });
  if (secretIndex < 0) return { status: 'bad_signature' };
  if (Math.abs(input.nowSeconds - parsed.timestamp) > tolerance) return { status: 'stale_timestamp', timestamp: parsed.timestamp };
  return { status: 'ok', timestamp: parsed.timestamp, secretIndex };
}

/** The header for `rawBody` signed at `timestamp` (unix seconds) with each secret (several during a rotation). */
export function signWebhookPayload(rawBody: string | Buffer, secrets: string | readonly string[], timestamp: number): string {
  const list = typeof secrets === 'string' ? [secrets] : secrets;
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) throw new RangeError(`Not a unix timestamp: ${timestamp}`);
  if (list.length === 0 || list.some((s) => s.length === 0)) throw new Error('Signing needs a non-empty secret');
  return [`t=${timestamp}`, ...list.map((s) => `v1=${hmac(s, timestamp, rawBody).toString('hex')}`)].join(',');
}
