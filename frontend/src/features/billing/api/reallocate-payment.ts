import { PaymentAllocations, type ReallocatePaymentBody } from '@contracts/billing';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { billingKeys } from './billing-keys';

/** Where the payment's money is applied, the customer's credit and the invoices it could pay instead. */
export function usePaymentAllocations(paymentId: string, enabled = true) {
  return useQuery(
    queryOptions({
      queryKey: billingKeys.paymentAllocations(paymentId),
      queryFn: ({ signal }) => api.get(`/payments/${paymentId}/allocations`, PaymentAllocations, { signal }),
      enabled,
    }),
  );
}

export interface ReallocateInput {
  paymentId: string;
  /** The payment's version the form was filled from (If-Match). */
  version: number;
  body: ReallocatePaymentBody;
}

export function reallocatePayment({ paymentId, version, body }: ReallocateInput): Promise<PaymentAllocations> {
  return api.post(`/payments/${paymentId}/reallocate`, body, PaymentAllocations, { ifMatch: etag(version) });
}

/**
 * Money moved between invoices: every billing figure may change (policies, customers, the worklist,
 * ledgers). The refetch is not awaited: the form is keyed by the allocations' version, so new
 * allocations arriving first would remount it and React Query would drop the caller's onSuccess (the
 * dialog stayed open under load).
 */
export function useReallocatePayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reallocatePayment,
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: billingKeys.all });
    },
  });
}
