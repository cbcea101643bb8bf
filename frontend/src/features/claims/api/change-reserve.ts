import { ClaimReserves } from '@contracts/claims';
import type { ChangeReserveBody, Claim, DecideReserveChangeBody } from '@contracts/claims';
import { type z } from 'zod';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { useClaimMutation } from './use-claim-mutation';
import type { ClaimCallbacks } from './use-claim-mutation';

type Reserves = z.infer<typeof ClaimReserves>;

export interface ChangeReserveInput {
  claim: Pick<Claim, 'id' | 'version'>;
  body: ChangeReserveBody;
}

/** Sets a reserve: posted within the requester's claim_amount limit, else pending another person's approval. */
export function changeReserve({ claim, body }: ChangeReserveInput): Promise<Reserves> {
  return api.post(`/claims/${claim.id}/reserves`, body, ClaimReserves, { ifMatch: etag(claim.version) });
}

export function useChangeReserve(callbacks: ClaimCallbacks<Reserves, ChangeReserveInput> = {}) {
  return useClaimMutation(changeReserve, callbacks);
}

export interface DecideReserveChangeInput {
  claim: Pick<Claim, 'id' | 'version'>;
  changeId: string;
  body: DecideReserveChangeBody;
}

/** Approves or declines a reserve change waiting for approval (not by whoever asked for it). */
export function decideReserveChange({ claim, changeId, body }: DecideReserveChangeInput): Promise<Reserves> {
  return api.post(`/claims/${claim.id}/reserve-changes/${changeId}/decision`, body, ClaimReserves, { ifMatch: etag(claim.version) });
}

export function useDecideReserveChange(callbacks: ClaimCallbacks<Reserves, DecideReserveChangeInput> = {}) {
  return useClaimMutation(decideReserveChange, callbacks);
}
