import { InvoiceVoided } from '@contracts/billing';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { billingKeys } from './billing-keys';

export interface VoidInvoiceInput {
  invoiceId: string;
  reason: string;
  /** One per attempt (the dialog's): a retry after a lost answer replays the same result. */
  idempotencyKey: string;
}

/** Voids an unpaid invoice raised in error, with a reason (managers and finance managers). 409 INVOICE_NOT_VOIDABLE once money touched it. */
export function voidInvoice({ invoiceId, reason, idempotencyKey }: VoidInvoiceInput): Promise<InvoiceVoided> {
  return api.post(`/invoices/${invoiceId}/void`, { reason }, InvoiceVoided, { idempotencyKey });
}

export function useVoidInvoice(policyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: voidInvoice,
    // The policy's figures and invoices, and every customer total (the header shows them).
    onSettled: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: billingKeys.policy(policyId) }), queryClient.invalidateQueries({ queryKey: [...billingKeys.all, 'customer'] })]),
  });
}
