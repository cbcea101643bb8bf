// Renewals, the pure part: which products renew, when the job prepares a renewal, the new age and
// term, the change in percent and the automatic-renewal threshold.
import fc from 'fast-check';
import { addDays } from '../../../platform/calendar';
import { ratio } from '../renewals.service';
import { ageAtRenewal, autoRenews, changePercent, newTermEnd, noticeStage, renewalBlock, renewalDateOf, renewalSettingsOf } from '../renewal-terms';

describe('which products renew', () => {
  it('one-year categories renew by default (offered, not automatic); life only when its version says so; a trip never', () => {
    for (const category of ['health', 'auto', 'home', 'personal_accident']) expect(renewalSettingsOf(category, {})).toEqual({ renewable: true, autoRenew: false });
    expect(renewalSettingsOf('life', {})).toEqual({ renewable: false, autoRenew: false });
    expect(renewalSettingsOf('life', { renewal: { renewable: true, autoRenew: false } })).toEqual({ renewable: true, autoRenew: false });
    expect(renewalSettingsOf('health', { renewal: { renewable: true, autoRenew: true } })).toEqual({ renewable: true, autoRenew: true });
    expect(renewalSettingsOf('home', { renewal: { renewable: false, autoRenew: true } })).toEqual({ renewable: false, autoRenew: false });
    expect(renewalSettingsOf('travel', { renewal: { renewable: true, autoRenew: true } })).toEqual({ renewable: false, autoRenew: false });
    expect(renewalSettingsOf('health', { trip: { maxDays: 30 }, renewal: { renewable: true, autoRenew: true } })).toEqual({ renewable: false, autoRenew: false });
  });

  it('only an active policy with a term and a renewable version is offered', () => {
    const yes = { renewable: true, autoRenew: false };
    expect(renewalBlock({ status: 'active', trip: null }, yes)).toBeNull();
    for (const status of ['lapsed', 'cancelled', 'expired', 'surrendered', 'grace']) expect(renewalBlock({ status, trip: null }, yes)).toBe('not_active');
    expect(renewalBlock({ status: 'active', trip: { departureDate: '2027-01-01' } }, yes)).toBe('trip');
    expect(renewalBlock({ status: 'active', trip: null }, { renewable: false, autoRenew: false })).toBe('not_renewable');
  });
});

describe('when the job prepares a renewal', () => {
  it('60 days before the renewal date, or 30 or 7 when it missed the earlier ones; never earlier, never after', () => {
    const renewal = '2027-06-01';
    expect(noticeStage(addDays(renewal, -61), renewal)).toBeNull();
    expect(noticeStage(addDays(renewal, -60), renewal)).toBe(60);
    expect(noticeStage(addDays(renewal, -31), renewal)).toBe(60);
    expect(noticeStage(addDays(renewal, -30), renewal)).toBe(30);
    expect(noticeStage(addDays(renewal, -8), renewal)).toBe(30);
    expect(noticeStage(addDays(renewal, -7), renewal)).toBe(7);
    expect(noticeStage(addDays(renewal, -1), renewal)).toBe(7);
    expect(noticeStage(renewal, renewal)).toBe(7);
    expect(noticeStage(addDays(renewal, 1), renewal)).toBeNull();
  });

  it('is prepared on every day of the window (a gap of days is caught up), at a notice no longer than the days left', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), (daysLeft) => {
        const stage = noticeStage(addDays('2028-02-29', -daysLeft), '2028-02-29');
        expect(stage).not.toBeNull();
        expect(stage!).toBeGreaterThanOrEqual(daysLeft);
        expect([60, 30, 7]).toContain(stage);
      }),
    );
  });
});

describe('the new term', () => {
  it('starts the day after the end date and runs for the term again; the insured is older by the whole years since the start', () => {
    expect(renewalDateOf('2027-12-31')).toBe('2028-01-01');
    expect(newTermEnd('2028-01-01', 1)).toBe('2028-12-31');
    expect(newTermEnd('2047-03-01', 20)).toBe('2067-02-28');
    expect(ageAtRenewal(39, '2027-01-11', '2028-01-11')).toBe(40);
    expect(ageAtRenewal(39, '2027-01-11', '2047-01-11')).toBe(59);
    expect(ageAtRenewal(30, '2028-02-29', '2029-03-01')).toBe(31);
  });
});

describe('the change and the automatic renewal', () => {
  it('says the change in percent to one decimal, half away from zero, exactly', () => {
    expect(changePercent(100_00, 110_00)).toBe('10.0');
    expect(changePercent(100_00, 107_45)).toBe('7.5');
    expect(changePercent(100_00, 107_44)).toBe('7.4');
    expect(changePercent(100_00, 96_76)).toBe('-3.2');
    expect(changePercent(100_00, 100_00)).toBe('0.0');
    expect(changePercent(100_00, 99_99)).toBe('0.0');
    expect(changePercent(3, 4)).toBe('33.3');
  });

  it('renews by itself only when the version allows it and the rise is strictly below the limit', () => {
    const auto = { renewable: true, autoRenew: true };
    expect(autoRenews(auto, 100_00, 109_99, 10)).toBe(true);
    expect(autoRenews(auto, 100_00, 110_00, 10)).toBe(false);
    expect(autoRenews(auto, 100_00, 80_00, 10)).toBe(true);
    expect(autoRenews(auto, 100_00, 100_00, 0)).toBe(false);
    expect(autoRenews(auto, 100_00, 99_00, 0)).toBe(true);
    expect(autoRenews({ renewable: true, autoRenew: false }, 100_00, 100_00, 10)).toBe(false);
    expect(autoRenews(auto, 200_00, 205_00, 2.5)).toBe(false);
    expect(autoRenews(auto, 200_00, 204_99, 2.5)).toBe(true);
  });

  it('agrees with the rational comparison for any premiums and limits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000_000_00 }), fc.integer({ min: 0, max: 20_000_000_00 }), fc.integer({ min: 0, max: 10_000 }), (oldP, newP, limitCents) => {
        const limit = limitCents / 100;
        expect(autoRenews({ renewable: true, autoRenew: true }, oldP, newP, limit)).toBe((newP - oldP) * 10_000 < oldP * limitCents);
      }),
    );
  });

  it('the renewal rate is renewed ÷ due to four decimals', () => {
    expect(ratio(5, 6)).toBe('0.8333');
    expect(ratio(2, 3)).toBe('0.6667');
    expect(ratio(3, 3)).toBe('1.0000');
    expect(ratio(0, 4)).toBe('0.0000');
  });
});
