import type { InvoiceStatus, PaymentMethodKind, PaymentStatus } from '@contracts/billing';

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
