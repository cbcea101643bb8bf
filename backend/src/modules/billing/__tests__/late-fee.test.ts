import fc from 'fast-check';
import { LateFeeRule, lateFeeFor } from '../late-fee';

/** Independent oracle: overdue × rate in exact BigInt arithmetic, rounded half-even to the cent. */
function halfEvenFee(overdue: number, rate: string): bigint {
  const [whole, frac = ''] = rate.split('.');
  const scale = 10n ** BigInt(frac.length);
  const numerator = BigInt(overdue) * BigInt(`${whole}${frac}`);
  const q = numerator / scale;
  const r = numerator % scale;
  if (r * 2n > scale) return q + 1n;
  if (r * 2n < scale) return q;
  return q % 2n === 0n ? q : q + 1n;
}

describe('lateFeeFor', () => {
  const flat = LateFeeRule.parse({ kind: 'flat', amount: 25_00, afterDays: 10 });
  const pct = LateFeeRule.parse({ kind: 'percentage', rate: '0.05', cap: 50_00, afterDays: 10 });

  it('charges nothing when the product version says none', () => {
    expect(lateFeeFor({ kind: 'none' }, 1000_00, 400)).toBe(0);
  });

  it('charges only once MORE than afterDays have passed (day 10 no, day 11 yes)', () => {
    expect(lateFeeFor(flat, 100_00, 10)).toBe(0);
    expect(lateFeeFor(flat, 100_00, 11)).toBe(25_00);
    expect(lateFeeFor(pct, 100_00, 10)).toBe(0);
    expect(lateFeeFor(pct, 100_00, 11)).toBe(5_00);
    expect(lateFeeFor({ kind: 'flat', amount: 1_00, afterDays: 0 }, 1, 1)).toBe(1_00);
    expect(lateFeeFor({ kind: 'flat', amount: 1_00, afterDays: 0 }, 1, 0)).toBe(0);
  });

  it('charges nothing on an installment with nothing overdue', () => {
    expect(lateFeeFor(flat, 0, 30)).toBe(0);
    expect(lateFeeFor(pct, -5_00, 30)).toBe(0);
  });

  it('rounds a percentage half-even to the cent, once, then caps it', () => {
    expect(lateFeeFor(pct, 123_45, 30)).toBe(6_17); // 617.25 → 617
    expect(lateFeeFor(pct, 10, 30)).toBe(0); // 0.5 → 0 (even)
    expect(lateFeeFor(pct, 30, 30)).toBe(2); // 1.5 → 2 (even)
    expect(lateFeeFor(pct, 50, 30)).toBe(2); // 2.5 → 2 (even)
    expect(lateFeeFor(pct, 999_99, 30)).toBe(50_00); // 49.9995 → capped at 50.00
    expect(lateFeeFor(pct, 5000_00, 30)).toBe(50_00); // 250.00 → cap 50.00
  });

  it('refuses fractional amounts or days', () => {
    expect(() => lateFeeFor(pct, 1.5, 30)).toThrow(RangeError);
    expect(() => lateFeeFor(pct, 100, 1.5)).toThrow(RangeError);
  });

  it('is the half-even rounded percentage, never above the cap, zero up to afterDays (property)', () => {
    const rateArb = fc.integer({ min: 1, max: 1_000_000 }).map((micro) => (micro === 1_000_000 ? '1' : `0.${String(micro).padStart(6, '0')}`));
    fc.assert(
      fc.property(
        rateArb,
        fc.integer({ min: 1, max: 10_000_000_00 }),
        fc.integer({ min: 0, max: 365 }),
        fc.integer({ min: -30, max: 1000 }),
        fc.integer({ min: 1, max: 1_000_000_00 }),
        (rate, overdue, after, days, cap) => {
          const rule = LateFeeRule.parse({ kind: 'percentage', rate, cap, afterDays: after });
          const fee = lateFeeFor(rule, overdue, days);
          if (days <= after) return expect(fee).toBe(0);
          expect(fee).toBe(Number(halfEvenFee(overdue, rate) < BigInt(cap) ? halfEvenFee(overdue, rate) : BigInt(cap)));
          expect(fee).toBeGreaterThanOrEqual(0);
          expect(fee).toBeLessThanOrEqual(cap);
          expect(lateFeeFor(rule, overdue + 1, days)).toBeGreaterThanOrEqual(fee); // more overdue never lowers the fee
        },
      ),
    );
  });
});

describe('LateFeeRule schema', () => {
  it('accepts the three kinds', () => {
    expect(LateFeeRule.parse({ kind: 'none' })).toEqual({ kind: 'none' });
    expect(LateFeeRule.safeParse({ kind: 'flat', amount: 15_00, afterDays: 7 }).success).toBe(true);
    expect(LateFeeRule.safeParse({ kind: 'percentage', rate: '0.025', cap: 40_00, afterDays: 0 }).success).toBe(true);
    expect(LateFeeRule.safeParse({ kind: 'percentage', rate: '1', cap: 40_00, afterDays: 0 }).success).toBe(true);
  });

  it.each([
    ['a percentage written as a whole number', { kind: 'percentage', rate: '5', cap: 40_00, afterDays: 0 }],
    ['a zero rate', { kind: 'percentage', rate: '0', cap: 40_00, afterDays: 0 }],
    ['a negative rate', { kind: 'percentage', rate: '-0.05', cap: 40_00, afterDays: 0 }],
    ['a rate as a number', { kind: 'percentage', rate: 0.05, cap: 40_00, afterDays: 0 }],
    ['a percentage without a cap', { kind: 'percentage', rate: '0.05', afterDays: 0 }],
    ['a fractional flat amount', { kind: 'flat', amount: 10.5, afterDays: 0 }],
    ['a zero flat amount', { kind: 'flat', amount: 0, afterDays: 0 }],
    ['negative days', { kind: 'flat', amount: 10_00, afterDays: -1 }],
    ['an unknown field', { kind: 'flat', amount: 10_00, afterDays: 3, compound: true }],
    ['an unknown kind', { kind: 'daily', amount: 10_00, afterDays: 3 }],
  ])('refuses %s', (_, rule) => {
    expect(LateFeeRule.safeParse(rule).success).toBe(false);
  });
});
