// The installment schedule of one policy year, from the split the rating engine already made
// (annual premium → `count` whole-cent installments, the remainder on the first).
//
// Due dates are anchored to the policy start date: installment i of policy year k falls
// 12·(k−1) + i·(12/count) months after the start, clamped to the end of the month — always counted
// FROM THE ANCHOR, never from the previous due date, so 31 January gives 28/29 February, 31 March,
// 30 April, 31 May (no drift to the 28th). A 29 February start has its anniversaries on 28 February
// in non-leap years and on 29 February in leap years.
import type { PaymentFrequency } from '../../contracts/products';
import { INSTALLMENTS_PER_YEAR } from '../products/rating/product-definition';

export interface InstallmentPlan {
  /** The policy start date, 'YYYY-MM-DD': the anchor of every due date. */
  startDate: string;
  /** 1 for the year that begins on the start date, 2 from the first anniversary, … */
  policyYear: number;
  frequency: PaymentFrequency;
  /** From the rating engine (policies.installment_count / _amount / first_installment_amount), minor units. */
  count: number;
  amount: number;
  firstAmount: number;
}

export interface ScheduledInstallment {
  /** 1…count within the policy year. */
  sequence: number;
  dueDate: string;
  /** Minor units. */
  amount: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1]!;
}

function parseDate(date: string): [number, number, number] {
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

/** The day policy year `policyYear` begins: the start date's anniversary (29 February → 28 February in non-leap years). */
export function policyYearStart(startDate: string, policyYear: number): string {
  if (!Number.isInteger(policyYear) || policyYear < 1) throw new RangeError(`Policy years count from 1: ${policyYear}`);
  return addMonthsClamped(startDate, 12 * (policyYear - 1));
}

/** The schedule of one policy year; the amounts add up exactly to firstAmount + (count − 1) · amount. */
export function installmentSchedule(plan: InstallmentPlan): ScheduledInstallment[] {
  const perYear = INSTALLMENTS_PER_YEAR[plan.frequency];
  if (perYear === undefined) throw new RangeError(`Unknown payment frequency: ${String(plan.frequency)}`);
  if (plan.count !== perYear) throw new RangeError(`A ${plan.frequency} plan has ${perYear} installments a year, not ${plan.count}`);
  if (!Number.isSafeInteger(plan.amount) || !Number.isSafeInteger(plan.firstAmount) || plan.amount < 0 || plan.firstAmount < 0) {
    throw new RangeError('Installment amounts are whole, non-negative minor units');
  }
  if (!Number.isSafeInteger(plan.firstAmount + plan.amount * (plan.count - 1))) throw new RangeError('The annual premium is too large');
  policyYearStart(plan.startDate, plan.policyYear); // validates the date and the year
  const step = 12 / perYear;
  const firstMonth = 12 * (plan.policyYear - 1);
  return Array.from({ length: perYear }, (_, i) => ({
    sequence: i + 1,
    dueDate: addMonthsClamped(plan.startDate, firstMonth + i * step),
    amount: i === 0 ? plan.firstAmount : plan.amount,
  }));
}

/** The day an installment's invoice is raised: `leadDays` before it is due (the invoice job's lead, default 14). */
export function invoiceIssueDate(dueDate: string, leadDays: number): string {
  if (!Number.isInteger(leadDays) || leadDays < 0) throw new RangeError(`Lead days must be a whole number ≥ 0: ${leadDays}`);
  const [y, m, d] = parseDate(dueDate);
  const day = new Date(utcMs(y, m, d - leadDays));
  return iso(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
}

/** Whole days from `from` to `to` (negative when `to` is earlier): how many days past due an invoice is. */
export function daysBetween(from: string, to: string): number {
  const [y1, m1, d1] = parseDate(from);
  const [y2, m2, d2] = parseDate(to);
  return Math.round((utcMs(y2, m2, d2) - utcMs(y1, m1, d1)) / 86_400_000);
}
