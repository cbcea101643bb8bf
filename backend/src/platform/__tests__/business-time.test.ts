import fc from 'fast-check';
import { addDays } from '../calendar';
import { BusinessTime, calendarProblems, officeHours, zonedInstant, type BusinessCalendar } from '../business-time';

const at = (iso: string) => new Date(iso);

// Split days (a lunch break), a late Thursday, Saturday morning, a midnight-to-midnight Sunday
// interval, and holidays — in a zone with daylight saving.
const berlin: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  hours: {
    mon: [
      { from: '08:00', to: '12:00' },
      { from: '13:00', to: '17:30' },
    ],
    tue: [
      { from: '08:00', to: '12:00' },
      { from: '13:00', to: '17:30' },
    ],
    wed: [{ from: '09:00', to: '17:00' }],
    thu: [
      { from: '09:00', to: '12:00' },
      { from: '12:30', to: '20:00' },
    ],
    fri: [{ from: '09:00', to: '15:00' }],
    sat: [{ from: '10:00', to: '13:00' }],
    sun: [{ from: '00:00', to: '24:00' }],
  },
  holidays: [
    { date: '2027-12-24', name: 'Christmas Eve' },
    { date: '2027-12-25', name: 'Christmas Day' },
    { date: '2027-12-26', name: 'Boxing Day' },
    { date: '2027-01-01', name: "New Year's Day" },
  ],
};
// A night shift across the daylight-saving change (02:00–03:00 does not exist on 2027-03-28 in New York).
const newYork: BusinessCalendar = {
  timeZone: 'America/New_York',
  hours: { mon: [{ from: '09:00', to: '17:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [{ from: '01:00', to: '04:00' }] },
  holidays: [],
};
const calendars = [new BusinessTime(berlin), new BusinessTime(newYork), new BusinessTime(officeHours('Asia/Kolkata'))];

// Instants between 2026 and 2029 at whole seconds, and business durations up to ~three months.
const instant = fc.integer({ min: Date.UTC(2026, 0, 1) / 1000, max: Date.UTC(2029, 0, 1) / 1000 }).map((s) => new Date(s * 1000));
const minutes = fc.integer({ min: 0, max: 60 * 24 * 40 });
const calendar = fc.constantFrom(...calendars);

describe('business time', () => {
  it('adds business minutes across a lunch break, a closed evening and a weekend', () => {
    const bt = new BusinessTime(berlin);
    // Monday 2027-03-01 11:00 CET + 90 min: 60 before lunch, 30 after → 13:30.
    expect(bt.addMinutes(at('2027-03-01T10:00:00Z'), 90)).toEqual(at('2027-03-01T12:30:00Z'));
    // Friday 14:00 + 3 h: 1 h on Friday, 3 h on Saturday would be enough (Saturday 10:00–12:00 local).
    expect(bt.addMinutes(at('2027-03-05T13:00:00Z'), 180)).toEqual(at('2027-03-06T11:00:00Z'));
    // Exactly the rest of an interval lands on its close, not on the next opening.
    expect(bt.addMinutes(at('2027-03-05T13:00:00Z'), 60)).toEqual(at('2027-03-05T14:00:00Z'));
  });

  it('skips public holidays', () => {
    const bt = new BusinessTime(berlin);
    // Thursday 2027-12-23 19:00 CET + 2 h: 1 h on Thursday; Friday 24th, Saturday 25th and Sunday 26th are
    // holidays, so the second hour is Monday 27th 08:00–09:00.
    expect(bt.addMinutes(at('2027-12-23T18:00:00Z'), 120)).toEqual(at('2027-12-27T08:00:00Z'));
    expect(bt.minutesBetween(at('2027-12-23T18:00:00Z'), at('2027-12-27T08:00:00Z'))).toBe(120);
    expect(bt.intervalsOn('2027-12-25')).toEqual([]);
  });

  it('counts the real hours of a daylight-saving day', () => {
    const bt = new BusinessTime(berlin);
    // Sunday 2027-03-28 (Berlin springs forward at 02:00): open all day, 23 real hours.
    expect(bt.minutesBetween(at('2027-03-27T12:00:00Z'), at('2027-03-29T00:00:00Z'))).toBe(23 * 60 + 0);
    // Sunday 2027-10-31 (falls back at 03:00): 25 real hours.
    expect(bt.minutesBetween(at('2027-10-30T12:00:00Z'), at('2027-11-01T00:00:00Z'))).toBe(25 * 60);
    // New York's Sunday night shift 01:00–04:00 on 2027-03-14 loses the skipped hour: 2 hours.
    const ny = new BusinessTime(newYork);
    expect(ny.intervalsOn('2027-03-14')).toEqual([[Date.parse('2027-03-14T06:00:00Z'), Date.parse('2027-03-14T08:00:00Z')]]);
    // …and gains one on 2027-11-07 (01:00–02:00 happens twice): 4 hours.
    const [[s, e]] = ny.intervalsOn('2027-11-07') as [[number, number]];
    expect((e - s) / 3_600_000).toBe(4);
  });

  it('reads a skipped wall time as the instant after the gap, a repeated one as the first', () => {
    expect(new Date(zonedInstant('2027-03-28', 150, 'Europe/Berlin'))).toEqual(at('2027-03-28T01:30:00Z'));
    expect(new Date(zonedInstant('2027-10-31', 150, 'Europe/Berlin'))).toEqual(at('2027-10-31T00:30:00Z'));
  });

  it('refuses an unknown zone, overlapping intervals and a week without hours', () => {
    const closed = { ...officeHours('Mars/Olympus'), hours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } };
    expect(calendarProblems(closed).map((p) => p.path)).toEqual(['timeZone', 'hours']);
    const overlapping = {
      ...officeHours('UTC'),
      hours: {
        ...officeHours('UTC').hours,
        mon: [
          { from: '09:00', to: '12:00' },
          { from: '11:00', to: '13:00' },
        ],
      },
    };
    expect(calendarProblems(overlapping)).toEqual([{ path: 'hours.mon.1', message: 'Intervals of a day may not overlap' }]);
    expect(() => new BusinessTime(closed)).toThrow(RangeError);
  });

  it('adding then counting gives the minutes added', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, (bt, start, m) => {
        expect(bt.minutesBetween(start, bt.addMinutes(start, m))).toBe(m);
      }),
    );
  });

  it('adding then subtracting returns the start, for a start inside business hours', () => {
    fc.assert(
      fc.property(calendar, instant, minutes, (bt, start, m) => {
        fc.pre(bt.isOpen(start));
        expect(bt.addMinutes(bt.addMinutes(start, m), -m)).toEqual(start);
      }),
    );
  });

  it('is monotonic: more minutes never end earlier, a later start never ends earlier', () => {
    fc.assert(
      fc.property(calendar, instant, instant, minutes, minutes, (bt, a, b, m1, m2) => {
        const [s1, s2] = a <= b ? [a, b] : [b, a];
        const [lo, hi] = m1 <= m2 ? [m1, m2] : [m2, m1];
        expect(bt.addMinutes(s1, lo).getTime()).toBeLessThanOrEqual(bt.addMinutes(s1, hi).getTime());
        expect(bt.addMinutes(s1, lo).getTime()).toBeLessThanOrEqual(bt.addMinutes(s2, lo).getTime());
      }),
    );
  });

  it('counts additively and never into a holiday', () => {
    fc.assert(
      fc.property(calendar, instant, instant, instant, (bt, a, b, c) => {
        const [x, y, z] = [a, b, c].sort((p, q) => p.getTime() - q.getTime()) as [Date, Date, Date];
        expect(bt.msBetween(x, z)).toBe(bt.msBetween(x, y) + bt.msBetween(y, z));
        expect(bt.msBetween(x, z)).toBeLessThanOrEqual(z.getTime() - x.getTime());
      }),
    );
    const bt = new BusinessTime(berlin);
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 60 * 24 * 20 }), (start, m) => {
        const end = bt.addMinutes(start, m);
        // The instant business time runs out is inside an interval or at its close: never on a holiday's open hours.
        const justBefore = new Date(end.getTime() - 1);
        expect(bt.isOpen(justBefore)).toBe(true);
        expect(bt.isHoliday(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(justBefore))).toBe(false);
      }),
    );
  });
});

