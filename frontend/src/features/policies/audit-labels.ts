import type { AuditLabels } from '@/features/audit';

export const policiesAuditLabels: AuditLabels = {
  actions: {
    'policy.issue': 'Policy issued',
    'policy.transaction_quote': 'Policy change quoted',
    'policy.transaction_issue': 'Policy change issued',
    'policy.transaction_discard': 'Policy change discarded',
  },
  entities: { policy: 'Policy' },
  links: { policy: { path: (id) => `/policies/${id}`, permission: 'policies:read' } },
};
