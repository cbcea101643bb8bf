import { Order } from '@contracts/orders';
import { api } from '@/lib/api-client';
import { useOrderMutation } from './use-order-mutation';
import type { OrderCallbacks } from './use-order-mutation';

export interface VerifyDocumentInput {
  order: Pick<Order, 'id'>;
  documentId: string;
}

/** The underwriter checked the document (409 DOCUMENT_ALREADY_REVIEWED, ORDER_NOT_IN_REVIEW). */
export function verifyDocument({ order, documentId }: VerifyDocumentInput): Promise<Order> {
  return api.post(`/orders/${order.id}/documents/${documentId}/verify`, undefined, Order);
}

export function useVerifyDocument(callbacks: OrderCallbacks<VerifyDocumentInput> = {}) {
  return useOrderMutation(verifyDocument, callbacks);
}
