import { LateFeeWaiver } from '@contracts/billing';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { billingKeys } from './billing-keys';

export interface WaiveLateFeeInput {
  invoiceId: string;
  lineId: string;
  reason: string;
}

/** Waives a charged late fee with a reason (senior agents and managers). */
export function waiveLateFee({ invoiceId, lineId, reason }: WaiveLateFeeInput): Promise<LateFeeWaiver> {
  return api.post(`/invoices/${invoiceId}/lines/${lineId}/waive`, { reason }, LateFeeWaiver);
}

export function useWaiveLateFee(policyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: waiveLateFee,
    // The policy's figures and invoices, and every customer total (the header shows them).
    onSettled: () =>
      Promise.all([queryClient.invalidateQueries({ queryKey: billingKeys.policy(policyId) }), queryClient.invalidateQueries({ queryKey: [...billingKeys.all, 'customer'] })]),
  });
}
