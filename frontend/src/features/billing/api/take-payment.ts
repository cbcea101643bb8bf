import { PaymentResult, type CreatePaymentBody } from '@contracts/billing';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { billingKeys } from './billing-keys';

export interface TakePaymentInput {
  body: CreatePaymentBody;
  /** One key for the form's lifetime: a double click or a retry replays, never charges twice. */
  idempotencyKey: string;
}

export function takePayment({ body, idempotencyKey }: TakePaymentInput): Promise<PaymentResult> {
  return api.post('/payments', body, PaymentResult, { idempotencyKey });
}

export function useTakePayment(policyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: takePayment,
    // The policy's figures and payments, and every customer total (the header shows them).
    onSettled: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: billingKeys.policy(policyId) }), queryClient.invalidateQueries({ queryKey: [...billingKeys.all, 'customer'] })]),
  });
}
