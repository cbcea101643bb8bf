import { Claim, ClaimHistory, ClaimNoteList, ClaimPayments, ClaimReserves } from '@contracts/claims';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { claimKeys } from './claim-keys';

/** A claim with its coverage check and reserves. */
export function getClaim(id: string, signal?: AbortSignal): Promise<Claim> {
  return api.get(`/claims/${id}`, Claim, { signal });
}

export const claimQueryOptions = (id: string) => queryOptions({ queryKey: claimKeys.detail(id), queryFn: ({ signal }) => getClaim(id, signal) });

export function useClaim(id: string) {
  return useQuery(claimQueryOptions(id));
}

/** The claim's status history, oldest first. */
export function useClaimHistory(id: string) {
  return useQuery({ queryKey: claimKeys.history(id), queryFn: ({ signal }) => api.get(`/claims/${id}/history`, ClaimHistory, { signal }) });
}

/** The claim's internal investigation notes, oldest first. */
export function useClaimNotes(id: string) {
  return useQuery({ queryKey: claimKeys.notes(id), queryFn: ({ signal }) => api.get(`/claims/${id}/notes`, ClaimNoteList, { signal }) });
}

/** The claim's reserves and every change (posted, pending, declined). */
export function useClaimReserves(id: string) {
  return useQuery({ queryKey: claimKeys.reserves(id), queryFn: ({ signal }) => api.get(`/claims/${id}/reserves`, ClaimReserves, { signal }) });
}

/** The claim's payments, what was paid and what may still be paid. */
export function useClaimPayments(id: string, enabled = true) {
  return useQuery({ queryKey: claimKeys.payments(id), queryFn: ({ signal }) => api.get(`/claims/${id}/payments`, ClaimPayments, { signal }), enabled });
}
