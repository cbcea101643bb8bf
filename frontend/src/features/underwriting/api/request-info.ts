import { Order } from '@contracts/orders';
import { useOrderMutation } from '@/features/orders';
import type { OrderCallbacks } from '@/features/orders';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';

export interface RequestInfoInput {
  order: Pick<Order, 'id' | 'version'>;
  /** What is needed; the agent sees it on the application and in their work list. */
  reason: string;
}

export function requestInfo({ order, reason }: RequestInfoInput): Promise<Order> {
  return api.post(`/orders/${order.id}/request-info`, { reason }, Order, { ifMatch: etag(order.version) });
}

export function useRequestInfo(callbacks: OrderCallbacks<RequestInfoInput> = {}) {
  return useOrderMutation(requestInfo, callbacks);
}
