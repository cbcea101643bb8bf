import type { AuditLabels } from '@/features/audit';

export const billingAuditLabels: AuditLabels = {
  actions: {
    'ledger.reverse': 'Ledger entry reversed',
    'ledger.export': 'Ledger exported',
    'invoice.credit_applied': 'Credit applied to invoice',
    'invoice.overdue': 'Invoice overdue',
    'invoice.late_fee_charged': 'Late fee charged',
    'invoice.late_fee_waived': 'Late fee waived',
    'invoice.void': 'Invoice voided',
    'payment.create': 'Payment taken',
    'payment.settle': 'Payment settled by the gateway',
    'payment.fail': 'Payment failed',
    'payment.reverse': 'Payment charged back',
    'refund.request': 'Refund requested',
    'refund.approve': 'Refund approved',
    'refund.reject': 'Refund rejected',
    'refund.cancel': 'Refund cancelled',
    'refund.pay': 'Refund paid out',
    'refund.settle': 'Refund settled by the gateway',
    'refund.fail': 'Refund payout failed',
    'invoice.write_off': 'Invoice written off',
    'payment.reallocate': 'Payment re-allocated',
  },
  entities: { invoice: 'Invoice', payment: 'Payment', journal_entry: 'Ledger entry', refund: 'Refund' },
};
