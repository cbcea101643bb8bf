import type { ExamListQuery, ExamSort } from '@contracts/orders';

/** The worklist's filters as the URL and the API take them: `finished=false` leaves out finished exams (the console's default). */
export type ExamCriteria = Omit<ExamListQuery, 'limit' | 'cursor' | 'overdue' | 'finished' | 'sort' | 'open'> & { overdue?: 'true'; finished?: 'false'; sort?: ExamSort };

// The worklist and the lab partners; an exam's own page is its order's page (orderKeys.detail).
export const examKeys = {
  all: ['exams'] as const,
  lists: () => [...examKeys.all, 'list'] as const,
  list: (criteria: ExamCriteria) => [...examKeys.lists(), criteria] as const,
  labPartners: () => [...examKeys.all, 'lab-partners'] as const,
};
