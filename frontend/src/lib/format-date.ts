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
  return dayjs().diff(dayjs(isoDate), 'year');
}
