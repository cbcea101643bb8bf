import dayjs from 'dayjs';

/** "12 Mar 2026, 14:05" in the browser's time zone. */
export function formatDateTime(iso: string): string {
  return dayjs(iso).format('D MMM YYYY, HH:mm');
}

/** "12 Mar 2026, 14:05:09": the audit trail needs the order of events within a minute. */
export function formatTimestamp(iso: string): string {
  return dayjs(iso).format('D MMM YYYY, HH:mm:ss');
}

/** "12 Mar 1980" for a business date (YYYY-MM-DD), which has no time zone to convert. */
export function formatDate(isoDate: string): string {
  return dayjs(isoDate).format('D MMM YYYY');
}

/** Whole years from `isoDate` to today. */
export function yearsSince(isoDate: string): number {
  const from = dayjs(isoDate);
  const today = dayjs();
  const years = today.diff(from, 'year');
  // dayjs counts a 29 February birthday on 28 February of other years; the API's ageOn (which rates a
  // quote's entry age) counts it on 1 March, and the console must show the age the quote uses.
  const leapDayBirthday = from.month() === 1 && from.date() === 29;
  const leapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (leapDayBirthday && today.month() === 1 && today.date() === 28 && !leapYear(today.year()) && today.isAfter(from)) return years - 1;
  return years;
}
