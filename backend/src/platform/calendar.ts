// Calendar dates as the business reads them ('YYYY-MM-DD', no time, no zone): parsing, adding days
// and months, counting days. The one place every module does date arithmetic on business dates.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAY_MS = 86_400_000;

export const isLeapYear = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

/** [year, month, day] of a valid 'YYYY-MM-DD'; a RangeError otherwise (2027-02-30 included). */
export function parseDate(date: string): [number, number, number] {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) throw new RangeError(`Not a date (YYYY-MM-DD): ${date}`);
  return [y, m, d];
}

/** Midnight UTC of a calendar day; setUTCFullYear, unlike Date.UTC, does not read years 0–99 as 1900–1999. */
function utcMs(y: number, m: number, d: number): number {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getTime();
}

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

function fromMs(ms: number): string {
  const day = new Date(ms);
  return iso(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
}

/** `days` calendar days after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be a whole number: ${days}`);
  const [y, m, d] = parseDate(date);
  return fromMs(utcMs(y, m, d) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parseDate(from);
  const [y2, m2, d2] = parseDate(to);
  return Math.round((utcMs(y2, m2, d2) - utcMs(y1, m1, d1)) / DAY_MS);
}

/**
 * `months` calendar months after `date`, clamped to the last day of the target month:
 * 2027-01-31 + 1 → 2027-02-28; 2028-01-31 + 1 → 2028-02-29; 2028-02-29 + 12 → 2029-02-28.
 * (Date.UTC would overflow instead: 31 January + 1 month = 3 March.)
 */
export function addMonthsClamped(date: string, months: number): string {
  if (!Number.isInteger(months)) throw new RangeError(`Months must be a whole number: ${months}`);
  const [y, m, d] = parseDate(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return iso(year, month, Math.min(d, daysInMonth(year, month)));
}

/** Day of the week of a date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  const [y, m, d] = parseDate(date);
  return new Date(utcMs(y, m, d)).getUTCDay();
}

/**
 * Business days from `from` to `to`: the weekdays (Monday to Friday) after `from` up to and including
 * `to` — a decision the day of the submission took 0, the next weekday 1; a weekend adds none. 0 when
 * `to` is not after `from`. (No public holidays: a simple calendar, the same everywhere.)
 */
export function businessDaysBetween(from: string, to: string): number {
  const days = daysBetween(from, to);
  if (days <= 0) return 0;
  const weeks = Math.floor(days / 7);
  let count = weeks * 5;
  const start = weekdayOf(from);
  for (let i = 1; i <= days % 7; i++) {
    const wd = (start + i) % 7;
    if (wd !== 0 && wd !== 6) count++;
  }
  return count;
}
