import type { InvoiceStatus, PaymentMethodKind, PaymentStatus, RefundStatus } from '@contracts/billing';

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
