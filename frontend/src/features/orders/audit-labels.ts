import type { AuditLabels } from '@/features/audit';

/** An application's structured fields in a few words: the audit trail never shows raw JSON. */
function orderValue(field: string, value: unknown): string | undefined {
  if (field === 'insured') {
    if (value === null || value === undefined) return 'The policyholder';
    const v = value as { firstName?: string; lastName?: string };
    return `${v.firstName ?? ''} ${v.lastName ?? ''}`.trim() || 'Someone else';
  }
  if (field === 'beneficiaries' && Array.isArray(value)) {
    if (value.length === 0) return 'None';
    return value.map((b: { name?: string; tier?: string; share?: number }) => `${b.name ?? '?'} (${b.tier ?? ''} ${b.share ?? ''} %)`).join(', ');
  }
  if (field === 'declarations' && value && typeof value === 'object') {
    const answers = Object.values(value as Record<string, { answer?: unknown }>);
    const yes = answers.filter((a) => a?.answer === true).length;
    return `${answers.length} ${answers.length === 1 ? 'answer' : 'answers'}${yes ? `, ${yes} “yes”` : ''}`;
  }
  if (field === 'payment_method' && value && typeof value === 'object') {
    const v = value as { type?: string; brand?: string; last4?: string };
    return `${v.type === 'bank_account' ? 'Bank account' : (v.brand ?? 'Card')} •••• ${v.last4 ?? ''}`;
  }
  return undefined;
}

// Documents are uploaded to applications (and reviewed there), so their actions are named here.
export const ordersAuditLabels: AuditLabels = {
  actions: {
    'order.create': 'Application started',
    'order.update': 'Application changed',
    'order.submit': 'Application submitted',
    'order.withdraw': 'Application withdrawn',
    'order.start_review': 'Review started',
    'order.request_info': 'Information requested',
    'order.approve': 'Application approved',
    'order.decline': 'Application declined',
    'document.upload': 'Document uploaded',
    'document.verify': 'Document verified',
    'document.reject': 'Document rejected',
  },
  entities: { order: 'Application', document: 'Document' },
  links: { order: { path: (id) => `/orders/${id}`, permission: 'orders:read' } },
  fields: {
    insured: 'Insured person',
    beneficiaries: 'Beneficiaries',
    declarations: 'Declarations',
    payment_method: 'Payment method',
    requested_start_date: 'Requested start date',
    note: 'Note',
  },
  value: (entityType, field, value) => (entityType === 'order' ? orderValue(field, value) : undefined),
};
