import type { AuditLabels } from '@/features/audit';

export const billingAuditLabels: AuditLabels = {
  actions: {
    'ledger.reverse': 'Ledger entry reversed',
    'ledger.export': 'Ledger exported',
    'invoice.credit_applied': 'Credit applied to invoice',
    'invoice.overdue': 'Invoice overdue',
    'payment.create': 'Payment taken',
    'payment.settle': 'Payment settled by the gateway',
    'payment.fail': 'Payment failed',
    'payment.reverse': 'Payment charged back',
    'payment.reallocate': 'Payment re-allocated',
  },
  entities: { invoice: 'Invoice', payment: 'Payment', journal_entry: 'Ledger entry' },
};
