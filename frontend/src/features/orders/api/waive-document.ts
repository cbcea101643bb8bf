import { Order } from '@contracts/orders';
import { api } from '@/lib/api-client';
import { useOrderMutation } from './use-order-mutation';
import type { OrderCallbacks } from './use-order-mutation';

export interface WaiveDocumentInput {
  order: Pick<Order, 'id'>;
  /** The required document's code. */
  code: string;
  /** Why it is not needed, for the file. */
  reason: string;
}

/** The underwriter waives a required document (409 DOCUMENT_ALREADY_SETTLED, ORDER_NOT_IN_REVIEW). */
export function waiveDocument({ order, code, reason }: WaiveDocumentInput): Promise<Order> {
  return api.post(`/orders/${order.id}/waive-document`, { code, reason }, Order);
}

export function useWaiveDocument(callbacks: OrderCallbacks<WaiveDocumentInput> = {}) {
  return useOrderMutation(waiveDocument, callbacks);
}
