import type { AuditLabels } from '@/features/audit';

// Branch ids in other records' changes are named by the audit feature itself, which reads the branch list.
export const branchesAuditLabels: AuditLabels = {
  actions: {
    'branch.create': 'Branch opened',
    'branch.update': 'Branch changed',
  },
  entities: { branch: 'Branch' },
  fields: { code: 'Code' },
};
