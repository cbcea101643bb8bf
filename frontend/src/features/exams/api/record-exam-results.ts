import { Exam } from '@contracts/orders';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { useExamMutation } from './use-exam-mutation';
import type { ExamCallbacks } from './use-exam-mutation';

export interface RecordExamResultsInput {
  exam: Pick<Exam, 'id' | 'orderId' | 'version'>;
  keyResults: { name: string; value: string; unit?: string; abnormal?: boolean }[];
  resultDocumentId?: string;
}

/** Record the key results (optionally the result document uploaded to the order). */
export function recordExamResults({ exam, ...body }: RecordExamResultsInput): Promise<Exam> {
  return api.post(`/exams/${exam.id}/results`, body, Exam, { ifMatch: etag(exam.version) });
}

export function useRecordExamResults(callbacks: ExamCallbacks<RecordExamResultsInput> = {}) {
  return useExamMutation(recordExamResults, callbacks);
}
