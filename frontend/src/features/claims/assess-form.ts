// The assessment form's values and the AssessClaimBody they make: amounts are typed in major units
// per coverage (a coverage left empty is not assessed), the reason code follows the decision.
import { ASSESSMENT_REASON_CODES, AssessClaimBody } from '@contracts/claims';
import type { AssessmentDecision, AssessmentReasonCode } from '@contracts/claims';
import { schemaFieldErrors } from '@/lib/form-schema';
import { typedMinorUnits } from '@/lib/money';

export interface AssessFormValues {
  /** The loss established per coverage code, as typed (major units; '' when not assessed). */
  losses: Record<string, number | string>;
  decision: AssessmentDecision;
  reasonCode: AssessmentReasonCode;
  reason: string;
}

/** The reason codes a decision takes. */
export const reasonCodesOf = (decision: AssessmentDecision): readonly AssessmentReasonCode[] => ASSESSMENT_REASON_CODES[decision];

/** A new decision keeps the reason code when it still fits, else takes the decision's first. */
export function withDecision(values: AssessFormValues, decision: AssessmentDecision): AssessFormValues {
  const codes = reasonCodesOf(decision);
  return { ...values, decision, reasonCode: codes.includes(values.reasonCode) ? values.reasonCode : codes[0]! };
}

/** The form for the coverages answering the claim, proposing the claimed amount on the first when there is one. */
export function initialAssessValues(coverages: readonly string[], claimedAmount: number | null): AssessFormValues {
  const losses = Object.fromEntries(coverages.map((code, i) => [code, i === 0 && claimedAmount !== null ? claimedAmount / 100 : '']));
  return { losses, decision: 'approve', reasonCode: 'APPROVED_IN_FULL', reason: '' };
}

export type AssessFormResult = { ok: true; body: AssessClaimBody } | { ok: false; errors: Record<string, string> };

/**
 * The body to send, or the errors to show by field (`losses.COLLISION`, `reason`, `lines`): the API's
 * own schema, plus what it would refuse as CLAIM_ASSESSMENT_INVALID (no reason to partially approve or
 * reject; nothing to approve).
 */
export function buildAssessBody(values: AssessFormValues): AssessFormResult {
  const errors: Record<string, string> = {};
  const lines: { coverage: string; lossAmount: number }[] = [];
  for (const [coverage, typed] of Object.entries(values.losses)) {
    if (typed === '') continue;
    const lossAmount = typedMinorUnits(typed);
    if (lossAmount === undefined || lossAmount < 0) errors[`losses.${coverage}`] = 'Enter an amount of 0 or more';
    else lines.push({ coverage, lossAmount });
  }
  const reason = values.reason.trim();
  const candidate = { lines, decision: values.decision, reasonCode: values.reasonCode, ...(reason ? { reason } : {}) };
  for (const [path, message] of Object.entries(schemaFieldErrors(AssessClaimBody, candidate))) {
    const line = /^lines\.(\d+)/.exec(path);
    errors[line ? `losses.${lines[Number(line[1])]?.coverage}` : path] ??= message;
  }
  if (values.decision !== 'approve' && !reason) errors.reason = values.decision === 'reject' ? 'Quote the clause the claim is rejected under' : 'Say why only part is approved';
  if (values.decision !== 'reject' && !lines.some((l) => l.lossAmount > 0)) errors.lines = 'Enter the loss established on at least one coverage';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: AssessClaimBody.parse(candidate) };
}