describe('closeOfBusinessDay', () => {
  // Office hours in New York with Christmas Day off.
  const office = new BusinessTime({ ...officeHours('America/New_York'), holidays: [{ date: '2026-12-25', name: 'Christmas Day' }] });
  const close = (date: string) => new Date(zonedInstant(date, 17 * 60, 'America/New_York'));

  it('closes the day itself when open, else the next business day (a weekend, a holiday)', () => {
    expect(office.closeOfBusinessDay('2026-12-23')).toEqual(close('2026-12-23'));
    expect(office.closeOfBusinessDay('2026-12-25')).toEqual(close('2026-12-28'));
    expect(office.closeOfBusinessDay('2026-12-26')).toEqual(close('2026-12-28'));
  });

  it('counts business days after the date, skipping weekends and holidays (the date itself never counts)', () => {
    // Wednesday 23 December: Thursday 24, (Christmas), Monday 28 … the 10th is Thursday 7 January.
    expect(office.closeOfBusinessDay('2026-12-23', 1)).toEqual(close('2026-12-24'));
    expect(office.closeOfBusinessDay('2026-12-23', 2)).toEqual(close('2026-12-28'));
    expect(office.closeOfBusinessDay('2026-12-23', 10)).toEqual(close('2027-01-07'));
    // From a Saturday: Monday is the first.
    expect(office.closeOfBusinessDay('2026-12-26', 1)).toEqual(close('2026-12-28'));
  });

  it('reads an instant’s local date in the calendar’s zone', () => {
    expect(office.dateOf(new Date('2026-12-24T03:00:00Z'))).toBe('2026-12-23');
  });
});

