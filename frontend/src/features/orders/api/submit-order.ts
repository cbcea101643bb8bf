import { Order } from '@contracts/orders';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { useOrderMutation } from './use-order-mutation';
import type { OrderCallbacks } from './use-order-mutation';

export interface SubmitOrderInput {
  order: Pick<Order, 'id' | 'version'>;
  /** The answer to the underwriter's request for information, when resubmitting. */
  response?: string;
}

/**
 * Submit for underwriting. 409 ORDER_INCOMPLETE (`errors` by field), DOCUMENTS_MISSING (`missing`),
 * QUOTE_EXPIRED (`validUntil`), NOT_ELIGIBLE (`reasons`).
 */
export function submitOrder({ order, response }: SubmitOrderInput): Promise<Order> {
  return api.post(`/orders/${order.id}/submit`, response ? { response } : {}, Order, { ifMatch: etag(order.version) });
}

export function useSubmitOrder(callbacks: OrderCallbacks<SubmitOrderInput> = {}) {
  return useOrderMutation(submitOrder, callbacks);
}
