import { Order } from '@contracts/orders';
import type { ApproveOrderBody } from '@contracts/orders';
import { useOrderMutation } from '@/features/orders';
import type { OrderCallbacks } from '@/features/orders';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';

export interface ApproveOrderInput {
  order: Pick<Order, 'id' | 'version'>;
  /** Empty: as quoted. An extra premium and/or exclusions: with a rating. */
  decision: ApproveOrderBody;
}

/**
 * Approve and issue the policy in the same transaction. 409 FOUR_EYES (the approver submitted it),
 * 409 EXAMS_OUTSTANDING (`exams`), 403 APPROVAL_LIMIT_EXCEEDED (`limit`, `amount`, `currency`).
 */
export function approveOrder({ order, decision }: ApproveOrderInput): Promise<Order> {
  return api.post(`/orders/${order.id}/approve`, decision, Order, { ifMatch: etag(order.version) });
}

export function useApproveOrder(callbacks: OrderCallbacks<ApproveOrderInput> = {}) {
  return useOrderMutation(approveOrder, callbacks);
}
