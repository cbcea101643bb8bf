import { Order } from '@contracts/orders';
import type { DECLINE_REASONS } from '@contracts/orders';
import { useOrderMutation } from '@/features/orders';
import type { OrderCallbacks } from '@/features/orders';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';

export interface DeclineOrderInput {
  order: Pick<Order, 'id' | 'version'>;
  reasonCode: (typeof DECLINE_REASONS)[number];
  note: string;
}

export function declineOrder({ order, reasonCode, note }: DeclineOrderInput): Promise<Order> {
  return api.post(`/orders/${order.id}/decline`, { reasonCode, note }, Order, { ifMatch: etag(order.version) });
}

export function useDeclineOrder(callbacks: OrderCallbacks<DeclineOrderInput> = {}) {
  return useOrderMutation(declineOrder, callbacks);
}
