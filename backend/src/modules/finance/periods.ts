// Accounting periods: calendar months (YYYY-MM) in the company's time zone. Pure date arithmetic.
import { addDays, addMonthsClamped } from '../../platform/calendar';

export const monthStart = (month: string) => `${month}-01`;
export const monthOf = (date: string) => date.slice(0, 7);
/** The last day of the month. */
export const monthEnd = (month: string) => addDays(addMonthsClamped(monthStart(month), 1), -1);
export const nextMonth = (month: string) => monthOf(addMonthsClamped(monthStart(month), 1));

/** The months from `first` to `last` inclusive, oldest first. */
export function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) months.push(m);
  return months;
}
