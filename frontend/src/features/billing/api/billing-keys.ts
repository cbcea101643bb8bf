export const billingKeys = {
  all: ['billing'] as const,
  policy: (policyId: string) => [...billingKeys.all, 'policy', policyId] as const,
  customer: (customerId: string) => [...billingKeys.all, 'customer', customerId] as const,
  policyPayments: (policyId: string) => [...billingKeys.all, 'policy', policyId, 'payments'] as const,
};
