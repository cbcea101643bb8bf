// The installment schedule of one policy year, from the split the rating engine already made
// (annual premium → `count` whole-cent installments, the remainder on the first).
//
// Due dates are anchored to the policy start date: installment i of policy year k falls
// 12·(k−1) + i·(12/count) months after the start, clamped to the end of the month — always counted
// FROM THE ANCHOR, never from the previous due date, so 31 January gives 28/29 February, 31 March,
// 30 April, 31 May (no drift to the 28th). A 29 February start has its anniversaries on 28 February
// in non-leap years and on 29 February in leap years.
import type { PaymentFrequency } from '../../contracts/products';
import { addDays, addMonthsClamped } from '../../platform/calendar';
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
  return addDays(dueDate, -leadDays);
}

/**
 * The days an installment (of a year of `installmentsPerYear`, as it was scheduled) pays for (issue 20: premium is earned over them): from its due date to the
 * day before the next installment's, the last of a year to the day before the next policy year — and
 * never past the policy's last day (`endDate`, inclusive). A trip's single premium covers the trip.
 */
export function installmentCoverage(p: { startDate: string; endDate: string; installmentsPerYear: number; policyYear: number; sequence: number }): { from: string; to: string } {
  const perYear = p.installmentsPerYear;
  if (![1, 2, 4, 12].includes(perYear)) throw new RangeError(`A policy year has 1, 2, 4 or 12 installments, not ${perYear}`);
  if (!Number.isInteger(p.sequence) || p.sequence < 1 || p.sequence > perYear) throw new RangeError(`A year of ${perYear} installments has no installment ${p.sequence}`);
  policyYearStart(p.startDate, p.policyYear);
  const step = 12 / perYear;
  const firstMonth = 12 * (p.policyYear - 1);
  const from = addMonthsClamped(p.startDate, firstMonth + (p.sequence - 1) * step);
  const nextDue = addDays(addMonthsClamped(p.startDate, firstMonth + p.sequence * step), -1);
  const to = nextDue < p.endDate ? nextDue : p.endDate;
  return { from, to: to < from ? from : to };
}
