import { KycVerification } from '@contracts/customers';
import type { VerifyKycBody } from '@contracts/customers';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { refreshCustomer } from './refresh-customer';

export interface VerifyKycInput {
  customerId: string;
  /** If-Match is the verification's own version. */
  verification: Pick<KycVerification, 'id' | 'version'>;
  body: z.infer<typeof VerifyKycBody>;
}

/** 409 FOUR_EYES (you recorded it), DOCUMENT_EXPIRED, NOT_AN_IDENTITY_DOCUMENT or ILLEGAL_KYC_TRANSITION. */
export function verifyKycVerification({ customerId, verification, body }: VerifyKycInput): Promise<KycVerification> {
  return api.post(`/customers/${customerId}/kyc/verifications/${verification.id}/verify`, body, KycVerification, {
    ifMatch: etag(verification.version),
  });
}

type Callbacks = Pick<UseMutationOptions<KycVerification, Error, VerifyKycInput>, 'onSuccess' | 'onError'>;

export function useVerifyKycVerification(callbacks: Callbacks) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifyKycVerification,
    ...callbacks,
    onSettled: (_saved, _error, { customerId }) => refreshCustomer(queryClient, customerId),
  });
}
