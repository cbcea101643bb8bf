import fc from 'fast-check';
import { addDays, daysBetween } from '../../../platform/calendar';
import { graceDays, gracePeriod, reinstatableUntil, reinstatementNeedsUnderwriting, reinstatementWindowDays } from '../standing';

describe('grace and lapse rules', () => {
  it('gives 30 days of grace, 31 for monthly premiums, unless the product version says otherwise', () => {
    expect(graceDays(undefined, 'annual')).toBe(30);
    expect(graceDays(undefined, 'monthly')).toBe(31);
    expect(graceDays({ graceDays: 45 }, 'monthly')).toBe(45);
  });

  it('ends grace the given days after the due date, lapses the day after, warns 7 days before', () => {
    expect(gracePeriod('2027-01-31', 30)).toEqual({ since: '2027-01-31', endsOn: '2027-03-02', lapsesOn: '2027-03-03', warnOn: '2027-02-23' });
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }), fc.integer({ min: 1, max: 90 }), (d, days) => {
        const due = d.toISOString().slice(0, 10);
        const p = gracePeriod(due, days);
        return daysBetween(due, p.endsOn) === days && daysBetween(p.endsOn, p.lapsesOn) === 1 && daysBetween(p.warnOn, p.endsOn) === 7;
      }),
    );
  });

  it('keeps a lapsed life policy reinstatable for 2 years and other lines for 30 days by default', () => {
    expect(reinstatementWindowDays(undefined, 'life')).toBe(730);
    expect(reinstatementWindowDays(undefined, 'auto')).toBe(30);
    expect(reinstatementWindowDays({ reinstatementWindowDays: 90 }, 'life')).toBe(90);
    expect(reinstatableUntil('2027-03-01', 30)).toBe('2027-03-31');
  });

  it('asks for underwriting once the lapse is more than 90 days old', () => {
    expect(reinstatementNeedsUnderwriting('2027-01-01', addDays('2027-01-01', 90))).toBe(false);
    expect(reinstatementNeedsUnderwriting('2027-01-01', addDays('2027-01-01', 91))).toBe(true);
  });
});
