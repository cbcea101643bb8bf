import { Claim } from '@contracts/claims';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { useClaimMutation } from './use-claim-mutation';
import type { ClaimCallbacks } from './use-claim-mutation';

export interface AssignClaimInput {
  claim: Pick<Claim, 'id' | 'version'>;
  /** Without it, the branch's least loaded adjuster gets the claim. */
  assigneeId?: string;
}

export function assignClaim({ claim, assigneeId }: AssignClaimInput): Promise<Claim> {
  return api.post(`/claims/${claim.id}/assign`, assigneeId ? { assigneeId } : {}, Claim, { ifMatch: etag(claim.version) });
}

export function useAssignClaim(callbacks: ClaimCallbacks<Claim, AssignClaimInput> = {}) {
  return useClaimMutation(assignClaim, callbacks);
}
