import { Order } from '@contracts/orders';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { useOrderMutation } from './use-order-mutation';
import type { OrderCallbacks } from './use-order-mutation';

export interface WithdrawOrderInput {
  order: Pick<Order, 'id' | 'version'>;
  reason: string;
}

/** Withdraw an application not yet in underwriting (draft, submitted, information requested). */
export function withdrawOrder({ order, reason }: WithdrawOrderInput): Promise<Order> {
  return api.post(`/orders/${order.id}/withdraw`, { reason }, Order, { ifMatch: etag(order.version) });
}

export function useWithdrawOrder(callbacks: OrderCallbacks<WithdrawOrderInput> = {}) {
  return useOrderMutation(withdrawOrder, callbacks);
}
