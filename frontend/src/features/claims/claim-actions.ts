// Which actions a claim's page offers: what the user's permissions allow on the claim as it stands
// (CLAIM_TRANSITIONS in @contracts/claims is the one source of which status allows what).
import { CLAIM_TRANSITIONS, OPEN_CLAIM_STATUSES } from '@contracts/claims';
import type { Claim, ClaimStatus, ClaimTransition } from '@contracts/claims';

export type ClaimAction = Exclude<ClaimTransition, 'approve' | 'partially-approve' | 'reject'> | 'decide' | 'assign' | 'reserve' | 'note' | 'pay' | 'refer' | 'decide-referral';

const PAYABLE: readonly ClaimStatus[] = ['approved', 'partially_approved'];
/** Reserves change while the claim can still cost something (CONTEXT.md, Reserves). */
const RESERVABLE: readonly ClaimStatus[] = ['submitted', 'under_investigation', 'assessed', 'approved', 'partially_approved', 'reopened'];

/** The transition that decides the claim as its assessment says: approve, partially approve or reject. */
export function decisionTransition(claim: Pick<Claim, 'assessment'>): 'approve' | 'partially-approve' | 'reject' | null {
  const decision = claim.assessment?.decision;
  if (!decision) return null;
  return decision === 'partially_approve' ? 'partially-approve' : decision;
}

/**
 * Why the user may not decide this assessed claim themselves (four eyes), or null when they may:
 * not whoever assessed it, nor whoever gave its first approval.
 */
export function fourEyesBlock(claim: Pick<Claim, 'assessment'>, userId: string): string | null {
  const a = claim.assessment;
  if (!a) return null;
  if (a.assessedBy.id === userId) return 'You assessed this claim: another person decides it.';
  if (a.approvals.some((ap) => ap.approvedBy.id === userId)) return 'You gave its first approval: the second comes from another person.';
  return null;
}

/**
 * Why the claim cannot be approved or paid while a fraud referral stands (open, or upheld), or null:
 * the server refuses both (409 CLAIM_REFERRED); a rejection stays possible.
 */
export function referralBlock(claim: Partial<Pick<Claim, 'referral'>>): string | null {
  if (claim.referral?.status === 'open') return 'Referred to a manager for its fraud indicators: it is approved and paid once the referral is cleared.';
  if (claim.referral?.status === 'upheld') return 'A manager upheld the fraud referral: the claim is not approved or paid.';
  return null;
}

/** The actions on `claim` the user's permissions and the claim's status allow, in the order the page shows them. */
export function availableClaimActions(claim: Pick<Claim, 'status' | 'assessment'> & Partial<Pick<Claim, 'referral'>>, can: (permission: string) => boolean): ClaimAction[] {
  const actions: ClaimAction[] = [];
  const allows = (t: ClaimTransition) => can(CLAIM_TRANSITIONS[t].permission) && (CLAIM_TRANSITIONS[t].from as readonly ClaimStatus[]).includes(claim.status);
  if (allows('submit')) actions.push('submit');
  if (allows('start-investigation')) actions.push('start-investigation');
  if (can('claims:investigate') && (OPEN_CLAIM_STATUSES as readonly ClaimStatus[]).includes(claim.status)) actions.push('assign');
  if (allows('assess')) actions.push('assess');
  const decision = decisionTransition(claim);
  if (decision && allows(decision)) actions.push('decide');
  if (can('claims:pay') && PAYABLE.includes(claim.status)) actions.push('pay');
  if (allows('close')) actions.push('close');
  if (allows('reopen')) actions.push('reopen');
  if (allows('withdraw')) actions.push('withdraw');
  if (can('claims:referrals') && claim.referral?.status === 'open') actions.push('decide-referral');
  if (can('claims:investigate') && RESERVABLE.includes(claim.status) && claim.referral?.status !== 'open') actions.push('refer');
  if (can('claims:reserve') && RESERVABLE.includes(claim.status)) actions.push('reserve');
  if (can('claims:investigate')) actions.push('note');
  return actions;
}
