import { Claim } from '@contracts/claims';
import type { ClaimTransition } from '@contracts/claims';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { useClaimMutation } from './use-claim-mutation';
import type { ClaimCallbacks } from './use-claim-mutation';

export interface TransitionClaimInput {
  claim: Pick<Claim, 'id' | 'version'>;
  /** Every transition but assess (it has its own body: assess-claim.ts). */
  action: Exclude<ClaimTransition, 'assess'>;
  reason?: string;
}

/** POST /claims/{id}/{action} with the claim's version: submit, withdraw, start the investigation, decide, close, reopen. */
export function transitionClaim({ claim, action, reason }: TransitionClaimInput): Promise<Claim> {
  return api.post(`/claims/${claim.id}/${action}`, reason ? { reason } : {}, Claim, { ifMatch: etag(claim.version) });
}

export function useTransitionClaim(callbacks: ClaimCallbacks<Claim, TransitionClaimInput> = {}) {
  return useClaimMutation(transitionClaim, callbacks);
}
