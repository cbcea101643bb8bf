// The rules of a dunning plan and which step an invoice is due for (pure: unit-tested without a DB).
import type { DunningStep } from '../../contracts/collections';
import type { FieldError } from '../../contracts/common';

/** The variables the dunning job fills in a step's message: a template may use these and no others. */
export const DUNNING_VARIABLES = ['customerName', 'invoiceNumber', 'policyNumber', 'amount', 'dueDate', 'daysPastDue'] as const;

/** When a product version does not say: the policies module's default grace (30 days; 31 for monthly premiums). */
export const DEFAULT_GRACE_DAYS = 30;

const MESSAGE_ACTIONS = new Set(['reminder', 'final_notice']);

/**
 * The plan's own rules (the templates are checked by the service): keys once, days strictly
 * increasing, a message step names a template, a call task names none, at most one final notice and
 * it comes last, before the grace period ends (`graceDays`).
 */
export function planProblems(steps: readonly DunningStep[], graceDays: number): FieldError[] {
  const errors: FieldError[] = [];
  const keys = new Set<string>();
  steps.forEach((step, i) => {
    const at = (field: string) => `steps.${i}.${field}`;
    if (keys.has(step.key)) errors.push({ path: at('key'), message: 'Each step has its own key' });
    keys.add(step.key);
    const before = steps[i - 1];
    if (before && step.days <= before.days) errors.push({ path: at('days'), message: `Comes after the step before (day ${before.days})` });
    if (MESSAGE_ACTIONS.has(step.action)) {
      if (!step.template) errors.push({ path: at('template'), message: 'A message step names its template' });
    } else {
      if (step.template !== undefined) errors.push({ path: at('template'), message: 'A call task sends no message' });
      if (step.channel !== undefined) errors.push({ path: at('channel'), message: 'A call task sends no message' });
    }
    if (step.action === 'final_notice') {
      if (i !== steps.length - 1) errors.push({ path: at('action'), message: 'The final notice is the last step' });
      if (step.days >= graceDays) errors.push({ path: at('days'), message: `Before the grace period ends (${graceDays} days)` });
    }
  });
  return errors;
}

/**
 * The step an invoice is due for on a day: the first step of the plan (in order) it has not run
 * whose day has come — none while a promise pauses the plan, and none when a step already ran on
 * that day (one step per invoice a day, so a plan held by a promise or by downtime resumes at the
 * next step and catches up a step a day, never several messages at once).
 */
export function dueStep(steps: readonly DunningStep[], state: { daysPastDue: number; doneKeys: ReadonlySet<string>; ranToday: boolean; paused: boolean }): DunningStep | undefined {
  if (state.paused || state.ranToday) return undefined;
  const next = steps.find((s) => !state.doneKeys.has(s.key));
  return next && next.days <= state.daysPastDue ? next : undefined;
}
