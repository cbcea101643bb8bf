import { KycVerification } from '@contracts/customers';
import type { Customer, SubmitKycVerificationBody } from '@contracts/customers';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UseMutationOptions } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { refreshCustomer } from './refresh-customer';

export interface SubmitKycVerificationInput {
  /** If-Match is the customer's version: recording a document changes the customer's KYC status. */
  customer: Pick<Customer, 'id' | 'version'>;
  document: SubmitKycVerificationBody;
}

export function submitKycVerification({ customer, document }: SubmitKycVerificationInput): Promise<KycVerification> {
  return api.post(`/customers/${customer.id}/kyc/verifications`, document, KycVerification, {
    ifMatch: etag(customer.version),
  });
}

type Callbacks = Pick<UseMutationOptions<KycVerification, Error, SubmitKycVerificationInput>, 'onSuccess' | 'onError'>;

export function useSubmitKycVerification(callbacks: Callbacks) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: submitKycVerification,
    ...callbacks,
    onSettled: (_saved, _error, { customer }) => refreshCustomer(queryClient, customer.id),
  });
}
