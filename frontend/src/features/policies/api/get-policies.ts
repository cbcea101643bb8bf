import { countedPageOf } from '@contracts/common';
import type { CountedPage } from '@contracts/common';
import { PolicySummary } from '@contracts/policies';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryString } from '@/lib/query-string';
import { policyKeys } from './policy-keys';
import type { PolicyCriteria } from './policy-keys';

const PolicyPage = countedPageOf(PolicySummary);
const PAGE_SIZE = 25;

/** Policies in the user's branches, newest first or as sorted (keyset pages), with the list's count. */
export function getPolicies(criteria: PolicyCriteria, page: { limit: number; cursor?: string }, signal?: AbortSignal): Promise<CountedPage<PolicySummary>> {
  return api.get(`/policies${queryString({ ...criteria, ...page })}`, PolicyPage, { signal });
}

export const policiesQueryOptions = (criteria: PolicyCriteria) =>
  infiniteQueryOptions({
    queryKey: policyKeys.list(criteria),
    queryFn: ({ pageParam, signal }) => getPolicies(criteria, { limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export function usePolicies(criteria: PolicyCriteria) {
  return useInfiniteQuery({ ...policiesQueryOptions(criteria), placeholderData: keepPreviousData });
}
