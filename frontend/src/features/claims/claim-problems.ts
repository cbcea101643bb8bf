// Why the server refused an action on a claim, in words the adjuster or agent can act on.
import { ApiError, describeError } from '@/lib/api-error';
import { formatMoney } from '@/lib/money';
import { CLAIM_STATUS_LABELS } from './claim-labels';

export interface ClaimProblem {
  title: string;
  detail: string;
}

const statusWord = (value: unknown) =>
  typeof value === 'string' && value in CLAIM_STATUS_LABELS ? CLAIM_STATUS_LABELS[value as keyof typeof CLAIM_STATUS_LABELS].toLowerCase() : null;
const amount = (value: unknown, currency: string) => (typeof value === 'number' ? formatMoney(value, currency) : null);

/** The problem to show in the action's dialog; `currency` is the claim's, for amounts the server gives in minor units. */
export function claimProblem(error: unknown, currency: string): ClaimProblem {
  const { title, detail } = describeError(error);
  if (!(error instanceof ApiError)) return { title, detail };
  const ext = error.extensions;
  switch (error.code) {
    case 'VERSION_MISMATCH':
      return {
        title: 'The claim changed meanwhile',
        detail: 'Someone else saved this claim after you opened it. The page now shows the latest version: check it, then try again.',
      };
    case 'CLAIM_INVALID_TRANSITION': {
      const now = statusWord(ext.currentStatus);
      return { title: 'Not possible any more', detail: now ? `The claim is ${now} now (someone else moved it). The page shows where it stands.` : detail };
    }
    case 'CLAIM_NOT_OPEN':
    case 'CLAIM_NOT_PAYABLE': {
      const now = statusWord(ext.currentStatus);
      return { title: 'Not possible in this status', detail: now ? `The claim is ${now}. ${detail}` : detail };
    }
    case 'FOUR_EYES':
      return { title: 'Someone else must do this', detail };
    case 'APPROVAL_LIMIT_EXCEEDED':
      return { title: 'Above your claim limit', detail: `${detail} A colleague with a higher claim limit (a senior agent or a manager) does it.` };
    case 'CLAIM_DECISION_MISMATCH':
      return { title: 'Not the assessment’s decision', detail };
    case 'CLAIM_PAYMENT_EXCEEDS_APPROVED': {
      const left = amount(ext.payableLeft, currency);
      return { title: 'More than is left to pay', detail: left ? `Only ${left} of the approved amount is left to pay.` : detail };
    }
    case 'CLAIM_PAYMENT_EXCEEDS_RESERVE': {
      const reserve = amount(ext.reserve, currency);
      return { title: 'More than the reserve holds', detail: reserve ? `The coverage’s indemnity reserve holds ${reserve}: raise it first (Reserves panel).` : detail };
    }
    case 'CLAIM_RESERVE_PENDING':
      return { title: 'A change already waits for approval', detail: 'Another change of this reserve waits for approval: it is approved or declined first.' };
    case 'CLAIM_NO_ADJUSTER':
      return { title: 'No adjuster to assign', detail };
    default:
      return { title, detail };
  }
}
