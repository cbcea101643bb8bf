import { Claim } from '@contracts/claims';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { useClaimMutation } from './use-claim-mutation';
import type { ClaimCallbacks } from './use-claim-mutation';

export interface ReviewFastTrackInput {
  claim: Pick<Claim, 'id' | 'version'>;
  /** What the adjuster found looking at the fast-tracked claim after the fact. */
  note: string;
}

/** Reviews a fast-tracked claim of the daily sample (409 CLAIM_FAST_TRACK_NOT_IN_REVIEW when it is not waiting for review). */
export function reviewFastTrack({ claim, note }: ReviewFastTrackInput): Promise<Claim> {
  return api.post(`/claims/${claim.id}/fast-track-review`, { note }, Claim, { ifMatch: etag(claim.version) });
}

export function useReviewFastTrack(callbacks: ClaimCallbacks<Claim, ReviewFastTrackInput> = {}) {
  return useClaimMutation(reviewFastTrack, callbacks);
}
