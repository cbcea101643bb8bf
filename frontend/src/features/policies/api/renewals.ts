import { type DeclineRenewalBody, PolicyTransaction, RenewalItem, type RenewalListQuery } from '@contracts/policies';
import { PAGE_LIMIT_MAX, pageOf } from '@contracts/common';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { countOfPage } from '@/lib/list-count';
import { queryString } from '@/lib/query-string';
import { policyKeys } from './policy-keys';

const RenewalPage = pageOf(RenewalItem);
const PAGE_SIZE = 25;

export type RenewalCriteria = Pick<RenewalListQuery, 'status'> & { dueWithin?: number };

export const renewalKeys = {
  all: [...policyKeys.all, 'renewals'] as const,
  list: (criteria: RenewalCriteria) => [...renewalKeys.all, criteria] as const,
};

export const renewalsQueryOptions = (criteria: RenewalCriteria) =>
  infiniteQueryOptions({
    queryKey: renewalKeys.list(criteria),
    queryFn: ({ pageParam, signal }) => api.get(`/policies/renewals${queryString({ ...criteria, limit: PAGE_SIZE, cursor: pageParam })}`, RenewalPage, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

/** Renewals due within `dueWithin` days (default 60) in the user's branches, soonest first. */
export function useRenewals(criteria: RenewalCriteria) {
  return useInfiniteQuery({ ...renewalsQueryOptions(criteria), placeholderData: keepPreviousData });
}

/** How many renewals match (the home page's tile): one capped page, under the renewals' key so a step refreshes it. */
export function useRenewalCount(criteria: RenewalCriteria) {
  return useQuery({
    queryKey: [...renewalKeys.all, 'count', criteria],
    queryFn: async ({ signal }) => countOfPage(await api.get(`/policies/renewals${queryString({ ...criteria, limit: PAGE_LIMIT_MAX })}`, RenewalPage, { signal })),
  });
}

/** Accepts (issues) an offered renewal on the customer's instruction, or records their (or the insurer's) non-renewal; If-Match on its version. */
export function useRenewalStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ tx, decline }: { tx: { id: string; version: number }; decline?: DeclineRenewalBody }) =>
      decline
        ? api.post(`/policy-transactions/${tx.id}/decline-renewal`, decline, PolicyTransaction, { ifMatch: etag(tx.version) })
        : api.post(`/policy-transactions/${tx.id}/issue`, {}, PolicyTransaction, { ifMatch: etag(tx.version) }),
    // The policy (terms, end date), its changes, the worklist and billing's schedule.
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: policyKeys.all }), queryClient.invalidateQueries({ queryKey: ['billing'] })]),
  });
}
