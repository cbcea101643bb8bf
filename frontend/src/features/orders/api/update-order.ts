import { Order } from '@contracts/orders';
import type { UpdateOrderBody } from '@contracts/orders';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { useOrderMutation } from './use-order-mutation';
import type { OrderCallbacks } from './use-order-mutation';

export interface UpdateOrderInput {
  /** The order as read: its version goes into If-Match. */
  order: Pick<Order, 'id' | 'version'>;
  changes: UpdateOrderBody;
}

/** PATCH a draft (or an order waiting for information); 412 when someone saved it meanwhile. */
export function updateOrder({ order, changes }: UpdateOrderInput): Promise<Order> {
  return api.patch(`/orders/${order.id}`, changes, Order, { ifMatch: etag(order.version) });
}

export function useUpdateOrder(callbacks: OrderCallbacks<UpdateOrderInput> = {}) {
  return useOrderMutation(updateOrder, callbacks);
}
