// When a scheduled report runs (pure): a five-field cron expression (minute hour day-of-month month
// day-of-week, read by cron-parser) on the wall clock of an IANA time zone. At most one run an hour:
// the minute field must be one number, so "*/5 * * * *" is refused, not a flood of exports. On the
// night the clocks go back a daily run's time that happens twice runs at the first; on the night they
// go forward one that does not exist (02:30) runs an hour later (03:30).
import parser from 'cron-parser';
import type { FieldError } from '../../contracts/common';

export interface ScheduleTiming {
  cron: string;
  timeZone: string;
}

/** Whether the runtime knows the zone (Intl throws a RangeError for an unknown one). */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The field errors of a timing (empty when it can be scheduled). */
export function timingErrors({ cron, timeZone }: ScheduleTiming): FieldError[] {
  const errors: FieldError[] = [];
  const zoneKnown = isTimeZone(timeZone);
  if (!zoneKnown) errors.push({ path: 'timeZone', message: 'Unknown time zone: use an IANA name such as Europe/London' });
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) errors.push({ path: 'cron', message: 'Use five fields: minute hour day-of-month month day-of-week' });
  else if (!/^([0-5]?\d)$/.test(fields[0]!)) errors.push({ path: 'cron', message: 'At most one run an hour: the minute must be one number from 0 to 59' });
  else {
    try {
      parser.parseExpression(cron, { tz: zoneKnown ? timeZone : 'UTC', currentDate: new Date(0) }).next();
    } catch (err) {
      errors.push({ path: 'cron', message: `Not a cron expression: ${(err as Error).message}` });
    }
  }
  return errors;
}

/** The first run strictly after `after`. */
export function nextRunAfter({ cron, timeZone }: ScheduleTiming, after: Date): Date {
  return parser.parseExpression(cron, { tz: timeZone, currentDate: after }).next().toDate();
}

/** The rolling periods a schedule can fill a report's date range with, at each run. */
export type SchedulePeriod = 'previous-day' | 'previous-week' | 'previous-month';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The dates (inclusive) of the period before the run's own day on the time zone's calendar: the day
 * before, the Monday-to-Sunday week before the run's week, or the calendar month before its month.
 */
export function periodDates(period: SchedulePeriod, runAt: Date, timeZone: string): { from: string; to: string } {
  // en-CA writes a date as YYYY-MM-DD: the run's calendar day where the schedule keeps its clock.
  const local = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(runAt);
  const [y, m, d] = local.split('-').map(Number) as [number, number, number];
  const day = (offset: number) => new Date(Date.UTC(y, m - 1, d + offset));
  switch (period) {
    case 'previous-day':
      return { from: isoDay(day(-1)), to: isoDay(day(-1)) };
    case 'previous-week': {
      const sinceMonday = (day(0).getUTCDay() + 6) % 7;
      return { from: isoDay(day(-sinceMonday - 7)), to: isoDay(day(-sinceMonday - 1)) };
    }
    case 'previous-month':
      return { from: isoDay(new Date(Date.UTC(y, m - 2, 1))), to: isoDay(new Date(Date.UTC(y, m - 1, 0))) };
  }
}
