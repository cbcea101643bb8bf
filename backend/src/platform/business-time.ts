// Business time: a business-hours calendar (IANA time zone, several opening intervals per weekday,
// public holidays) and the arithmetic on it — add business minutes to an instant, count business
// minutes between two instants. Pure (Intl only), so the service desk's SLA clocks, and later claims
// and orders, share one engine. Intervals are wall-clock times in the calendar's zone, so a business
// minute is a real (elapsed) minute inside an opening interval: on a daylight-saving day an interval
// that spans the change is an hour shorter or longer. A wall time that does not exist (the skipped
// hour) is read as the instant just after the gap; one that exists twice as the earlier one.
import { addDays, parseDate } from './calendar';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One opening interval of a day, wall-clock 'HH:MM' in the calendar's zone; `to` may be '24:00'. */
export interface OpeningInterval {
  from: string;
  to: string;
}

export interface Holiday {
  date: string;
  name: string;
}

export interface BusinessCalendar {
  timeZone: string;
  hours: Record<Weekday, OpeningInterval[]>;
  holidays: Holiday[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** How far the arithmetic looks for business time before it calls a calendar closed for good. */
const MAX_DAYS = 3 * 366;

const WALL_TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

/** Minutes after midnight of 'HH:MM' ('24:00' is 1440); a RangeError when not a wall time. */
export function minutesOfDay(time: string): number {
  if (!WALL_TIME.test(time)) throw new RangeError(`Not a time (HH:MM): ${time}`);
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** What is wrong with a calendar ([] when nothing): unknown zone, bad or overlapping intervals, bad holidays. */
export function calendarProblems(calendar: BusinessCalendar): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  if (!isTimeZone(calendar.timeZone)) problems.push({ path: 'timeZone', message: `Unknown time zone: ${calendar.timeZone}` });
  let open = 0;
  for (const day of WEEKDAYS) {
    const intervals = calendar.hours[day] ?? [];
    let previousEnd = -1;
    const sorted = intervals.map((i, index) => ({ i, index })).sort((a, b) => a.i.from.localeCompare(b.i.from));
    for (const { i, index } of sorted) {
      let from: number, to: number;
      try {
        from = minutesOfDay(i.from);
        to = minutesOfDay(i.to);
      } catch (err) {
        problems.push({ path: `hours.${day}.${index}`, message: (err as Error).message });
        continue;
      }
      if (from >= to) problems.push({ path: `hours.${day}.${index}`, message: 'An interval ends after it starts' });
      else if (from < previousEnd) problems.push({ path: `hours.${day}.${index}`, message: 'Intervals of a day may not overlap' });
      else open += to - from;
      previousEnd = Math.max(previousEnd, to);
    }
  }
  if (open === 0) problems.push({ path: 'hours', message: 'Open at least one interval in the week' });
  const seen = new Set<string>();
  calendar.holidays.forEach((h, index) => {
    try {
      parseDate(h.date);
    } catch {
      problems.push({ path: `holidays.${index}.date`, message: `Not a date (YYYY-MM-DD): ${h.date}` });
    }
    if (seen.has(h.date)) problems.push({ path: `holidays.${index}.date`, message: `${h.date} is listed twice` });
    seen.add(h.date);
  });
  return problems;
}

// --- Time zones through Intl: a formatter per zone (building one costs far more than using it).

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of `ms` in `timeZone`, as if it were UTC (ms), at whole seconds. */
function wallClockMs(ms: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatterOf(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const date = new Date(0);
  date.setUTCFullYear(parts.year!, parts.month! - 1, parts.day!);
  date.setUTCHours(parts.hour!, parts.minute!, parts.second!, 0);
  return date.getTime();
}

/** The zone's offset from UTC at the instant `ms` (wall clock − UTC), in ms. */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClockMs(whole, timeZone) - whole;
}

/** The calendar date ('YYYY-MM-DD') of the instant `ms` in `timeZone`. */
export function localDate(ms: number, timeZone: string): string {
  return new Date(wallClockMs(ms, timeZone)).toISOString().slice(0, 10);
}

/**
 * The instant of wall time `minutes` after midnight of `date` in `timeZone`. In the skipped hour of a
 * spring change, the instant just after the gap (as if the clock had not been changed yet); in the
 * repeated hour of an autumn change, the first of the two.
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): number {
  const [y, m, d] = parseDate(date);
  const wall = new Date(0);
  wall.setUTCFullYear(y, m - 1, d);
  const localMs = wall.getTime() + minutes * MINUTE;
  const before = zoneOffsetMs(localMs - 12 * HOUR, timeZone);
  const after = zoneOffsetMs(localMs + 12 * HOUR, timeZone);
  const valid = [...new Set([before, after])].map((o) => localMs - o).filter((t) => zoneOffsetMs(t, timeZone) + t === localMs);
  if (valid.length) return Math.min(...valid);
  return localMs - before;
}

function weekdayOf(date: string): Weekday {
  const [y, m, d] = parseDate(date);
  const day = new Date(0);
  day.setUTCFullYear(y, m - 1, d);
  return WEEKDAYS[(day.getUTCDay() + 6) % 7]!;
}

/** Days covered around the instants asked about, and at most (a clock older than that rebuilds). */
const SPAN_MARGIN_DAYS = 45;
const SPAN_MAX_DAYS = 4 * 366;
/** Instants closer than this to where the arithmetic starts are within MAX_DAYS local dates of it, whatever the zone. */
const SURELY_WITHIN_REACH = (MAX_DAYS - 4) * 24 * HOUR;

function dayCount(first: string, last: string): number {
  const [a, b] = [parseDate(first), parseDate(last)];
  return Math.round((Date.UTC(b[0], b[1] - 1, b[2]) - Date.UTC(a[0], a[1] - 1, a[2])) / (24 * HOUR)) + 1;
}

/** Opening intervals of the local dates firstDate…lastDate in order, and the business time before each. */
class Span {
  /** cumulative[k]: business ms from `from` to the opening of interval k; cumulative[n] the whole span's. */
  readonly cumulative: number[];
  readonly days: number;

  constructor(
    readonly firstDate: string,
    readonly lastDate: string,
    /** The first instant of firstDate and of the day after lastDate: the instants the sums answer for. */
    readonly from: number,
    readonly to: number,
    readonly starts: number[],
    readonly ends: number[],
  ) {
    this.cumulative = [0];
    for (let k = 0; k < starts.length; k++) this.cumulative.push(this.cumulative[k]! + ends[k]! - starts[k]!);
    this.days = dayCount(firstDate, lastDate);
  }

  /** Business ms from `from` to the instant `t` (from ≤ t ≤ to). */
  before(t: number): number {
    // The last interval opening at or before t.
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.starts[mid]! <= t) lo = mid + 1;
      else hi = mid;
    }
    const k = lo - 1;
    return k < 0 ? 0 : this.cumulative[k]! + Math.min(t, this.ends[k]!) - this.starts[k]!;
  }

