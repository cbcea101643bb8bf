import { pageOf } from '@contracts/common';
import type { Page } from '@contracts/common';
import { TimelineItem, type TimelineKind } from '@contracts/service';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryString } from '@/lib/query-string';
import { serviceKeys } from './service-keys';

const TimelinePage = pageOf(TimelineItem);
// The overview shows the latest ten; "Load more" goes further back.
const PAGE_SIZE = 10;

/** A page of the customer's timeline, newest first, of the kinds asked for (every kind when none). */
export function getCustomerTimeline(
  customerId: string,
  query: { kinds: readonly TimelineKind[]; limit: number; cursor?: string },
  signal?: AbortSignal,
): Promise<Page<TimelineItem>> {
  const params = { limit: query.limit, cursor: query.cursor, kind: query.kinds.length ? query.kinds.join(',') : undefined };
  return api.get(`/customers/${customerId}/timeline${queryString(params)}`, TimelinePage, { signal });
}

export const customerTimelineQueryOptions = (customerId: string, kinds: readonly TimelineKind[]) =>
  infiniteQueryOptions({
    queryKey: serviceKeys.timeline(customerId, kinds),
    queryFn: ({ pageParam, signal }) => getCustomerTimeline(customerId, { kinds, limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

/** The timeline; while another kind filter loads, the previous list stays on screen. */
export function useCustomerTimeline(customerId: string, kinds: readonly TimelineKind[], enabled = true) {
  return useInfiniteQuery({ ...customerTimelineQueryOptions(customerId, kinds), placeholderData: keepPreviousData, enabled });
}
