import { Claim } from '@contracts/claims';
import type { CreateClaimBody } from '@contracts/claims';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { claimKeys } from './claim-keys';

/** Records a first notice of loss: a draft claim with its coverage check as made. */
export function createClaim(body: CreateClaimBody): Promise<Claim> {
  return api.post('/claims', body, Claim);
}

export function useCreateClaim(callbacks: Pick<UseMutationOptions<Claim, Error, CreateClaimBody>, 'onSuccess' | 'onError'> = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createClaim,
    ...callbacks,
    onSuccess: (claim, ...rest) => {
      queryClient.setQueryData(claimKeys.detail(claim.id), claim);
      void queryClient.invalidateQueries({ queryKey: claimKeys.lists() });
      return callbacks.onSuccess?.(claim, ...rest);
    },
  });
}
