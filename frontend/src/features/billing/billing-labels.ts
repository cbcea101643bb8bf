import type { AccountKind, InvoiceStatus, PaymentMethodKind, PaymentStatus, RefundStatus, SourceType } from '@contracts/billing';

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  open: 'Open',
  partially_paid: 'Part paid',
  paid: 'Paid',
  overdue: 'Overdue',
  void: 'Void',
  written_off: 'Written off',
};
export const INVOICE_STATUS_COLORS: Record<InvoiceStatus, string> = { open: 'blue', partially_paid: 'yellow', paid: 'green', overdue: 'red', void: 'gray', written_off: 'gray' };
export const PAYMENT_METHOD_LABELS: Record<PaymentMethodKind, string> = {
  card: 'Card on file',
  bank_transfer: 'Bank transfer',
  direct_debit: 'Direct debit',
  check: 'Check',
  cash: 'Cash at the branch',
};
export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = { pending: 'Pending', succeeded: 'Succeeded', failed: 'Failed', reversed: 'Reversed' };
export const PAYMENT_STATUS_COLORS: Record<PaymentStatus, string> = { pending: 'blue', succeeded: 'green', failed: 'red', reversed: 'orange' };
export const REFUND_STATUS_LABELS: Record<RefundStatus, string> = {
  requested: 'Awaiting approval',
  approved: 'Approved',
  paid: 'Paid out',
  failed: 'Payout failed',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
};
export const REFUND_STATUS_COLORS: Record<RefundStatus, string> = { requested: 'yellow', approved: 'blue', paid: 'green', failed: 'red', rejected: 'gray', cancelled: 'gray' };
/** How a customer's credit is paid out (a card refund needs a card payment). */
export const CREDIT_REFUND_METHOD_LABELS = { bank_transfer: 'Bank transfer', check: 'Check', cash: 'Cash at the branch' } as const;

/** What kind of contact the worklist's "last contact" was (the service desk will add its own kinds). */
export const CONTACT_KIND_LABELS: Record<string, string> = { payment_attempt: 'Payment attempt', call: 'Call', email: 'Email', visit: 'Visit' };

export const ACCOUNT_KIND_LABELS: Record<AccountKind, string> = {
  premium_receivable: 'Premium receivable',
  customer_credit: 'Customer credit',
  cash_clearing: 'Cash clearing',
  premium_income: 'Premium income',
  unearned_premium: 'Unearned premium reserve',
  fee_income: 'Fee income',
  refunds_payable: 'Refunds payable',
  write_offs: 'Write-offs',
  claims_reserve: 'Claims reserve',
  claims_paid: 'Claims paid',
  surrender_benefits: 'Surrender benefits',
  claims_incurred: 'Claims incurred',
  processor_fees: 'Processor fees',
};

export const SOURCE_TYPE_LABELS: Record<SourceType, string> = {
  invoice: 'Invoice',
  payment: 'Payment',
  allocation: 'Credit applied',
  fee: 'Fee',
  waiver: 'Fee waived',
  refund: 'Refund',
  write_off: 'Write-off',
  claim_payment: 'Claim payment',
  claim_reserve: 'Claim reserve',
  reallocation: 'Credit moved',
  policy_transaction: 'Policy change',
  earning: 'Premium earned',
  reconciliation: 'Payout reconciliation',
};
