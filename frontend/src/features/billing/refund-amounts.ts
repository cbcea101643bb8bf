// What the console offers to refund, from what it has loaded; the server re-checks under a lock.
import type { Payment, Refund } from '@contracts/billing';

/** Refunds that hold money of their source (requested, approved, paid): a payment's never exceed it. */
const HOLDING = new Set<Refund['status']>(['requested', 'approved', 'paid']);

/** What is left to refund of a payment. */
export function refundableOf(payment: Pick<Payment, 'id' | 'amount'>, refunds: readonly Pick<Refund, 'paymentId' | 'status' | 'amount'>[]): number {
  const held = refunds.filter((r) => r.paymentId === payment.id && HOLDING.has(r.status)).reduce((sum, r) => sum + r.amount, 0);
  return Math.max(0, payment.amount - held);
}

/** The customer's credit less the credit refunds still waiting for approval (approved ones have left the credit already). */
export function creditRefundable(credit: number, refunds: readonly Pick<Refund, 'source' | 'status' | 'amount'>[]): number {
  const waiting = refunds.filter((r) => r.source === 'credit' && r.status === 'requested').reduce((sum, r) => sum + r.amount, 0);
  return Math.max(0, credit - waiting);
}
