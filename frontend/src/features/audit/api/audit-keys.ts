import type { AuditFilterValues } from '../audit-filter';

export const auditKeys = {
  all: ['audit'] as const,
  lists: () => [...auditKeys.all, 'list'] as const,
  list: (filter: AuditFilterValues, pageSize: number) => [...auditKeys.lists(), filter, pageSize] as const,
};
