import { Exam } from '@contracts/orders';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { useExamMutation } from './use-exam-mutation';
import type { ExamCallbacks } from './use-exam-mutation';

export interface WaiveExamInput {
  exam: Pick<Exam, 'id' | 'orderId' | 'version'>;
  reason: string;
}

/** Waive the exam (underwriters), saying why. */
export function waiveExam({ exam, ...body }: WaiveExamInput): Promise<Exam> {
  return api.post(`/exams/${exam.id}/waive`, body, Exam, { ifMatch: etag(exam.version) });
}

export function useWaiveExam(callbacks: ExamCallbacks<WaiveExamInput> = {}) {
  return useExamMutation(waiveExam, callbacks);
}
