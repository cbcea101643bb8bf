import { ClaimPage, type ClaimSummary } from '@contracts/claims';
import type { Page } from '@contracts/common';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryString } from '@/lib/query-string';
import { claimKeys, type ClaimCriteria } from './claim-keys';

const PAGE_SIZE = 25;

/** Claims in the user's branches, newest first (keyset pages). */
export function getClaims(criteria: ClaimCriteria, page: { limit: number; cursor?: string }, signal?: AbortSignal): Promise<Page<ClaimSummary>> {
  return api.get(`/claims${queryString({ ...criteria, ...page })}`, ClaimPage, { signal });
}

export const claimsQueryOptions = (criteria: ClaimCriteria) =>
  infiniteQueryOptions({
    queryKey: claimKeys.list(criteria),
    queryFn: ({ pageParam, signal }) => getClaims(criteria, { limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export function useClaims(criteria: ClaimCriteria) {
  return useInfiniteQuery({ ...claimsQueryOptions(criteria), placeholderData: keepPreviousData });
}
