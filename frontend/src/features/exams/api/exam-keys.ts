import type { ExamListQuery } from '@contracts/orders';

export type ExamCriteria = Omit<ExamListQuery, 'limit' | 'cursor' | 'overdue'> & { overdue?: 'true' };

// The worklist and the lab partners; an exam's own page is its order's page (orderKeys.detail).
export const examKeys = {
  all: ['exams'] as const,
  lists: () => [...examKeys.all, 'list'] as const,
  list: (criteria: ExamCriteria) => [...examKeys.lists(), criteria] as const,
  labPartners: () => [...examKeys.all, 'lab-partners'] as const,
};
