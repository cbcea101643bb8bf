import { Order } from '@contracts/orders';
import { useQueryClient } from '@tanstack/react-query';
import { getOrder, orderKeys, useOrderMutation } from '@/features/orders';
import type { OrderCallbacks } from '@/features/orders';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';

export interface StartReviewInput {
  /** Without a version (a queue line has none), the order is read first for its If-Match. */
  order: { id: string; version?: number };
}

/** Take a submitted application for review: the caller becomes its underwriter. */
export function startReview(order: Pick<Order, 'id' | 'version'>): Promise<Order> {
  return api.post(`/orders/${order.id}/start-review`, {}, Order, { ifMatch: etag(order.version) });
}

export function useStartReview(callbacks: OrderCallbacks<StartReviewInput> = {}) {
  const queryClient = useQueryClient();
  return useOrderMutation(async ({ order }: StartReviewInput) => {
    const version =
      order.version ?? (await queryClient.fetchQuery({ queryKey: orderKeys.detail(order.id), queryFn: ({ signal }) => getOrder(order.id, signal), staleTime: 0 })).version;
    return startReview({ id: order.id, version });
  }, callbacks);
}
