import fc from 'fast-check';
import { wholeLife } from '../../../../../seeds/reference/catalog/whole-life';
import { addMonthsClamped } from '../../../platform/calendar';
import { cashValueOn, monthsInForce } from '../cash-value';

const table = wholeLife.cashValues!;

describe('cash value', () => {
  it('counts whole months in force, also across short months', () => {
    expect(monthsInForce('2026-01-31', '2026-02-27')).toBe(0);
    expect(monthsInForce('2026-01-31', '2026-02-28')).toBe(1);
    expect(monthsInForce('2026-01-15', '2027-01-14')).toBe(11);
    expect(monthsInForce('2026-01-15', '2027-01-15')).toBe(12);
  });

  it('is the table value after whole years and interpolates by months in between', () => {
    // 100,000.00 of death benefit; year 3 ends at 39.60 per 1,000, year 4 at 77.46.
    const start = '2026-12-01';
    expect(cashValueOn(table, 100_000_00, start, '2029-12-01')).toMatchObject({ monthsInForce: 36, policyYear: 4, perThousand: '39.6', amount: 3_960_00 });
    const halfway = cashValueOn(table, 100_000_00, start, '2030-06-01');
    expect(halfway.perThousand).toBe('58.53');
    expect(halfway.amount).toBe(5_853_00);
    expect(cashValueOn(table, 100_000_00, start, start).amount).toBe(0);
  });

  it('property: never decreases as months in force grow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10_000_00, max: 5_000_000_00 }), fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 600 }), (sum, a, b) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        const start = '2026-01-31';
        expect(cashValueOn(table, sum, start, addMonthsClamped(start, early)).amount).toBeLessThanOrEqual(cashValueOn(table, sum, start, addMonthsClamped(start, late)).amount);
      }),
      { seed: 20261207, numRuns: 300 },
    );
  });
});
