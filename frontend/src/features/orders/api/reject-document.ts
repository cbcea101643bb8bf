import { Order } from '@contracts/orders';
import { api } from '@/lib/api-client';
import { useOrderMutation } from './use-order-mutation';
import type { OrderCallbacks } from './use-order-mutation';

export interface RejectDocumentInput {
  order: Pick<Order, 'id'>;
  documentId: string;
  /** What is wrong, for the agent who uploads a new one. */
  reason: string;
}

export function rejectDocument({ order, documentId, reason }: RejectDocumentInput): Promise<Order> {
  return api.post(`/orders/${order.id}/documents/${documentId}/reject`, { reason }, Order);
}

export function useRejectDocument(callbacks: OrderCallbacks<RejectDocumentInput> = {}) {
  return useOrderMutation(rejectDocument, callbacks);
}
