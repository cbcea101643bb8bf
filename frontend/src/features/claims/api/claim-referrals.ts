import { Claim } from '@contracts/claims';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { useClaimMutation } from './use-claim-mutation';
import type { ClaimCallbacks } from './use-claim-mutation';

export interface ReferClaimInput {
  claim: Pick<Claim, 'id' | 'version'>;
  /** What looks wrong, for the manager who decides. */
  reason: string;
}

/** An adjuster refers the claim to a manager: until cleared it is neither approved nor paid (409 CLAIM_ALREADY_REFERRED, CLAIM_NOT_OPEN). */
export function referClaim({ claim, reason }: ReferClaimInput): Promise<Claim> {
  return api.post(`/claims/${claim.id}/refer`, { reason }, Claim, { ifMatch: etag(claim.version) });
}

export function useReferClaim(callbacks: ClaimCallbacks<Claim, ReferClaimInput> = {}) {
  return useClaimMutation(referClaim, callbacks);
}

export interface DecideReferralInput {
  claim: Pick<Claim, 'id' | 'version'>;
  decision: 'clear' | 'uphold';
  note: string;
}

/** A manager clears the open referral (approval and payment may go ahead) or upholds it (the claim is rejected). */
export function decideReferral({ claim, decision, note }: DecideReferralInput): Promise<Claim> {
  return api.post(`/claims/${claim.id}/referral/decision`, { decision, note }, Claim, { ifMatch: etag(claim.version) });
}

export function useDecideReferral(callbacks: ClaimCallbacks<Claim, DecideReferralInput> = {}) {
  return useClaimMutation(decideReferral, callbacks);
}
