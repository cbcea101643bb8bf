// When a scheduled report runs: five cron fields on a time zone's wall clock, at most hourly, and each
// wall-clock time once across daylight-saving changes.
import fc from 'fast-check';
import { nextRunAfter, periodDates, timingErrors } from '../schedule-cron';

const at = (iso: string) => new Date(iso);

describe('timingErrors', () => {
  it('accepts five fields with one minute in a known zone', () => {
    expect(timingErrors({ cron: '0 8 * * 1', timeZone: 'Europe/London' })).toEqual([]);
    expect(timingErrors({ cron: '30 6 1 * *', timeZone: 'America/New_York' })).toEqual([]);
  });

  it('refuses more than one run an hour, a wrong field count, nonsense and an unknown zone — each by its field', () => {
    expect(timingErrors({ cron: '*/5 * * * *', timeZone: 'UTC' })).toEqual([{ path: 'cron', message: expect.stringMatching(/one run an hour/) }]);
    expect(timingErrors({ cron: '0,30 * * * *', timeZone: 'UTC' })).toEqual([{ path: 'cron', message: expect.stringMatching(/one run an hour/) }]);
    expect(timingErrors({ cron: '0 0 8 * * 1', timeZone: 'UTC' })).toEqual([{ path: 'cron', message: expect.stringMatching(/five fields/) }]);
    expect(timingErrors({ cron: '0 25 * * *', timeZone: 'UTC' })).toEqual([{ path: 'cron', message: expect.stringMatching(/Not a cron expression/) }]);
    expect(timingErrors({ cron: '0 8 * * 1', timeZone: 'Mars/Olympus' })).toEqual([{ path: 'timeZone', message: expect.stringMatching(/Unknown time zone/) }]);
    expect(timingErrors({ cron: '0 8 * * 1', timeZone: "UTC'; DROP TABLE users" })).toHaveLength(1);
  });
});

describe('nextRunAfter', () => {
  it('runs on the zone’s wall clock: Mondays 08:00 in London is 07:00 UTC in summer and 08:00 in winter', () => {
    const weekly = { cron: '0 8 * * 1', timeZone: 'Europe/London' };
    expect(nextRunAfter(weekly, at('2027-07-01T12:00:00Z'))).toEqual(at('2027-07-05T07:00:00Z'));
    expect(nextRunAfter(weekly, at('2027-12-01T12:00:00Z'))).toEqual(at('2027-12-06T08:00:00Z'));
    // Strictly after: asked at the run's own instant, the next week.
    expect(nextRunAfter(weekly, at('2027-07-05T07:00:00Z'))).toEqual(at('2027-07-12T07:00:00Z'));
  });

  it('a daily run on the nights the clocks change: once on the fall-back night, after the gap on the spring-forward one', () => {
    const newYork = (cron: string, from: string, n: number) => {
      const runs: string[] = [];
      let t = at(from);
      for (let i = 0; i < n; i++) runs.push((t = nextRunAfter({ cron, timeZone: 'America/New_York' }, t)).toISOString());
      return runs;
    };
    // 7 Nov 2027: 01:30 happens twice (EDT, then EST); the report runs at the first.
    expect(newYork('30 1 * * *', '2027-11-06T12:00:00Z', 2)).toEqual(['2027-11-07T05:30:00.000Z', '2027-11-08T06:30:00.000Z']);
    // 14 Mar 2027: 02:30 does not exist; the report runs at 03:30 EDT, then 02:30 again.
    expect(newYork('30 2 * * *', '2027-03-13T12:00:00Z', 2)).toEqual(['2027-03-14T07:30:00.000Z', '2027-03-15T06:30:00.000Z']);
  });

  it('a daily schedule in any zone runs once on each local day, 23 to 25 hours apart (property)', () => {
    const zones = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'UTC'];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.date({ min: at('2027-01-01T00:00:00Z'), max: at('2027-12-31T00:00:00Z'), noInvalidDate: true }),
        (timeZone, hour, minute, start) => {
          const timing = { cron: `${minute} ${hour} * * *`, timeZone };
          const days = new Set<string>();
          let t = start;
          for (let i = 0; i < 8; i++) {
            const next = nextRunAfter(timing, t);
            expect(next.getTime()).toBeGreaterThan(t.getTime());
            if (i > 0) {
              expect(next.getTime() - t.getTime()).toBeGreaterThanOrEqual(23 * 3_600_000);
              expect(next.getTime() - t.getTime()).toBeLessThanOrEqual(25 * 3_600_000);
            }
            const day = next.toLocaleDateString('en-CA', { timeZone });
            expect(days.has(day)).toBe(false);
            days.add(day);
            t = next;
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('periodDates', () => {
  it('is the day, the Monday-to-Sunday week or the month before the run, on the schedule’s calendar', () => {
    // Monday 1 Feb 2027 00:30 in Sydney is still Sunday 31 Jan in UTC: the calendar is Sydney's.
    const run = at('2027-01-31T13:30:00Z');
    expect(periodDates('previous-day', run, 'Australia/Sydney')).toEqual({ from: '2027-01-31', to: '2027-01-31' });
    expect(periodDates('previous-day', run, 'UTC')).toEqual({ from: '2027-01-30', to: '2027-01-30' });
    expect(periodDates('previous-week', run, 'Australia/Sydney')).toEqual({ from: '2027-01-25', to: '2027-01-31' });
    expect(periodDates('previous-week', run, 'UTC')).toEqual({ from: '2027-01-18', to: '2027-01-24' });
    expect(periodDates('previous-month', run, 'Australia/Sydney')).toEqual({ from: '2027-01-01', to: '2027-01-31' });
    expect(periodDates('previous-month', run, 'UTC')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    // A leap February; January from the 1st of March.
    expect(periodDates('previous-month', at('2028-03-01T09:00:00Z'), 'Europe/London')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('always ends the day before the run’s own day and is a whole day, week or month (property)', () => {
    const zones = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Kiritimati', 'UTC'];
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.date({ min: at('1990-01-01T00:00:00Z'), max: at('2090-12-31T00:00:00Z'), noInvalidDate: true }), (timeZone, run) => {
        const today = day(run.toLocaleDateString('en-CA', { timeZone }));
        const d = periodDates('previous-day', run, timeZone);
        expect([day(d.from), day(d.to)]).toEqual([today - 1, today - 1]);
        const w = periodDates('previous-week', run, timeZone);
        expect(day(w.to) - day(w.from)).toBe(6);
        expect(new Date(`${w.from}T00:00:00Z`).getUTCDay()).toBe(1); // a Monday
        expect(today - day(w.to)).toBeGreaterThanOrEqual(1);
        expect(today - day(w.to)).toBeLessThanOrEqual(7);
        const m = periodDates('previous-month', run, timeZone);
        expect(m.from.endsWith('-01')).toBe(true);
        expect(day(m.to) + 1).toBe(day(`${run.toLocaleDateString('en-CA', { timeZone }).slice(0, 7)}-01`));
      }),
      { numRuns: 200 },
    );
  });
});