// The reference: business time as the sum of the overlaps with every opening interval of the local
// dates around the two instants (the definition, walked day by day on a fresh engine).
function walkedMs(calendar: BusinessCalendar, from: Date, to: Date): number {
  const bt = new BusinessTime(calendar);
  const [a, b] = [from.getTime(), to.getTime()];
  let total = 0;
  const last = addDays(bt.dateOf(to), 2);
  for (let date = addDays(bt.dateOf(from), -2); date <= last; date = addDays(date, 1))
    for (const [s, e] of bt.intervalsOn(date)) total += Math.max(0, Math.min(e, b) - Math.max(s, a));
  return total;
}

describe('business time on a reused engine (cumulative sums)', () => {
  // One engine per calendar for the whole property, asked about instants in any order: whatever it
  // has covered so far, every answer is the walked one.
  const engines = [berlin, newYork, officeHours('Asia/Kolkata')].map((c) => ({ calendar: c, bt: new BusinessTime(c) }));
  const engine = fc.constantFrom(...engines);

  it('counts what walking the days counts, and adds and subtracts to the earliest / latest such instant', () => {
    fc.assert(
      fc.property(engine, instant, instant, fc.integer({ min: 1, max: 60 * 24 * 40 }), ({ calendar: c, bt }, a, b, m) => {
        const [x, y] = a <= b ? [a, b] : [b, a];
        expect(bt.msBetween(x, y)).toBe(walkedMs(c, x, y));
        const ms = m * 60_000;
        const added = bt.addMs(x, ms);
        expect(walkedMs(c, x, added)).toBe(ms);
        expect(walkedMs(c, x, new Date(added.getTime() - 1))).toBe(ms - 1);
        const subtracted = bt.subtractMs(y, ms);
        expect(walkedMs(c, subtracted, y)).toBe(ms);
        expect(walkedMs(c, new Date(subtracted.getTime() + 1), y)).toBe(ms - 1);
      }),
      { numRuns: 100 },
    );
  });

  it('answers without time-zone formatting once the months asked about are covered (the SLA job counts 100,000+ clocks a minute)', () => {
    const bt = new BusinessTime(berlin);
    const now = at('2027-03-31T10:00:00Z');
    bt.msBetween(at('2027-02-01T00:00:00Z'), now);
    const formatting = jest.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    try {
      for (let day = 1; day <= 28; day++) {
        const start = new Date(Date.UTC(2027, 1, day, 9, 17));
        bt.msBetween(start, now);
        bt.addMinutes(start, 600);
        bt.addMinutes(now, -600);
      }
      expect(formatting).not.toHaveBeenCalled();
    } finally {
      formatting.mockRestore();
    }
  });

  it('still says when a calendar has no business time left within three years', () => {
    const once: BusinessCalendar = { timeZone: 'UTC', hours: { mon: [{ from: '09:00', to: '10:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] }, holidays: [] };
    const bt = new BusinessTime(once);
    expect(bt.addMinutes(at('2027-03-01T09:00:00Z'), 60 * 52)).toEqual(at('2028-02-21T10:00:00Z'));
    expect(() => bt.addMinutes(at('2027-03-01T09:00:00Z'), 60 * 200)).toThrow(RangeError);
    expect(() => bt.addMinutes(at('2027-03-01T09:00:00Z'), -60 * 200)).toThrow(RangeError);
  });
});
