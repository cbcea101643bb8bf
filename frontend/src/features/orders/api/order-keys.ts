import type { OrderListQuery, OrderSort, QueueSort, UnderwritingQueueQuery } from '@contracts/orders';

/** What a list of applications asks for, without the paging. */
export type OrderCriteria = Omit<OrderListQuery, 'limit' | 'cursor' | 'sort'> & { sort?: OrderSort };
export type QueueCriteria = Omit<Partial<UnderwritingQueueQuery>, 'limit' | 'sort'> & { sort?: QueueSort };

// Everything about one application sits under detail(id) (its rating previews too), so a change
// refreshes it all in one call; lists and the underwriting queue under their own keys.
export const orderKeys = {
  all: ['orders'] as const,
  lists: () => [...orderKeys.all, 'list'] as const,
  list: (criteria: OrderCriteria) => [...orderKeys.lists(), criteria] as const,
  details: () => [...orderKeys.all, 'detail'] as const,
  detail: (id: string) => [...orderKeys.details(), id] as const,
  ratingPreview: (id: string, extraPremiumPercent: number) => [...orderKeys.detail(id), 'rating-preview', extraPremiumPercent] as const,
  queues: () => [...orderKeys.all, 'queue'] as const,
  queue: (criteria: QueueCriteria) => [...orderKeys.queues(), criteria] as const,
};
