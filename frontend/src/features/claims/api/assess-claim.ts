import { type AssessClaimBody, Claim } from '@contracts/claims';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { useClaimMutation } from './use-claim-mutation';
import type { ClaimCallbacks } from './use-claim-mutation';

export interface AssessClaimInput {
  claim: Pick<Claim, 'id' | 'version'>;
  body: AssessClaimBody;
}

/** The adjuster's assessment: the loss per coverage, the decision and its reason code. */
export function assessClaim({ claim, body }: AssessClaimInput): Promise<Claim> {
  return api.post(`/claims/${claim.id}/assess`, body, Claim, { ifMatch: etag(claim.version) });
}

export function useAssessClaim(callbacks: ClaimCallbacks<Claim, AssessClaimInput> = {}) {
  return useClaimMutation(assessClaim, callbacks);
}
