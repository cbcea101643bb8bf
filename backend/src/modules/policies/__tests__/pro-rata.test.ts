import fc from 'fast-check';
import { addDays } from '../../../platform/calendar';
import { divideHalfEven, policyYearOf, premiumBetween, premiumFrom, proRataChange } from '../pro-rata';

const SEED = 20261207;

describe('policy years', () => {
  it('finds the year that contains a date, its anniversaries and its length', () => {
    expect(policyYearOf('2026-12-01', '2046-11-30', '2027-06-15')).toEqual({ number: 1, from: '2026-12-01', to: '2027-12-01', days: 365 });
    expect(policyYearOf('2026-12-01', '2046-11-30', '2027-12-01')).toEqual({ number: 2, from: '2027-12-01', to: '2028-12-01', days: 366 });
    // A 29 February start keeps its anniversary on 28 February in common years.
    expect(policyYearOf('2028-02-29', '2038-02-27', '2029-03-01')).toMatchObject({ number: 2, from: '2029-02-28', to: '2030-02-28' });
  });

  it('a short last year ends the day after the end date but keeps a full-year denominator', () => {
    expect(policyYearOf('2026-12-01', '2027-06-30', '2027-03-01')).toEqual({ number: 1, from: '2026-12-01', to: '2027-07-01', days: 365 });
  });

  it('refuses a date outside the term', () => {
    expect(() => policyYearOf('2026-12-01', '2027-11-30', '2027-12-01')).toThrow(RangeError);
    expect(() => policyYearOf('2026-12-01', '2027-11-30', '2026-11-30')).toThrow(RangeError);
  });
});

describe('half-even division', () => {
  it('rounds halves to the even neighbour, symmetrically', () => {
    expect(divideHalfEven(5n, 2n)).toBe(2n);
    expect(divideHalfEven(7n, 2n)).toBe(4n);
    expect(divideHalfEven(-5n, 2n)).toBe(-2n);
    expect(divideHalfEven(-7n, 2n)).toBe(-4n);
    expect(divideHalfEven(10n, 3n)).toBe(3n);
    expect(divideHalfEven(11n, 3n)).toBe(4n);
  });
});

describe('pro rata by days', () => {
  const year = policyYearOf('2026-12-01', '2046-11-30', '2027-01-01');

  it('a worked example: 365.00 a year, 100 days left → 100.00; raised to 730.00 → 100.00 more', () => {
    const effective = addDays(year.to, -100);
    expect(premiumFrom(365_00, year, effective)).toBe(100_00);
    expect(proRataChange(365_00, 730_00, year, effective)).toEqual({ daysRemaining: 100, oldPremiumRemaining: 100_00, newPremiumRemaining: 200_00, premiumDelta: 100_00 });
  });

  it('the whole year from its first day is the annual premium; nothing is left on or after its end', () => {
    expect(premiumFrom(1234_57, year, year.from)).toBe(1234_57);
    expect(premiumFrom(1234_57, year, year.to)).toBe(0);
  });

  const dayOfYear = fc.integer({ min: 0, max: 364 });
  const premium = fc.integer({ min: 0, max: 50_000_000_00 });

  it('property: the pieces of a year split at any dates sum to the annual premium', () => {
    fc.assert(
      fc.property(premium, fc.uniqueArray(dayOfYear, { maxLength: 12 }), (annual, cuts) => {
        const dates = [year.from, ...cuts.sort((a, b) => a - b).map((d) => addDays(year.from, d)), year.to];
        let total = 0;
        for (let i = 0; i + 1 < dates.length; i++) {
          const piece = premiumBetween(annual, year, dates[i]!, dates[i + 1]!);
          expect(piece).toBeGreaterThanOrEqual(0);
          total += piece;
        }
        expect(total).toBe(annual);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('property: an endorsement and its reversal on the same date net to zero', () => {
    fc.assert(
      fc.property(premium, premium, dayOfYear, (oldAnnual, newAnnual, day) => {
        const effective = addDays(year.from, day);
        const change = proRataChange(oldAnnual, newAnnual, year, effective);
        const reversal = proRataChange(newAnnual, oldAnnual, year, effective);
        expect(change.premiumDelta + reversal.premiumDelta).toBe(0);
        // Never more than the annual difference, and of its sign.
        expect(Math.abs(change.premiumDelta)).toBeLessThanOrEqual(Math.abs(newAnnual - oldAnnual) + 1);
        expect(Math.sign(change.premiumDelta) * Math.sign(newAnnual - oldAnnual)).toBeGreaterThanOrEqual(0);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('property: what is left of the year only shrinks as the year goes by', () => {
    fc.assert(
      fc.property(premium, dayOfYear, dayOfYear, (annual, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(premiumFrom(annual, year, addDays(year.from, early))).toBeGreaterThanOrEqual(premiumFrom(annual, year, addDays(year.from, late)));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
