import fc from 'fast-check';
import { canonicalJson, idempotencyLockKey, isValidIdempotencyKey, requestFingerprint } from '../idempotency';

/** The same JSON value with every object's keys in another order. */
function shuffled(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v, i) => shuffled(v, seed + i));
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    const rotated = entries.length ? [...entries.slice(seed % entries.length), ...entries.slice(0, seed % entries.length)].reverse() : entries;
    return Object.fromEntries(rotated.map(([k, v]) => [k, shuffled(v, seed + 1)]));
  }
  return value;
}

describe('canonicalJson', () => {
  it('is the same whatever the order of object keys', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.nat(), (value, seed) => expect(canonicalJson(shuffled(value, seed))).toBe(canonicalJson(value))));
  });

  it('reads back as the same value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)))));
  });

  it('tells different values apart', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        fc.pre(JSON.stringify(JSON.parse(canonicalJson(a))) !== JSON.stringify(JSON.parse(canonicalJson(b))));
        expect(canonicalJson(a)).not.toBe(canonicalJson(b));
      }),
    );
  });

  it('writes nested keys sorted, without spaces', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
  });
});

describe('requestFingerprint', () => {
  const base = { method: 'POST', path: '/api/payments', query: {}, body: { amount: 100, currency: 'USD' } };

  it('is a SHA-256 hex digest equal for the same request in any key order', () => {
    const a = requestFingerprint(base);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(requestFingerprint({ ...base, body: { currency: 'USD', amount: 100 } })).toBe(a);
  });

  it('changes with the method, the path, the query or the body', () => {
    const a = requestFingerprint(base);
    expect(requestFingerprint({ ...base, method: 'PUT' })).not.toBe(a);
    expect(requestFingerprint({ ...base, path: '/api/refunds' })).not.toBe(a);
    expect(requestFingerprint({ ...base, query: { dryRun: 'true' } })).not.toBe(a);
    expect(requestFingerprint({ ...base, body: { amount: 101, currency: 'USD' } })).not.toBe(a);
  });
});

describe('isValidIdempotencyKey', () => {
  it('accepts 1 to 255 printable ASCII characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 255 }), (k) =>
        expect(isValidIdempotencyKey(k)).toBe(true),
      ),
    );
  });

  it('refuses empty, over-long and non-printable keys', () => {
    expect(isValidIdempotencyKey('')).toBe(false);
    expect(isValidIdempotencyKey('a'.repeat(256))).toBe(false);
    expect(isValidIdempotencyKey('tab\there')).toBe(false);
    expect(isValidIdempotencyKey('naïve')).toBe(false);
    expect(isValidIdempotencyKey('del\x7f')).toBe(false);
  });
});

describe('idempotencyLockKey', () => {
  it('is a signed 64-bit integer that depends on the operation, the caller and the key', () => {
    const k = idempotencyLockKey({ operation: 'payments.create', actorId: 'u1', key: 'abc' });
    expect(BigInt(k) >= -(2n ** 63n) && BigInt(k) < 2n ** 63n).toBe(true);
    expect(idempotencyLockKey({ operation: 'payments.create', actorId: 'u1', key: 'abc' })).toBe(k);
    expect(idempotencyLockKey({ operation: 'refunds.create', actorId: 'u1', key: 'abc' })).not.toBe(k);
    expect(idempotencyLockKey({ operation: 'payments.create', actorId: 'u2', key: 'abc' })).not.toBe(k);
    expect(idempotencyLockKey({ operation: 'payments.create', actorId: 'u1', key: 'abd' })).not.toBe(k);
    // Parts are separated: ('a', 'bc') is not ('ab', 'c').
    expect(idempotencyLockKey({ operation: 'p', actorId: 'a', key: 'bc' })).not.toBe(idempotencyLockKey({ operation: 'p', actorId: 'ab', key: 'c' }));
  });
});
