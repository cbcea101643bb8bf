import type { OverdueCriteria } from '../overdue-filter';

export type LedgerOwner = { policyId: string } | { customerId: string };

export const billingKeys = {
  all: ['billing'] as const,
  policy: (policyId: string) => [...billingKeys.all, 'policy', policyId] as const,
  customer: (customerId: string) => [...billingKeys.all, 'customer', customerId] as const,
  policyPayments: (policyId: string) => [...billingKeys.all, 'policy', policyId, 'payments'] as const,
  /** Under the policy's key: a payment or a write-off on the policy refreshes its refunds too. */
  policyRefunds: (policyId: string) => [...billingKeys.all, 'policy', policyId, 'refunds'] as const,
  refunds: () => [...billingKeys.all, 'refunds'] as const,
  refundsAwaitingApproval: () => [...billingKeys.refunds(), 'awaiting-approval'] as const,
  // Overdue worklist
  overdueLists: () => [...billingKeys.all, 'overdue'] as const,
  overdue: (criteria: OverdueCriteria) => [...billingKeys.overdueLists(), criteria] as const,
  products: () => [...billingKeys.all, 'products'] as const,
  // Ledger view
  ledgers: () => [...billingKeys.all, 'ledger'] as const,
  ledger: (owner: LedgerOwner) => [...billingKeys.ledgers(), owner] as const,
  // Re-allocation
  paymentAllocations: (paymentId: string) => [...billingKeys.all, 'payment', paymentId, 'allocations'] as const,
};
