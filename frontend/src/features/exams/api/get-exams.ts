import { countedPageOf } from '@contracts/common';
import type { CountedPage } from '@contracts/common';
import { Exam } from '@contracts/orders';
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { queryString } from '@/lib/query-string';
import { examKeys } from './exam-keys';
import type { ExamCriteria } from './exam-keys';

const ExamPage = countedPageOf(Exam);
const PAGE_SIZE = 50;

/** The exam worklist in the user's branches, the most urgent first. */
export function getExams(criteria: ExamCriteria, page: { limit: number; cursor?: string }, signal?: AbortSignal): Promise<CountedPage<Exam>> {
  return api.get(`/exams${queryString({ ...criteria, ...page })}`, ExamPage, { signal });
}

export const examsQueryOptions = (criteria: ExamCriteria) =>
  infiniteQueryOptions({
    queryKey: examKeys.list(criteria),
    queryFn: ({ pageParam, signal }) => getExams(criteria, { limit: PAGE_SIZE, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

export function useExams(criteria: ExamCriteria) {
  return useInfiniteQuery({ ...examsQueryOptions(criteria), placeholderData: keepPreviousData });
}
