import { CustomerBilling, PaymentPage, PolicyBilling } from '@contracts/billing';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { billingKeys } from './billing-keys';

/** What the policy owes: schedule, invoices with open amounts, amount due, overdue, next due, credit. */
export function getPolicyBilling(policyId: string, signal?: AbortSignal): Promise<PolicyBilling> {
  return api.get(`/policies/${policyId}/billing`, PolicyBilling, { signal });
}

export function usePolicyBilling(policyId: string, enabled = true) {
  return useQuery(queryOptions({ queryKey: billingKeys.policy(policyId), queryFn: ({ signal }) => getPolicyBilling(policyId, signal), enabled }));
}

/** The policy's payments, newest first (the first page: a policy has a few a year). */
export function usePolicyPayments(policyId: string) {
  return useQuery(
    queryOptions({ queryKey: billingKeys.policyPayments(policyId), queryFn: ({ signal }) => api.get(`/policies/${policyId}/payments?limit=50`, PaymentPage, { signal }) }),
  );
}

/** What the customer owes across their policies, per currency (for the customer header). */
export const customerBillingQueryOptions = (customerId: string) =>
  queryOptions({ queryKey: billingKeys.customer(customerId), queryFn: ({ signal }) => api.get(`/customers/${customerId}/billing`, CustomerBilling, { signal }) });

export function useCustomerBilling(customerId: string, enabled = true) {
  return useQuery({ ...customerBillingQueryOptions(customerId), enabled });
}
