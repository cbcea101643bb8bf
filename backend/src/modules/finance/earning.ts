// Earned premium (issue 20): premium is earned over the days it covers, not when it is invoiced.
// Pure arithmetic, the one rounding rule: a written amount W over the covered days [from, to]
// (inclusive, n days) earns W/n truncated toward zero to the minor unit on each covered day, and the
// rounding remainder on the last one (W − (n − 1)·⌊W/n⌋), so by the end of the k-th covered day
// k·⌊W/n⌋ is earned and by the end of the last all of W. Negative written amounts (premium returned
// by an endorsement or a cancellation) earn symmetrically.
//
// A policy's premium is a list of such writings: each invoiced installment over the days it pays
// for, an endorsement's pro-rata difference from its effective date to the end of the policy year,
// a cancellation's returned premium from the first day not covered (an extra charge at cancellation
// is earned at once). For every date: earned + unearned = written, exactly.
import { addDays, daysBetween } from '../../platform/calendar';

export interface Writing {
  /** Signed minor units: positive billed, negative returned. */
  amount: number;
  /** First covered day, YYYY-MM-DD. */
  from: string;
  /** Last covered day (≥ from). */
  to: string;
}

const assertWriting = (w: Writing) => {
  if (!Number.isSafeInteger(w.amount)) throw new RangeError(`Written premium is whole minor units: ${w.amount}`);
  if (w.to < w.from) throw new RangeError(`A covered period ends on or after it starts: ${w.from}..${w.to}`);
};

/** The number of covered days of a writing (both ends included). */
export const coveredDays = (w: Writing): number => daysBetween(w.from, w.to) + 1;

/** What each covered day but the last earns: W/n truncated toward zero (a negative writing mirrors a positive one). */
export const dailyShare = (w: Writing): number => Number(BigInt(w.amount) / BigInt(coveredDays(w)));

/** What the writing has earned by the end of `date`. */
export function earnedBy(w: Writing, date: string): number {
  assertWriting(w);
  if (date < w.from) return 0;
  if (date >= w.to) return w.amount;
  return (daysBetween(w.from, date) + 1) * dailyShare(w);
}

/** What the writing earns on `date` alone (0 outside its covered days). */
export const earnedOn = (w: Writing, date: string): number => earnedBy(w, date) - earnedBy(w, addDays(date, -1));

/** What is still unearned after `date`: the sum of the daily shares of the covered days after it. */
export function unearnedAfter(w: Writing, date: string): number {
  let sum = 0;
  const start = date < w.from ? w.from : addDays(date, 1);
  for (let d = start; d <= w.to; d = addDays(d, 1)) sum += earnedOn(w, d);
  return sum;
}

/** A policy's premium on a date: written (the writings given), earned by the end of the day, unearned. */
export function premiumPosition(writings: readonly Writing[], date: string): { written: number; earned: number; unearned: number } {
  let written = 0;
  let earned = 0;
  for (const w of writings) {
    written += w.amount;
    earned += earnedBy(w, date);
  }
  return { written, earned, unearned: written - earned };
}
