import { PAGE_LIMIT_MAX } from '@contracts/common';
import { useQuery } from '@tanstack/react-query';
import type { HomeTile } from '@/lib/feature';
import { countOfPage } from '@/lib/list-count';
import { queryString } from '@/lib/query-string';
import { getExams } from './api/get-exams';
import { examKeys } from './api/exam-keys';
import type { ExamCriteria } from './api/exam-keys';
import { EXAMS_PATH } from './exam-paths';

const OVERDUE: ExamCriteria = { overdue: 'true' };

function useOverdueExamCount() {
  return useQuery({
    queryKey: [...examKeys.lists(), 'count', OVERDUE],
    queryFn: async ({ signal }) => countOfPage(await getExams(OVERDUE, { limit: PAGE_LIMIT_MAX }, signal)),
  });
}

/** Exams past their due date in the user's branches. */
export const examsHomeTiles: HomeTile[] = [
  { id: 'exams-overdue', label: 'Overdue medical exams', to: `${EXAMS_PATH}${queryString(OVERDUE)}`, permission: 'exams:manage', useCount: useOverdueExamCount, urgent: true },
];
