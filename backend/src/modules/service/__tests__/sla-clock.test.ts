import fc from 'fast-check';
import { BusinessTime, officeHours, type BusinessCalendar } from '../../../platform/business-time';
import { assertApplies, clockState, ClockEventRejected, type ClockEvent } from '../sla-clock';

const berlin: BusinessCalendar = { ...officeHours('Europe/Berlin'), holidays: [{ date: '2027-03-29', name: 'Easter Monday' }] };
const calendars = [new BusinessTime(berlin), new BusinessTime(officeHours('America/New_York'))];
const at = (iso: string) => new Date(iso);
const MIN = 60_000;

/** A valid log: a start, then pauses and resumes separated by random gaps (whole minutes). */
const log = fc
  .record({
    start: fc.integer({ min: Date.UTC(2027, 0, 1) / MIN, max: Date.UTC(2028, 0, 1) / MIN }).map((m) => new Date(m * MIN)),
    target: fc.integer({ min: 0, max: 60 * 40 }),
    gaps: fc.array(fc.integer({ min: 0, max: 60 * 24 * 4 }), { maxLength: 8 }),
  })
  .map(({ start, target, gaps }) => {
    const events: ClockEvent[] = [{ type: 'start', at: start, targetMinutes: target }];
    let t = start.getTime();
    gaps.forEach((gap, i) => {
      t += gap * MIN;
      events.push({ type: i % 2 === 0 ? 'pause' : 'resume', at: new Date(t) });
    });
    return { events, end: new Date(t) };
  });
const calendar = fc.constantFrom(...calendars);
const later = fc.integer({ min: 0, max: 60 * 24 * 10 }).map((m) => m * MIN);

describe('SLA clocks', () => {
  it('restarts a fulfilled clock from zero (a next response per round), keeping its warning and breach recorded', () => {
    const bt = calendars[0]!;
    // Monday 2027-03-01, 09:00 CET = 08:00Z; a 60-minute target.
    const events: ClockEvent[] = [
      { type: 'start', at: at('2027-03-01T08:00:00Z'), targetMinutes: 60 },
      { type: 'warning', at: at('2027-03-01T08:45:00Z') },
      { type: 'breach', at: at('2027-03-01T09:01:00Z') },
      { type: 'fulfil', at: at('2027-03-01T09:30:00Z') },
    ];
    expect(() => assertApplies(events, { type: 'restart', at: at('2027-03-01T10:00:00Z') })).not.toThrow();
    expect(() => assertApplies(events.slice(0, 3), { type: 'restart', at: at('2027-03-01T10:00:00Z') })).toThrow(ClockEventRejected);
    events.push({ type: 'restart', at: at('2027-03-01T10:00:00Z') });
    const state = clockState(events, bt, at('2027-03-01T10:20:00Z'));
    expect(state).toMatchObject({ status: 'running', usedMs: 20 * MIN, remainingMs: 40 * MIN, breached: false, warningRecorded: true, breachRecorded: true });
    expect(state.dueAt).toEqual(at('2027-03-01T11:00:00Z'));
    expect(state.startedAt).toEqual(at('2027-03-01T10:00:00Z'));
  });

  it('counts business time while running, stops on pause, and says when the target falls due', () => {
    const bt = calendars[0]!;
    // Friday 2027-03-26 16:00 CET, 4 business hours: 1 h on Friday; Monday is Easter Monday; due Tuesday 12:00.
    const events: ClockEvent[] = [{ type: 'start', at: at('2027-03-26T15:00:00Z'), targetMinutes: 240 }];
    const running = clockState(events, bt, at('2027-03-26T15:30:00Z'));
    expect(running).toMatchObject({ status: 'running', usedMs: 30 * MIN, remainingMs: 210 * MIN, breached: false });
    expect(running.dueAt).toEqual(at('2027-03-30T10:00:00Z'));
    // Paused at 16:30 local until Tuesday 10:00 (CEST): the due time moves by the business time paused.
    events.push({ type: 'pause', at: at('2027-03-26T15:30:00Z') }, { type: 'resume', at: at('2027-03-30T08:00:00Z') });
    const resumed = clockState(events, bt, at('2027-03-30T08:00:00Z'));
    expect(resumed).toMatchObject({ status: 'running', usedMs: 30 * MIN });
    expect(resumed.dueAt).toEqual(at('2027-03-30T11:30:00Z'));
    // Past the target: breached, and the due time is when it was passed.
    const late = clockState(events, bt, at('2027-03-30T14:00:00Z'));
    expect(late).toMatchObject({ breached: true, remainingMs: -150 * MIN, dueAt: at('2027-03-30T11:30:00Z') });
  });

  it('refuses events that do not apply: a pause of a paused or fulfilled clock, going back in time', () => {
    const start: ClockEvent = { type: 'start', at: at('2027-01-04T09:00:00Z'), targetMinutes: 60 };
    const paused = [start, { type: 'pause' as const, at: at('2027-01-04T10:00:00Z') }];
    expect(() => assertApplies(paused, { type: 'pause', at: at('2027-01-04T11:00:00Z') })).toThrow(ClockEventRejected);
    expect(() => assertApplies([start, { type: 'fulfil', at: at('2027-01-04T10:00:00Z') }], { type: 'pause', at: at('2027-01-04T11:00:00Z') })).toThrow(ClockEventRejected);
    expect(() => assertApplies(paused, { type: 'resume', at: at('2027-01-04T09:30:00Z') })).toThrow(RangeError);
    expect(() => assertApplies([], { type: 'pause', at: at('2027-01-04T09:30:00Z') })).toThrow(ClockEventRejected);
    expect(() => assertApplies(paused, { type: 'resume', at: at('2027-01-04T12:00:00Z') })).not.toThrow();
  });

  it('pausing stops time: a paused clock uses no more however long it waits', () => {
    fc.assert(
      fc.property(calendar, log, later, (bt, { events, end }, wait) => {
        const paused = events[events.length - 1]!.type === 'pause' ? events : [...events, { type: 'pause' as const, at: end }];
        expect(clockState(paused, bt, new Date(end.getTime() + wait)).usedMs).toBe(clockState(paused, bt, end).usedMs);
      }),
    );
  });

  it('changing the target keeps the business time used', () => {
    fc.assert(
      fc.property(calendar, log, later, fc.option(fc.integer({ min: 0, max: 60 * 80 }), { nil: null }), (bt, { events, end }, wait, target) => {
        const now = new Date(end.getTime() + wait);
        const changed = [...events, { type: 'policy_change' as const, at: end, targetMinutes: target }];
        const before = clockState(events, bt, now);
        const after = clockState(changed, bt, now);
        expect(after.usedMs).toBe(before.usedMs);
        expect(after.status).toBe(before.status);
        expect(after.targetMs).toBe(target === null ? null : target * MIN);
        if (target === null) expect(after.dueAt).toBeNull();
      }),
    );
  });

  it('uses no more than the business time since the start, and a running clock falls due when the rest is used', () => {
    fc.assert(
      fc.property(calendar, log, later, (bt, { events, end }, wait) => {
        const now = new Date(end.getTime() + wait);
        const state = clockState(events, bt, now);
        expect(state.usedMs).toBeLessThanOrEqual(bt.msBetween(events[0]!.at, now));
        if (state.status === 'running' && !state.breached) expect(state.usedMs + bt.msBetween(now, state.dueAt!)).toBe(state.targetMs);
        if (state.breached) expect(state.dueAt!.getTime()).toBeLessThanOrEqual(now.getTime());
      }),
    );
  });
});
