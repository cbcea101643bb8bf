// Which policy year is in force on a day, and a year's installments as rows: never past the end date.
import fc from 'fast-check';
import { installmentRows, policyYearOn } from '../schedule.service';

const policy = (start: string, end: string) => ({
  policy_id: '00000000-0000-4000-8000-000000000001',
  currency: 'USD',
  payment_frequency: 'monthly',
  installment_count: 12,
  installment_amount: 1_000,
  first_installment_amount: 1_007,
  start_date: start,
  end_date: end,
});
const now = new Date(0);

describe('policyYearOn', () => {
  it('is 1 before the start and during the first year, then counts anniversaries (29 February → 28 February)', () => {
    const p = policy('2028-02-29', '2048-02-29');
    expect(policyYearOn(p, '2028-01-01')).toBe(1);
    expect(policyYearOn(p, '2029-02-27')).toBe(1);
    expect(policyYearOn(p, '2029-02-28')).toBe(2);
    expect(policyYearOn(p, '2032-02-29')).toBe(5);
  });

  it('stops at the last year that starts before the end date, however late the day', () => {
    const p = policy('2027-01-31', '2029-01-31');
    expect(policyYearOn(p, '2029-01-31')).toBe(2);
    expect(policyYearOn(p, '2040-06-01')).toBe(2);
  });

  it('property: the year in force starts on or before the day (or is year 1), and the next one starts after it or at the end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 4_000 }), (startOffset, years, dayOffset) => {
        const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
        const start = iso(Date.UTC(2026, 0, 1) + startOffset * 86_400_000);
        const end = `${Number(start.slice(0, 4)) + years}${start.slice(4) === '-02-29' ? '-02-28' : start.slice(4)}`;
        const day = iso(Date.UTC(2026, 0, 1) + dayOffset * 86_400_000);
        const y = policyYearOn(policy(start, end), day);
        expect(y).toBeGreaterThanOrEqual(1);
        expect(y).toBeLessThanOrEqual(years);
        const rows = installmentRows(policy(start, end), y, now);
        expect(rows.every((r) => r.due_date < end)).toBe(true);
      }),
    );
  });
});

describe('installmentRows', () => {
  it('gives a whole year of installments that add up to the annual premium', () => {
    const rows = installmentRows(policy('2027-01-31', '2047-01-31'), 1, now);
    expect(rows).toHaveLength(12);
    expect(rows.reduce((s, r) => s + r.amount, 0)).toBe(1_007 + 11 * 1_000);
    expect(rows.map((r) => r.due_date).slice(0, 3)).toEqual(['2027-01-31', '2027-02-28', '2027-03-31']);
  });
});
