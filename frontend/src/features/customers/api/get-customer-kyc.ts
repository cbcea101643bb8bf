import { KycOverview } from '@contracts/customers';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { customerKeys } from './customer-keys';

/** KYC status and every verification, newest first. */
export function getCustomerKyc(id: string, signal?: AbortSignal): Promise<KycOverview> {
  return api.get(`/customers/${id}/kyc`, KycOverview, { signal });
}

export const customerKycQueryOptions = (id: string) =>
  queryOptions({
    queryKey: customerKeys.kyc(id),
    queryFn: ({ signal }) => getCustomerKyc(id, signal),
  });

export function useCustomerKyc(id: string) {
  return useQuery(customerKycQueryOptions(id));
}
