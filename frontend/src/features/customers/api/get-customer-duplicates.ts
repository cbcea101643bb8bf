import { DuplicateList } from '@contracts/customers';
import type { DuplicateCandidate } from '@contracts/customers';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { customerKeys } from './customer-keys';

/** Likely duplicates; those outside the user's branches come masked and without an id. */
export async function getCustomerDuplicates(id: string, signal?: AbortSignal): Promise<DuplicateCandidate[]> {
  return (await api.get(`/customers/${id}/duplicates`, DuplicateList, { signal })).items;
}

export const customerDuplicatesQueryOptions = (id: string) =>
  queryOptions({
    queryKey: customerKeys.duplicates(id),
    queryFn: ({ signal }) => getCustomerDuplicates(id, signal),
  });

export function useCustomerDuplicates(id: string) {
  return useQuery(customerDuplicatesQueryOptions(id));
}
