// Pro-rata premium by days within a policy year, to the cent.
//
// One function decides every split: `premiumFrom(annual, year, date)` — the premium for the days
// from `date` to the end of the policy year, half-even to the minor unit. Any piece of a year is
// the difference of two such values, so the pieces of a split year telescope to exactly the annual
// premium, and an endorsement and its reversal on the same date net to exactly zero (half-even is
// symmetric). Cancellation refunds will use the same function.
import { addDays, addMonthsClamped, daysBetween } from '../../platform/calendar';

export interface PolicyYear {
  /** 1 for the year that begins on the start date. */
  number: number;
  /** First day of the year (an anniversary of the start date). */
  from: string;
  /** First day after the covered part of the year: the next anniversary, or the day after the end date in a short last year. */
  to: string;
  /** Days of the full year (365 or 366): the pro-rata denominator, also in a short last year. */
  days: number;
}

/** The policy year that contains `date` (which must lie within start…end). */
export function policyYearOf(startDate: string, endDate: string, date: string): PolicyYear {
  if (date < startDate || date > endDate) throw new RangeError(`${date} is outside the policy term ${startDate}…${endDate}`);
  let n = 1;
  while (addMonthsClamped(startDate, 12 * n) <= date) n++;
  const from = addMonthsClamped(startDate, 12 * (n - 1));
  const next = addMonthsClamped(startDate, 12 * n);
  const afterEnd = addDays(endDate, 1);
  return { number: n, from, to: next < afterEnd ? next : afterEnd, days: daysBetween(from, next) };
}

/** n / d rounded half-even to an integer (d > 0), exact for any safe integers. */
export function divideHalfEven(n: bigint, d: bigint): bigint {
  if (d <= 0n) throw new RangeError('The divisor must be positive');
  const negative = n < 0n;
  const abs = negative ? -n : n;
  let q = abs / d;
  const twice = (abs - q * d) * 2n;
  if (twice > d || (twice === d && q % 2n === 1n)) q += 1n;
  return negative ? -q : q;
}

/** The premium for the days from `date` to the end of `year` (0 on or after its end). */
export function premiumFrom(annualPremium: number, year: PolicyYear, date: string): number {
  if (!Number.isSafeInteger(annualPremium)) throw new RangeError('The annual premium must be whole minor units');
  const days = Math.max(0, daysBetween(date < year.from ? year.from : date, year.to));
  return Number(divideHalfEven(BigInt(annualPremium) * BigInt(days), BigInt(year.days)));
}

/** The premium for the days from `from` (inclusive) to `to` (exclusive) within one policy year. */
export function premiumBetween(annualPremium: number, year: PolicyYear, from: string, to: string): number {
  return premiumFrom(annualPremium, year, from) - premiumFrom(annualPremium, year, to);
}

/**
 * What a change of annual premium from `effectiveDate` costs for the rest of the policy year:
 * the new premium for the remaining days minus the old premium for them (which the schedule already
 * bills). Positive is owed, negative returned.
 */
export function proRataChange(oldAnnual: number, newAnnual: number, year: PolicyYear, effectiveDate: string) {
  const oldPremiumRemaining = premiumFrom(oldAnnual, year, effectiveDate);
  const newPremiumRemaining = premiumFrom(newAnnual, year, effectiveDate);
  return {
    daysRemaining: Math.max(0, daysBetween(effectiveDate, year.to)),
    oldPremiumRemaining,
    newPremiumRemaining,
    premiumDelta: newPremiumRemaining - oldPremiumRemaining,
  };
}
