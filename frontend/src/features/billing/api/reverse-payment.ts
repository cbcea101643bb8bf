import { PaymentReversal } from '@contracts/billing';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { billingKeys } from './billing-keys';

export interface ReversePaymentInput {
  paymentId: string;
  /** The payment's version the action was shown for (If-Match). */
  version: number;
  reason: string;
}

/** Marks a check or direct debit bounced: the payment is reversed and the invoices its money paid are owed again (senior agents and managers). */
export function reversePayment({ paymentId, version, reason }: ReversePaymentInput): Promise<PaymentReversal> {
  return api.post(`/payments/${paymentId}/reverse`, { reason }, PaymentReversal, { ifMatch: etag(version) });
}

/** Money taken back: every billing figure may change (the policy, the customer's totals, the worklist, ledgers). */
export function useReversePayment() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: reversePayment, onSettled: () => queryClient.invalidateQueries({ queryKey: billingKeys.all }) });
}
