import type { AuditLabels } from '@/features/audit';

export const policiesAuditLabels: AuditLabels = {
  actions: { 'policy.issue': 'Policy issued' },
  entities: { policy: 'Policy' },
  links: { policy: { path: (id) => `/policies/${id}`, permission: 'policies:read' } },
};
