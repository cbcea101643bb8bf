import type { PolicyStanding } from '@contracts/policies';
import { formatDate } from '@/lib/format-date';

const DAY = 86_400_000;
const todayUtc = () => Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);

/** Whole days from today to `date` (negative once it has passed). */
export function daysUntil(date: string, today: number = todayUtc()): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - today) / DAY);
}

/** One sentence on where a policy stands on its premiums, for the policy page's banner. */
export function standingSentence(standing: PolicyStanding, today: number = todayUtc()): string {
  if (standing.lapsedOn) {
    return `Lapsed on ${formatDate(standing.lapsedOn)}: no cover since then. It can be reinstated until ${formatDate(standing.reinstatableUntil!)} once the arrears are paid.`;
  }
  const left = daysUntil(standing.graceEndsOn!, today);
  const when = left > 1 ? `in ${left} days` : left === 1 ? 'tomorrow' : left === 0 ? 'today' : 'already';
  return `The premium due ${formatDate(standing.graceSince!)} is unpaid. The policy still covers until the end of grace on ${formatDate(standing.graceEndsOn!)} (${when}); it lapses after that unless the overdue premium is paid.`;
}
