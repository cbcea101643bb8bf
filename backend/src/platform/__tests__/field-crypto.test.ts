import crypto from 'node:crypto';
import fc from 'fast-check';
import { FieldCrypto } from '../field-crypto';

const key = (id: string) => `${id}:${crypto.randomBytes(32).toString('base64')}`;
const indexKey = crypto.randomBytes(32).toString('base64');

describe('field encryption', () => {
  it('round-trips any text and never stores it readable', () => {
    const fcrypto = new FieldCrypto({ current: key('k1'), blindIndexKey: indexKey });
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), (text) => {
        const enc = fcrypto.encrypt(text, 'customers.national_id');
        expect(fcrypto.decrypt(enc, 'customers.national_id')).toBe(text);
        // Anything long enough to be an identifier never appears in the stored bytes.
        if (text.length >= 8) expect(Buffer.from(enc.ciphertext, 'base64').includes(Buffer.from(text))).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('uses a fresh IV each time and binds the value to its column', () => {
    const fcrypto = new FieldCrypto({ current: key('k1'), blindIndexKey: indexKey });
    const a = fcrypto.encrypt('123-45-6789', 'customers.national_id');
    expect(fcrypto.encrypt('123-45-6789', 'customers.national_id').ciphertext).not.toBe(a.ciphertext);
    expect(() => fcrypto.decrypt(a, 'kyc.document_number')).toThrow();
  });

  it('detects tampering', () => {
    const fcrypto = new FieldCrypto({ current: key('k1'), blindIndexKey: indexKey });
    const enc = fcrypto.encrypt('AB1234567', 'x');
    const raw = Buffer.from(enc.ciphertext, 'base64');
    raw[14]! ^= 1;
    expect(() => fcrypto.decrypt({ ...enc, ciphertext: raw.toString('base64') }, 'x')).toThrow();
  });

  it('decrypts values of a previous key after rotation and encrypts with the new one', () => {
    const oldKey = key('k1');
    const before = new FieldCrypto({ current: oldKey, blindIndexKey: indexKey }).encrypt('secret', 'x');
    const rotated = new FieldCrypto({ current: key('k2'), previous: [oldKey], blindIndexKey: indexKey });
    expect(rotated.decrypt(before, 'x')).toBe('secret');
    expect(rotated.encrypt('secret', 'x').keyId).toBe('k2');
    expect(() => new FieldCrypto({ current: key('k3'), blindIndexKey: indexKey }).decrypt(before, 'x')).toThrow(/Unknown field encryption key/);
  });

  it('gives a stable blind index per key and context', () => {
    const a = new FieldCrypto({ current: key('k1'), blindIndexKey: indexKey });
    const b = new FieldCrypto({ current: key('k2'), blindIndexKey: indexKey });
    expect(a.blindIndex('123456789', 'nid')).toBe(b.blindIndex('123456789', 'nid'));
    expect(a.blindIndex('123456789', 'nid')).not.toBe(a.blindIndex('123456789', 'doc'));
    expect(new FieldCrypto({ current: key('k1'), blindIndexKey: crypto.randomBytes(32).toString('base64') }).blindIndex('123456789', 'nid')).not.toBe(
      a.blindIndex('123456789', 'nid'),
    );
  });
});
