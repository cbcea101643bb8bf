import type { AuditLabels } from '@/features/audit';

export const billingAuditLabels: AuditLabels = {
  actions: {
    'ledger.reverse': 'Ledger entry reversed',
    'ledger.export': 'Ledger exported',
    'invoice.credit_applied': 'Credit applied to invoice',
    'invoice.overdue': 'Invoice overdue',
    'invoice.late_fee_charged': 'Late fee charged',
    'invoice.late_fee_waived': 'Late fee waived',
    'payment.create': 'Payment taken',
    'payment.settle': 'Payment settled by the gateway',
    'payment.fail': 'Payment failed',
    'payment.reverse': 'Payment charged back',
  },
  entities: { invoice: 'Invoice', payment: 'Payment', journal_entry: 'Ledger entry' },
};
