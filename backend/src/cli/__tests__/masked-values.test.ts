// The masked copy's fakes: the same original gives the same fake under one salt (joins and duplicates
// hold), another salt another fake; codes inside JSON are kept and prose and personal keys are not.
import crypto from 'node:crypto';
import fc from 'fast-check';
import { Masker } from '../masked-values';

const masker = (salt = crypto.randomBytes(32)) => new Masker(salt, '$2b$04$unusableunusableunusableuOQeZrSg3UDqpSOSUOQz0yY1ZkWX/5u');

it('gives one original one fake per salt, in the shape its column expects', () => {
  const m = masker();
  fc.assert(
    fc.property(fc.string({ minLength: 4, maxLength: 40 }), (s) => {
      const email = m.value('email', s);
      expect(email).toBe(m.value('email', s));
      expect(email).toMatch(/^person\.[0-9a-f]{12}@example\.com$/);
      expect(m.value('phone', s)).toMatch(/^\+1555\d{7}$/);
      expect(m.value('given-name', s)).toBe(m.value('given-name', s));
      const id = m.value('identifier', s);
      expect(id).toHaveLength(s.length);
      expect(id.replace(/[0-9A-Za-z]/g, '')).toBe(s.replace(/[0-9A-Za-z]/g, ''));
    }),
  );
  expect(masker().value('email', 'ada@example.org')).not.toBe(m.value('email', 'ada@example.org'));
  expect(m.value('email', 'Ada@Example.org')).toBe(m.value('email', 'ada@example.org'));
});

it('shifts a birth date by at most a year, and never leaves it where it was', () => {
  const m = masker();
  for (const date of ['1960-02-29', '1999-12-31', '2001-01-01']) {
    const fake = m.value('birth-date', date);
    const days = Math.abs(Date.parse(fake) - Date.parse(date)) / 86_400_000;
    expect(days).toBeGreaterThan(0);
    expect(days).toBeLessThanOrEqual(365);
  }
});

it('masks personal strings in JSON by their key (also under before/after), keeps codes, replaces prose', () => {
  const m = masker();
  const masked = m.json({
    insured: [{ firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1815-12-10', relationship: 'self', gender: 'female', sumInsured: 100000 }],
    changes: { email: { before: 'ada@example.org', after: 'ada@lovelace.org' } },
    note: 'Ada called about her claim',
    country: 'GB',
  }) as { insured: Record<string, unknown>[]; changes: { email: { after: string } }; note: string; country: string };
  expect(masked.insured[0]).toMatchObject({ relationship: 'self', gender: 'female', sumInsured: 100000 });
  expect(masked.insured[0]!.firstName).not.toBe('Ada');
  expect(masked.insured[0]!.dateOfBirth).not.toBe('1815-12-10');
  expect(masked.changes.email.after).toMatch(/@example\.com$/);
  expect(masked.note).not.toContain('Ada');
  expect(masked.country).toBe('GB');
});
