import { type LapseReviewDecisionBody, PolicyStanding, type StandingWorklistQuery, StandingWorklistItem } from '@contracts/policies';
import { pageOf } from '@contracts/common';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { queryString } from '@/lib/query-string';
import { policyKeys } from './policy-keys';

const PAGE_SIZE = 25;
const WorklistPage = pageOf(StandingWorklistItem);
export type StandingList = StandingWorklistQuery['list'];

const standingQueryOptions = (list: StandingList) =>
  infiniteQueryOptions({
    queryKey: policyKeys.standing(list),
    queryFn: ({ pageParam, signal }) => api.get(`/policies/standing${queryString({ list, limit: PAGE_SIZE, cursor: pageParam })}`, WorklistPage, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

/** Policies in grace (lapsing first), lapsed and still reinstatable, or waiting on a manager's lapse decision. */
export function useStandingWorklist(list: StandingList) {
  return useInfiniteQuery({ ...standingQueryOptions(list), placeholderData: keepPreviousData });
}

/** A manager lapses a policy now or extends its grace (If-Match on the review's version). */
export function useDecideLapseReview(policyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: LapseReviewDecisionBody }) =>
      api.post(`/policies/${policyId}/lapse-review`, body, PolicyStanding, { ifMatch: etag(version) }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: policyKeys.all }),
  });
}
