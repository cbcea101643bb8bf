import fc from 'fast-check';
import { localDate, zonedInstant, zoneOffsetMs } from '../../../platform/business-time';
import { outsideQuietHours, QUIET_END, QUIET_START } from '../quiet-hours';

const ZONE = 'America/New_York';
const wallMinutes = (d: Date) => {
  const ms = d.getTime();
  return Math.round((ms + zoneOffsetMs(ms, ZONE) - Date.parse(`${localDate(ms, ZONE)}T00:00:00Z`)) / 60_000);
};
const at = (day: string, hour: number, minute = 0) => new Date(zonedInstant(day, hour * 60 + minute, ZONE));

describe('quiet hours', () => {
  it('lets a daytime text go at once and holds a night one until 08:00', () => {
    expect(outsideQuietHours(at('2027-03-02', 8), ZONE)).toEqual(at('2027-03-02', 8));
    expect(outsideQuietHours(at('2027-03-02', 20, 59), ZONE)).toEqual(at('2027-03-02', 20, 59));
    expect(outsideQuietHours(at('2027-03-02', 21), ZONE)).toEqual(at('2027-03-03', 8));
    expect(outsideQuietHours(at('2027-03-02', 23, 45), ZONE)).toEqual(at('2027-03-03', 8));
    expect(outsideQuietHours(at('2027-03-03', 3), ZONE)).toEqual(at('2027-03-03', 8));
  });

  it('keeps 08:00 local across the daylight-saving changes', () => {
    // The night of 13–14 March 2027 loses an hour; that of 6–7 November gains one.
    expect(outsideQuietHours(at('2027-03-13', 22), ZONE).toISOString()).toBe('2027-03-14T12:00:00.000Z');
    expect(outsideQuietHours(at('2027-11-06', 22), ZONE).toISOString()).toBe('2027-11-07T13:00:00.000Z');
  });

  it('never sends in the night, never holds a text past the next 08:00, and leaves daytime alone', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1) / 60_000, max: Date.UTC(2029, 0, 1) / 60_000 }), (minute) => {
        const due = new Date(minute * 60_000);
        const sent = outsideQuietHours(due, ZONE);
        const wall = wallMinutes(sent);
        expect(sent.getTime()).toBeGreaterThanOrEqual(due.getTime());
        expect(wall >= QUIET_END && wall < QUIET_START).toBe(true);
        expect(sent.getTime() - due.getTime()).toBeLessThanOrEqual(12 * 3_600_000);
        const dueWall = wallMinutes(due);
        if (dueWall >= QUIET_END && dueWall < QUIET_START) expect(sent).toEqual(due);
      }),
    );
  });
});
