// Quiet hours (pure): no text message reaches a customer at night. An SMS due between QUIET_START and
// QUIET_END on the wall clock of the business time zone waits until QUIET_END that morning (or the
// next morning, when due in the evening). Email is not held: it waits in the inbox by itself.
import { addDays } from '../../platform/calendar';
import { localDate, zonedInstant, zoneOffsetMs } from '../../platform/business-time';

/** 21:00 and 08:00, minutes after local midnight. */
export const QUIET_START = 21 * 60;
export const QUIET_END = 8 * 60;

/** When an SMS due at `at` may be sent: `at` itself outside quiet hours, else the end of them. */
export function outsideQuietHours(at: Date, timeZone: string): Date {
  const ms = at.getTime();
  const day = localDate(ms, timeZone);
  const minutes = Math.floor((ms + zoneOffsetMs(ms, timeZone) - Date.parse(`${day}T00:00:00Z`)) / 60_000);
  if (minutes >= QUIET_END && minutes < QUIET_START) return at;
  return new Date(zonedInstant(minutes < QUIET_END ? day : addDays(day, 1), QUIET_END, timeZone));
}
