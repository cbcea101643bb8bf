import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { ApiError } from '@/lib/api-error';
import { claimKeys } from './claim-keys';

export type ClaimCallbacks<T, I> = Pick<UseMutationOptions<T, Error, I>, 'onSuccess' | 'onError'>;

/** Answers that mean the page shows an older claim than the server has: it is read again. */
const STALE_CODES = new Set([
  'VERSION_MISMATCH',
  'CLAIM_INVALID_TRANSITION',
  'CLAIM_NOT_OPEN',
  'CLAIM_NOT_PAYABLE',
  'CLAIM_RESERVE_NOT_PENDING',
  'CLAIM_RESERVE_PENDING',
  'CLAIM_REFERRED',
  'CLAIM_ALREADY_REFERRED',
  'CLAIM_REFERRAL_NOT_OPEN',
  'CLAIM_INFORMATION_REQUEST_CLOSED',
]);

/**
 * A write on a claim (`input.claim`): on success the claim and everything under it (history, notes,
 * reserves, payments) and the claim lists are read again; when the server says the screen is out of
 * date (412, or the claim moved on meanwhile) the claim is read again too.
 */
export function useClaimMutation<T, I extends { claim: { id: string } }>(mutationFn: (input: I) => Promise<T>, callbacks: ClaimCallbacks<T, I> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    ...callbacks,
    onSuccess: (data, input, ...rest) => {
      void queryClient.invalidateQueries({ queryKey: claimKeys.detail(input.claim.id) });
      void queryClient.invalidateQueries({ queryKey: claimKeys.lists() });
      return callbacks.onSuccess?.(data, input, ...rest);
    },
    onError: (error, input, ...rest) => {
      if (error instanceof ApiError && STALE_CODES.has(error.code)) void queryClient.invalidateQueries({ queryKey: claimKeys.detail(input.claim.id) });
      return callbacks.onError?.(error, input, ...rest);
    },
  });
}
