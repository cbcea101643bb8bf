import { KycVerification } from '@contracts/customers';
import type { RejectKycBody } from '@contracts/customers';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { refreshCustomer } from './refresh-customer';

export interface RejectKycInput {
  customerId: string;
  /** If-Match is the verification's own version. */
  verification: Pick<KycVerification, 'id' | 'version'>;
  body: z.infer<typeof RejectKycBody>;
}

export function rejectKycVerification({ customerId, verification, body }: RejectKycInput): Promise<KycVerification> {
  return api.post(`/customers/${customerId}/kyc/verifications/${verification.id}/reject`, body, KycVerification, {
    ifMatch: etag(verification.version),
  });
}

type Callbacks = Pick<UseMutationOptions<KycVerification, Error, RejectKycInput>, 'onSuccess' | 'onError'>;

export function useRejectKycVerification(callbacks: Callbacks) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rejectKycVerification,
    ...callbacks,
    onSettled: (_saved, _error, { customerId }) => refreshCustomer(queryClient, customerId),
  });
}
