import { PAGE_LIMIT_MAX } from '@contracts/common';
import { UnderwritingQueueItem } from '@contracts/orders';
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { orderKeys } from '@/features/orders';
import type { QueueCriteria } from '@/features/orders';
import { api } from '@/lib/api-client';
import { queryString } from '@/lib/query-string';

const Queue = z.object({ items: z.array(UnderwritingQueueItem) });
/** The API's largest page (the queue is capped like every list); the filters narrow it. */
export const QUEUE_LIMIT = PAGE_LIMIT_MAX;

/** Orders awaiting a decision: high priority first (referrals, large sums), then the longest waiting. */
export async function getUnderwritingQueue(criteria: QueueCriteria, signal?: AbortSignal): Promise<UnderwritingQueueItem[]> {
  return (await api.get(`/underwriting/queue${queryString({ ...criteria, limit: QUEUE_LIMIT })}`, Queue, { signal })).items;
}

export const underwritingQueueQueryOptions = (criteria: QueueCriteria) =>
  queryOptions({
    queryKey: orderKeys.queue(criteria),
    queryFn: ({ signal }) => getUnderwritingQueue(criteria, signal),
    // A shared work list: others take items from it.
    refetchInterval: 60_000,
  });

export function useUnderwritingQueue(criteria: QueueCriteria) {
  return useQuery({ ...underwritingQueueQueryOptions(criteria), placeholderData: keepPreviousData });
}
