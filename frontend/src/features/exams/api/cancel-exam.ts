import { Exam } from '@contracts/orders';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { useExamMutation } from './use-exam-mutation';
import type { ExamCallbacks } from './use-exam-mutation';

export interface CancelExamInput {
  exam: Pick<Exam, 'id' | 'orderId' | 'version'>;
  reason: string;
}

/** Cancel the lab order; it can be ordered again. */
export function cancelExam({ exam, ...body }: CancelExamInput): Promise<Exam> {
  return api.post(`/exams/${exam.id}/cancel`, body, Exam, { ifMatch: etag(exam.version) });
}

export function useCancelExam(callbacks: ExamCallbacks<CancelExamInput> = {}) {
  return useExamMutation(cancelExam, callbacks);
}
