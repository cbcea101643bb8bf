import { Exam } from '@contracts/orders';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { useExamMutation } from './use-exam-mutation';
import type { ExamCallbacks } from './use-exam-mutation';

export interface CompleteExamInput {
  exam: Pick<Exam, 'id' | 'orderId' | 'version'>;
  /** YYYY-MM-DD, not in the future. */
  completedOn: string;
}

/** The exam took place. */
export function completeExam({ exam, ...body }: CompleteExamInput): Promise<Exam> {
  return api.post(`/exams/${exam.id}/complete`, body, Exam, { ifMatch: etag(exam.version) });
}

export function useCompleteExam(callbacks: ExamCallbacks<CompleteExamInput> = {}) {
  return useExamMutation(completeExam, callbacks);
}
