// Protected personal data at rest: AES-256-GCM with the key id stored beside each value (so keys can
// rotate), and an HMAC-SHA256 blind index for exact lookups without decrypting.
import crypto from 'node:crypto';

export interface FieldKeys {
  /** `<keyId>:<base64 key>` — new values are encrypted with this one. */
  current: string;
  /** Older keys still able to decrypt (rotation). */
  previous?: string[];
  /** Base64 HMAC key for blind indexes. */
  blindIndexKey: string;
}

export interface EncryptedValue {
  keyId: string;
  /** base64(iv ‖ ciphertext ‖ auth tag). */
  ciphertext: string;
}

const parseKey = (spec: string) => {
  const [id, key] = spec.split(':');
  const bytes = Buffer.from(key ?? '', 'base64');
  if (!id || bytes.length !== 32) throw new Error('A field encryption key must be <keyId>:<base64 of 32 bytes>');
  return { id, key: bytes };
};

export class FieldCrypto {
  private readonly current: { id: string; key: Buffer };
  private readonly keys = new Map<string, Buffer>();
  private readonly indexKey: Buffer;

  constructor(keys: FieldKeys) {
    this.current = parseKey(keys.current);
    for (const spec of [keys.current, ...(keys.previous ?? [])]) {
      const { id, key } = parseKey(spec);
      this.keys.set(id, key);
    }
    this.indexKey = Buffer.from(keys.blindIndexKey, 'base64');
    if (this.indexKey.length < 32) throw new Error('The blind index key must be at least 32 bytes');
  }

  get currentKeyId(): string {
    return this.current.id;
  }

  encrypt(plaintext: string, context: string): EncryptedValue {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.current.key, iv);
    // The context (e.g. `customers.national_id`) is authenticated: a value copied into another
    // column does not decrypt there.
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: this.current.id, ciphertext: Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64') };
  }

  decrypt(value: EncryptedValue, context: string): string {
    const key = this.keys.get(value.keyId);
    if (!key) throw new Error(`Unknown field encryption key id ${value.keyId}`);
    const raw = Buffer.from(value.ciphertext, 'base64');
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  }

  /** Deterministic lookup token; `normalize` first so formatting differences still match. */
  blindIndex(value: string, context: string): string {
    return crypto.createHmac('sha256', this.indexKey).update(`${context}\u0000${value}`).digest('base64');
  }
}
