import type { AuditFilter } from '@contracts/identity';
import type { z } from 'zod';

// The audit trail's query keys. Every feature's writes invalidate the trail, so the keys live outside
// features/audit, which itself reads from some of those features (branch names).
export const auditKeys = {
  all: ['audit'] as const,
  lists: () => [...auditKeys.all, 'list'] as const,
  list: (filter: z.infer<typeof AuditFilter>, pageSize: number) => [...auditKeys.lists(), filter, pageSize] as const,
};
