// Fake values for the masked copy: each personal value is replaced by a value derived from an HMAC of
// the original under a per-copy salt, so the same original gives the same fake everywhere in the copy
// (joins, duplicates and the duplicate check still behave) while nothing of the original survives and
// the salt, thrown away after the copy, keeps the mapping from being reversed by guessing.
import crypto from 'node:crypto';
import { base, en, Faker } from '@faker-js/faker';
import type { MaskKind } from '../platform/data-inventory';

/** Strings in JSON that are codes rather than prose (`self`, `female`, `US`, `PAYMENT_DUE`, dates, ids, numbers): kept. */
const CODE_LIKE =
  /^(?:[a-z0-9]+(?:[_.:-][a-z0-9]+)*|[A-Z0-9]+(?:_[A-Z0-9]+)*|\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|-?\d+(?:\.\d+)?)$/;

/** Keys that hold a field's value rather than name a field. */
const VALUE_WRAPPERS = new Set(['before', 'after', 'from', 'to', 'old', 'new', 'value', 'previous', 'current']);

/** How a string inside JSON is masked, from its key (`insured.firstName`, `reporter.phone`, `changes.after.email`). */
function kindOfJsonKey(key: string): MaskKind | undefined {
  const k = key.toLowerCase();
  if (/email/.test(k)) return 'email';
  if (/phone|mobile|fax/.test(k)) return 'phone';
  if (/first_?name|given/.test(k)) return 'given-name';
  if (/last_?name|family|surname/.test(k)) return 'family-name';
  if (/birth|dob/.test(k)) return 'birth-date';
  if (/name/.test(k)) return 'full-name';
  if (/line1|line2|street|address/.test(k)) return 'street';
  if (/city|town/.test(k)) return 'city';
  if (/postal|zip/.test(k)) return 'postal-code';
  if (/national|passport|iban|account|card|number|reference|last4/.test(k)) return 'identifier';
  if (/^ip$|ip_?address/.test(k)) return 'ip';
  if (/user_?agent/.test(k)) return 'user-agent';
  return undefined;
}

export class Masker {
  private readonly faker = new Faker({ locale: [en, base] });
  private readonly unusableBcrypt: string;

  constructor(
    private readonly salt: Buffer,
    /** A bcrypt hash of a random password nobody knows, for password columns (logins fail cleanly, never error). */
    unusablePasswordHash: string,
  ) {
    this.unusableBcrypt = unusablePasswordHash;
  }

  private digest(kind: string, value: string): Buffer {
    return crypto.createHmac('sha256', this.salt).update(kind).update('\0').update(value).digest();
  }

  private seeded(kind: string, value: string): Faker {
    this.faker.seed(this.digest(kind, value).readUInt32BE(0));
    return this.faker;
  }

  /** Digits and letters replaced one for one (case and punctuation kept), so formats and lengths still fit. */
  private sameShape(kind: string, value: string): string {
    const bytes = this.digest(kind, value);
    let i = 0;
    const next = () => bytes[i++ % bytes.length]!;
    return value.replace(/[0-9A-Za-z]/g, (ch) => {
      if (/\d/.test(ch)) return String(next() % 10);
      const letter = String.fromCharCode(97 + (next() % 26));
      return ch === ch.toUpperCase() ? letter.toUpperCase() : letter;
    });
  }

  private prose(value: string): string {
    if (!value.trim()) return value;
    const f = this.seeded('free-text', value);
    let text = f.lorem.sentence();
    while (text.length < value.length) text += ` ${f.lorem.sentence()}`;
    return text.slice(0, Math.max(value.length, 1));
  }

  /** The fake for one value of a column masked as `kind` (`derived` columns are recomputed by the copy, not here). */
  value(kind: MaskKind, value: string): string {
    switch (kind) {
      case 'keep':
        return value;
      case 'given-name':
        return this.seeded(kind, value).person.firstName();
      case 'family-name':
        return this.seeded(kind, value).person.lastName();
      case 'full-name': {
        const f = this.seeded(kind, value);
        return `${f.person.firstName()} ${f.person.lastName()}`;
      }
      case 'birth-date': {
        // Shifted by up to a year either way: ages, and so ratings and eligibility, stay about right.
        const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
        if (Number.isNaN(date.getTime())) return this.seeded(kind, value).date.birthdate().toISOString().slice(0, 10);
        const shift = (this.digest(kind, value).readUInt16BE(0) % 731) - 365 || 1;
        return new Date(date.getTime() + shift * 86_400_000).toISOString().slice(0, 10);
      }
      case 'email':
        return `person.${this.digest(kind, value.toLowerCase()).toString('hex').slice(0, 12)}@example.com`;
      case 'phone':
        // +1 555 01xx-style fictional numbers, E.164 like every stored phone.
        return `+1555${String(this.digest(kind, value.replace(/\D/g, '')).readUInt32BE(0) % 10_000_000).padStart(7, '0')}`;
      case 'contact':
        return value.includes('@') ? this.value('email', value) : this.value('phone', value);
      case 'street':
        return this.seeded(kind, value).location.streetAddress();
      case 'city':
        return this.seeded(kind, value).location.city();
      case 'postal-code':
        return this.sameShape(kind, value);
      case 'national-id':
      case 'identifier':
        return this.sameShape(kind, value);
      case 'free-text':
        return this.prose(value);
      case 'json':
        return JSON.stringify(this.json(JSON.parse(value) as unknown));
      case 'ip':
        return `192.0.2.${this.digest(kind, value)[0]! % 255}`;
      case 'user-agent':
        return 'Mozilla/5.0 (masked copy)';
      case 'file': {
        const ext = /\.[A-Za-z0-9]{1,8}$/.exec(value)?.[0] ?? '';
        return `masked-${this.digest(kind, value).toString('hex').slice(0, 16)}${ext}`;
      }
      case 'credential':
        if (value.startsWith('$2')) return this.unusableBcrypt;
        if (value.startsWith('\\x')) return `\\x${crypto.randomBytes(Math.max((value.length - 2) / 2, 16)).toString('hex')}`;
        return crypto
          .randomBytes(Math.ceil(value.length / 2) || 16)
          .toString('hex')
          .slice(0, Math.max(value.length, 16));
      case 'derived':
        throw new Error('A derived column is recomputed from the masked columns it comes from, not masked on its own');
    }
  }

  /** Every string of a JSON value masked by its key, or as prose when it is not a code. */
  json(value: unknown, key = ''): unknown {
    if (typeof value === 'string') {
      const kind = kindOfJsonKey(key);
      if (kind) return this.value(kind, value);
      return CODE_LIKE.test(value) ? value : this.prose(value);
    }
    if (Array.isArray(value)) return value.map((v) => this.json(v, key));
    // `{ email: { before, after } }` (the audit's changes): the values are the field's, under its name.
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.json(v, VALUE_WRAPPERS.has(k) ? key : k)]));
    return value;
  }
}
