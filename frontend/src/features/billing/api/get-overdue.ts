import { OverduePage } from '@contracts/billing';
import { PAGE_LIMIT_MAX } from '@contracts/common';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { countOfPage } from '@/lib/list-count';
import { queryString } from '@/lib/query-string';
import type { OverdueCriteria } from '../overdue-filter';
import { billingKeys } from './billing-keys';

const PAGE_SIZE = 25;

/** Policies of the user's branches with overdue invoices, most days past due first (keyset pages). */
export function getOverdue(criteria: OverdueCriteria, page: { limit: number; cursor?: string }, signal?: AbortSignal): Promise<OverduePage> {
  return api.get(`/billing/overdue${queryString({ ...criteria, ...page })}`, OverduePage, { signal });
}

export const overdueQueryOptions = (criteria: OverdueCriteria) =>
  infiniteQueryOptions({
    queryKey: billingKeys.overdue(criteria),
    queryFn: ({ pageParam, signal }) => getOverdue(criteria, { limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export function useOverdue(criteria: OverdueCriteria) {
  return useInfiniteQuery({ ...overdueQueryOptions(criteria), placeholderData: keepPreviousData });
}

/** How many policies are overdue (one capped page), for the home page. */
export function useOverdueCount() {
  return useQuery({
    queryKey: [...billingKeys.overdueLists(), 'count'],
    queryFn: async ({ signal }) => countOfPage(await getOverdue({}, { limit: PAGE_LIMIT_MAX }, signal)),
  });
}
