import type { AuditLabels } from '@/features/audit';

export const policiesAuditLabels: AuditLabels = {
  actions: {
    'policy.issue': 'Policy issued',
    'policy.transaction_quote': 'Policy change quoted',
    'policy.transaction_issue': 'Policy change issued',
    'policy.transaction_discard': 'Policy change discarded',
    'policy.transaction_referral_decide': 'Referred policy change decided',
    'policy.grace_start': 'Grace period started',
    'policy.grace_end': 'Overdue premium paid, back to active',
    'policy.lapse_review': 'Lapse referred to a manager',
    'policy.lapse_review_decide': 'Lapse decision',
  },
  entities: { policy: 'Policy' },
  links: { policy: { path: (id) => `/policies/${id}`, permission: 'policies:read' } },
};
