// The console's side of a report schedule's timing: the three patterns people ask for (daily,
// weekly on a day, monthly on a date) as the five-field cron expression the API takes, and any cron
// expression back in words. The API checks the expression (at most hourly, a known zone) itself.
import type { ReportSchedulePeriod } from '@contracts/reports';

export type Frequency = 'daily' | 'weekly' | 'monthly';

export interface Timing {
  frequency: Frequency;
  /** 0 = Sunday … 6 = Saturday (weekly). */
  weekday: number;
  /** 1–28 (monthly): every month has it. */
  dayOfMonth: number;
  /** "HH:MM", 24-hour. */
  time: string;
}

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The cron expression of a timing; null when the time is not HH:MM. */
export function cronOf({ frequency, weekday, dayOfMonth, time }: Timing): string | null {
  const match = TIME.exec(time);
  if (!match) return null;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  if (frequency === 'weekly') return `${minute} ${hour} * * ${weekday}`;
  if (frequency === 'monthly') return `${minute} ${hour} ${dayOfMonth} * *`;
  return `${minute} ${hour} * * *`;
}

const ordinal = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;

/** "Every Monday at 08:00", "Daily at 06:30", "Monthly on the 1st at 07:00"; other expressions as they are. */
export function describeCron(cron: string): string {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5 || !fields.slice(0, 2).every((f) => /^\d{1,2}$/.test(f))) return `Cron ${cron}`;
  const [minute, hour, day, month, weekday] = fields as [string, string, string, string, string];
  const at = `at ${hour.padStart(2, '0')}:${minute.padStart(2, '0')}`;
  if (month !== '*') return `Cron ${cron}`;
  if (day === '*' && weekday === '*') return `Daily ${at}`;
  if (day === '*' && /^[0-6]$/.test(weekday)) return `Every ${WEEKDAYS[Number(weekday)]} ${at}`;
  if (day === '*' && weekday === '1-5') return `Every weekday ${at}`;
  if (/^\d{1,2}$/.test(day) && weekday === '*') return `Monthly on the ${ordinal(Number(day))} ${at}`;
  return `Cron ${cron}`;
}

/** The browser's own time zone (the schedule's default), else UTC. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Every zone the browser knows, for the picker (the API checks the one chosen). */
export function timeZones(): string[] {
  const supported = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return supported.includes('UTC') ? supported : ['UTC', ...supported];
}

/** What a schedule's period fills the report's dates with, in words. */
export const PERIOD_LABELS: Record<ReportSchedulePeriod, string> = {
  'previous-day': 'The day before each run',
  'previous-week': 'The week before each run (Monday to Sunday)',
  'previous-month': 'The month before each run',
};

/** The period that goes with a frequency: a weekly report covers the week before, and so on. */
export function periodOf(frequency: Frequency): ReportSchedulePeriod {
  return frequency === 'daily' ? 'previous-day' : frequency === 'weekly' ? 'previous-week' : 'previous-month';
}
