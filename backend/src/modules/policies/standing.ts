// Grace and lapse rules (pure): how long a policy stays in grace after an unpaid premium's due date,
// when it lapses, when the agent is warned, and how long a lapsed policy can be reinstated. The
// product version's servicing rules win; these are the defaults when it has none.
import type { PaymentFrequency, ServicingRules } from '../../contracts/products';
import { addDays, daysBetween } from '../../platform/calendar';

/** Days of grace after the due date by default; a monthly premium gets 31. */
export const DEFAULT_GRACE_DAYS = 30;
export const DEFAULT_MONTHLY_GRACE_DAYS = 31;
/** How long after the lapse a policy can be reinstated by default: 2 years for life, 30 days for other lines. */
export const DEFAULT_LIFE_REINSTATEMENT_DAYS = 730;
export const DEFAULT_REINSTATEMENT_DAYS = 30;
/** The agent is warned this many days before the policy lapses. */
export const LAPSE_WARNING_DAYS = 7;
/** A lapse older than this needs a fresh health declaration and an underwriter's approval to reinstate. */
export const REINSTATEMENT_UNDERWRITING_AFTER_DAYS = 90;

export function graceDays(rules: ServicingRules | undefined, frequency: PaymentFrequency): number {
  return rules?.graceDays ?? (frequency === 'monthly' ? DEFAULT_MONTHLY_GRACE_DAYS : DEFAULT_GRACE_DAYS);
}

/** The grace period of a premium unpaid since `dueDate`: its last day is `days` after the due date; the lapse takes effect the day after. */
export function gracePeriod(dueDate: string, days: number): { since: string; endsOn: string; lapsesOn: string; warnOn: string } {
  const endsOn = addDays(dueDate, days);
  return { since: dueDate, endsOn, lapsesOn: addDays(endsOn, 1), warnOn: addDays(endsOn, -LAPSE_WARNING_DAYS) };
}

export function reinstatementWindowDays(rules: ServicingRules | undefined, category: string): number {
  return rules?.reinstatementWindowDays ?? (category === 'life' ? DEFAULT_LIFE_REINSTATEMENT_DAYS : DEFAULT_REINSTATEMENT_DAYS);
}

/** The last day a policy lapsed on `lapsedOn` can be reinstated. */
export function reinstatableUntil(lapsedOn: string, windowDays: number): string {
  return addDays(lapsedOn, windowDays);
}

/** Whether reinstating on `date` needs underwriting: the lapse is older than 90 days. */
export function reinstatementNeedsUnderwriting(lapsedOn: string, date: string): boolean {
  return daysBetween(lapsedOn, date) > REINSTATEMENT_UNDERWRITING_AFTER_DAYS;
}
