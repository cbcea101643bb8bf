import { CustomerPage } from '@contracts/customers';
import type { CustomerSummary } from '@contracts/customers';
import type { CountedPage } from '@contracts/common';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryString } from '@/lib/query-string';
import type { CustomerCriteria } from '../customer-filter';
import { customerKeys } from './customer-keys';

const PAGE_SIZE = 25;

/** GET /customers, or the same criteria in a POST body when they include the national id, which never goes in a URL. */
export function searchCustomers(criteria: CustomerCriteria, page: { limit: number; cursor?: string }, signal?: AbortSignal): Promise<CountedPage<CustomerSummary>> {
  const { nationalId, ...filters } = criteria;
  if (nationalId) return api.post('/customers/search', { ...filters, nationalId, ...page }, CustomerPage, { signal });
  return api.get(`/customers${queryString({ ...filters, ...page })}`, CustomerPage, { signal });
}

export const customersQueryOptions = (criteria: CustomerCriteria) =>
  infiniteQueryOptions({
    queryKey: customerKeys.list(criteria),
    queryFn: ({ pageParam, signal }) => searchCustomers(criteria, { limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // While the search changes, the previous rows stay until the new ones arrive.
    placeholderData: keepPreviousData,
  });

/** Best matches first when searching by name, otherwise by name; only customers of the user's branches. */
export function useCustomers(criteria: CustomerCriteria) {
  return useInfiniteQuery(customersQueryOptions(criteria));
}
