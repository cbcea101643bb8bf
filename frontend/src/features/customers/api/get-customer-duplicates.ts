import { DuplicateList } from '@contracts/customers';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { customerKeys } from './customer-keys';

/** Likely duplicates in the user's branches, and whether one exists in another branch (never described). */
export function getCustomerDuplicates(id: string, signal?: AbortSignal): Promise<DuplicateList> {
  return api.get(`/customers/${id}/duplicates`, DuplicateList, { signal });
}

export const customerDuplicatesQueryOptions = (id: string) =>
  queryOptions({
    queryKey: customerKeys.duplicates(id),
    queryFn: ({ signal }) => getCustomerDuplicates(id, signal),
  });

export function useCustomerDuplicates(id: string) {
  return useQuery(customerDuplicatesQueryOptions(id));
}
