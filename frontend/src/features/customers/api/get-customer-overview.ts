import { CustomerOverview } from '@contracts/customers';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { customerKeys } from './customer-keys';

/** The 360° view (audited): KYC, risk, lifetime value and the sections other modules add. */
export function getCustomerOverview(id: string, signal?: AbortSignal): Promise<CustomerOverview> {
  return api.get(`/customers/${id}/overview`, CustomerOverview, { signal });
}

export const customerOverviewQueryOptions = (id: string) =>
  queryOptions({
    queryKey: customerKeys.overview(id),
    queryFn: ({ signal }) => getCustomerOverview(id, signal),
  });

export function useCustomerOverview(id: string) {
  return useQuery(customerOverviewQueryOptions(id));
}
