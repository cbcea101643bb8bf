// Business days between two dates (the claims KPI "decided within 10 business days"): weekdays after
// the first date up to and including the second.
import fc from 'fast-check';
import { addDays, businessDaysBetween, weekdayOf } from '../calendar';

describe('businessDaysBetween', () => {
  it('counts the weekdays after the first date up to and including the second', () => {
    // 2027-01-04 is a Monday.
    expect(weekdayOf('2027-01-04')).toBe(1);
    expect(businessDaysBetween('2027-01-04', '2027-01-04')).toBe(0);
    expect(businessDaysBetween('2027-01-04', '2027-01-05')).toBe(1);
    expect(businessDaysBetween('2027-01-04', '2027-01-08')).toBe(4);
    // Friday → Monday: the weekend adds nothing.
    expect(businessDaysBetween('2027-01-08', '2027-01-11')).toBe(1);
    expect(businessDaysBetween('2027-01-09', '2027-01-10')).toBe(0);
    expect(businessDaysBetween('2027-01-04', '2027-01-18')).toBe(10);
    // Across a leap day and a year end.
    expect(businessDaysBetween('2028-02-25', '2028-03-01')).toBe(3);
    expect(businessDaysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });

  it('is 0 when the second date is not after the first', () => {
    expect(businessDaysBetween('2027-01-05', '2027-01-04')).toBe(0);
  });

  const dates = fc.integer({ min: 0, max: 20_000 }).map((n) => addDays('2000-01-01', n));

  it('matches counting day by day', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 60 }), (from, span) => {
        let expected = 0;
        for (let i = 1; i <= span; i++) if (![0, 6].includes(weekdayOf(addDays(from, i)))) expected++;
        expect(businessDaysBetween(from, addDays(from, span))).toBe(expected);
      }),
    );
  });

  it('adds up over a split, and a full week is always 5', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (a, x, y) => {
        const b = addDays(a, x);
        const c = addDays(b, y);
        expect(businessDaysBetween(a, b) + businessDaysBetween(b, c)).toBe(businessDaysBetween(a, c));
        expect(businessDaysBetween(a, addDays(a, 7))).toBe(5);
      }),
    );
  });
});