  /** The first interval with at least `target` business ms before its close (the count when none). */
  firstClosingAtOrAfter(target: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid + 1]! >= target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The last interval with at most `target` business ms before its opening (0 ≤ target < the span's total). */
  lastOpeningAtOrBefore(target: number): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! <= target) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }
}

/**
 * A calendar ready for arithmetic: opening intervals per day as instants (cached), holidays as a
 * set. Build one per calendar and reuse it.
 */
export class BusinessTime {
  private readonly holidays: Set<string>;
  private readonly days = new Map<string, [number, number][]>();
  private readonly hours: Record<Weekday, [number, number][]>;

  constructor(readonly calendar: BusinessCalendar) {
    const problems = calendarProblems(calendar);
    if (problems.length) throw new RangeError(`Not a usable calendar: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
    this.holidays = new Set(calendar.holidays.map((h) => h.date));
    this.hours = Object.fromEntries(
      WEEKDAYS.map((day) => [day, calendar.hours[day].map((i): [number, number] => [minutesOfDay(i.from), minutesOfDay(i.to)]).sort((a, b) => a[0] - b[0])]),
    ) as Record<Weekday, [number, number][]>;
  }

  /** Whether `date` is a public holiday of the calendar. */
  isHoliday(date: string): boolean {
    return this.holidays.has(date);
  }

  /** The opening intervals of a local date as [start, end) instants (ms), in order; none on a holiday. */
  intervalsOn(date: string): [number, number][] {
    let intervals = this.days.get(date);
    if (intervals) return intervals;
    intervals = [];
    if (!this.holidays.has(date)) {
      const tz = this.calendar.timeZone;
      for (const [from, to] of this.hours[weekdayOf(date)]) {
        const start = zonedInstant(date, from, tz);
        const end = to === 1440 ? zonedInstant(addDays(date, 1), 0, tz) : zonedInstant(date, to, tz);
        // An interval inside a skipped hour has no time; one that starts in it starts after it.
        if (end > start) intervals.push([start, end]);
      }
    }
    if (this.days.size > 5000) this.days.clear();
    this.days.set(date, intervals);
    return intervals;
  }

  /** Whether the instant lies inside an opening interval. */
  isOpen(at: Date): boolean {
    const t = at.getTime();
    return this.intervalsOn(localDate(t, this.calendar.timeZone)).some(([s, e]) => t >= s && t < e);
  }

  /**
   * The earliest instant with `ms` of business time between `start` and it (`ms` ≥ 0); `start`
   * itself for 0. Landing exactly on the close of an interval gives the close, not the next opening.
   */
  addMs(start: Date, ms: number): Date {
    if (ms < 0) return this.subtractMs(start, -ms);
    if (ms === 0) return new Date(start.getTime());
    const t = start.getTime();
    const span = this.covering(t, t);
    const target = span.before(t) + ms;
    // Business time is looked for on the local dates up to three years ahead (the day walk's reach;
    // worked out only when an answer is that far).
    const limit = () => addDays(this.dateOf(start), MAX_DAYS - 2);
    const tooLate = (at: number) => at - t > SURELY_WITHIN_REACH && at >= zonedInstant(addDays(limit(), 1), 0, this.calendar.timeZone);
    // The first interval whose close has `target` before it; cover more days ahead until there is one.
    for (let s = span; ;) {
      const k = s.firstClosingAtOrAfter(target);
      if (k < s.starts.length) {
        if (tooLate(s.starts[k]!)) break;
        return new Date(s.ends[k]! - (s.cumulative[k + 1]! - target));
      }
      if (s.lastDate >= limit()) break;
      const further = addDays(s.lastDate, Math.max(64, s.days));
      s = this.extendedTo(s.firstDate, further < limit() ? further : limit());
    }
    throw new RangeError('The calendar has no business time in the next three years');
  }

  /**
   * The latest instant with `ms` of business time between it and `end` (`ms` ≥ 0): the inverse of
   * addMs for a start inside business hours.
   */
  subtractMs(end: Date, ms: number): Date {
    if (ms < 0) return this.addMs(end, -ms);
    if (ms === 0) return new Date(end.getTime());
    const t = end.getTime();
    let span = this.covering(t, t);
    // Business time is looked for on the local dates down to three years back (the day walk's reach;
    // worked out only when an answer is that far).
    const limit = () => addDays(this.dateOf(end), -(MAX_DAYS - 2));
    // Business time counted from the span's first day: cover more days behind until `ms` fit before `end`.
    while (span.before(t) < ms) {
      if (span.firstDate <= limit()) throw new RangeError('The calendar has no business time in the previous three years');
      const further = addDays(span.firstDate, -Math.max(64, span.days));
      span = this.extendedTo(further > limit() ? further : limit(), span.lastDate);
    }
    const target = span.before(t) - ms;
    // The last interval opening with at most `target` before it: the latest instant with that much before it.
    const k = span.lastOpeningAtOrBefore(target);
    if (t - span.ends[k]! > SURELY_WITHIN_REACH && span.ends[k]! <= zonedInstant(limit(), 0, this.calendar.timeZone))
      throw new RangeError('The calendar has no business time in the previous three years');
    return new Date(span.starts[k]! + (target - span.cumulative[k]!));
  }

  /** Business time (ms) between two instants; negative when `to` is before `from`. */
  msBetween(from: Date, to: Date): number {
    const a = from.getTime();
    const b = to.getTime();
    if (b < a) return -this.msBetween(to, from);
    if (a === b) return 0;
    const span = this.covering(a, b);
    return span.before(b) - span.before(a);
  }

  /**
   * The opening intervals of a run of local dates, flattened, with the business time before each:
   * business time between two instants the span covers is two binary searches — no time-zone
   * formatting and no walk over the days between (the SLA job counts 100,000+ clocks a minute, My
   * work hundreds a request). Grown to cover what is asked, kept within SPAN_MAX_DAYS.
   */
  private span: Span | undefined;

  private covering(a: number, b: number): Span {
    const span = this.span;
    if (span && a >= span.from && b <= span.to) return span;
    const tz = this.calendar.timeZone;
    // A margin either side, so the instants of the next calls (a clock's start, now) fall inside.
    let first = addDays(localDate(a, tz), -SPAN_MARGIN_DAYS);
    let last = addDays(localDate(b, tz), SPAN_MARGIN_DAYS);
    if (span) {
      const [f, l] = [first < span.firstDate ? first : span.firstDate, last > span.lastDate ? last : span.lastDate];
      if (dayCount(f, l) <= SPAN_MAX_DAYS) [first, last] = [f, l];
    }
    return this.extendedTo(first, last);
  }

  private extendedTo(firstDate: string, lastDate: string): Span {
    const starts: number[] = [];
    const ends: number[] = [];
    for (let date = firstDate; date <= lastDate; date = addDays(date, 1))
      for (const [s, e] of this.intervalsOn(date)) {
        starts.push(s);
        ends.push(e);
      }
    const tz = this.calendar.timeZone;
    this.span = new Span(firstDate, lastDate, zonedInstant(firstDate, 0, tz), zonedInstant(addDays(lastDate, 1), 0, tz), starts, ends);
    return this.span;
  }

  /** `minutes` business minutes after `start` (before, when negative). */
  addMinutes(start: Date, minutes: number): Date {
    return this.addMs(start, minutes * MINUTE);
  }

  /** Business minutes between two instants (fractional when they are not on whole minutes). */
  minutesBetween(from: Date, to: Date): number {
    return this.msBetween(from, to) / MINUTE;
  }

  /** The local date of an instant in the calendar's zone. */
  dateOf(at: Date): string {
    return localDate(at.getTime(), this.calendar.timeZone);
  }

  /**
   * The close of business of the `daysAfter`-th business day (a day with opening hours, not a
   * holiday) after the local `date`; for 0, of `date` itself — or, when closed that day, of the next
   * business day. A calendar open on no day within three years throws a RangeError.
   */
  closeOfBusinessDay(date: string, daysAfter = 0): Date {
    let counted = 0;
    for (let i = 0, day = date; i <= MAX_DAYS; i++, day = addDays(day, 1)) {
      const intervals = this.intervalsOn(day);
      if (!intervals.length) continue;
      if (i > 0) counted++;
      if (counted >= daysAfter) return new Date(intervals[intervals.length - 1]![1]);
    }
    throw new RangeError('The calendar has no business day ahead');
  }
}

/** Monday to Friday 09:00–17:00 in `timeZone`, no holidays: the default until an admin says otherwise. */
export function officeHours(timeZone: string): BusinessCalendar {
  const day = [{ from: '09:00', to: '17:00' }];
  return { timeZone, hours: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: [], sun: [] }, holidays: [] };
}
