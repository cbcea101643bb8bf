import { InformationRequestList } from '@contracts/claims';
import type { CancelInformationRequestBody, Claim, CreateInformationRequestBody, ReceiveInformationRequestBody } from '@contracts/claims';
import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { claimKeys } from './claim-keys';
import { useClaimMutation } from './use-claim-mutation';
import type { ClaimCallbacks } from './use-claim-mutation';

/** The claim's requests for information to the claimant, oldest first. */
export function useInformationRequests(id: string) {
  return useQuery({
    queryKey: claimKeys.informationRequests(id),
    queryFn: ({ signal }) => api.get(`/claims/${id}/information-requests`, InformationRequestList, { signal }),
  });
}

export interface RequestInformationInput {
  claim: Pick<Claim, 'id' | 'version'>;
  body: CreateInformationRequestBody;
}

/** Asks the claimant (sent by email or text in the same transaction): 409 CLAIM_NOT_OPEN, 400 CLAIM_INFORMATION_DUE_INVALID. */
export function requestInformation({ claim, body }: RequestInformationInput): Promise<InformationRequestList> {
  return api.post(`/claims/${claim.id}/information-requests`, body, InformationRequestList, { ifMatch: etag(claim.version) });
}

export function useRequestInformation(callbacks: ClaimCallbacks<InformationRequestList, RequestInformationInput> = {}) {
  return useClaimMutation(requestInformation, callbacks);
}

export type CloseInformationRequestInput = { claim: Pick<Claim, 'id' | 'version'>; requestId: string } & (
  { action: 'receive'; body: ReceiveInformationRequestBody } | { action: 'cancel'; body: CancelInformationRequestBody }
);

/** Marks an open request received (with a note) or cancels it (with the reason): 409 CLAIM_INFORMATION_REQUEST_CLOSED. */
export function closeInformationRequest({ claim, requestId, action, body }: CloseInformationRequestInput): Promise<InformationRequestList> {
  return api.post(`/claims/${claim.id}/information-requests/${requestId}/${action}`, body, InformationRequestList, { ifMatch: etag(claim.version) });
}

export function useCloseInformationRequest(callbacks: ClaimCallbacks<InformationRequestList, CloseInformationRequestInput> = {}) {
  return useClaimMutation(closeInformationRequest, callbacks);
}
