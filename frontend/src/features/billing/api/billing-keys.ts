export const billingKeys = {
  all: ['billing'] as const,
  policy: (policyId: string) => [...billingKeys.all, 'policy', policyId] as const,
  customer: (customerId: string) => [...billingKeys.all, 'customer', customerId] as const,
  policyPayments: (policyId: string) => [...billingKeys.all, 'policy', policyId, 'payments'] as const,
  /** Under the policy's key: a payment or a write-off on the policy refreshes its refunds too. */
  policyRefunds: (policyId: string) => [...billingKeys.all, 'policy', policyId, 'refunds'] as const,
  refunds: () => [...billingKeys.all, 'refunds'] as const,
  refundsAwaitingApproval: () => [...billingKeys.refunds(), 'awaiting-approval'] as const,
};
