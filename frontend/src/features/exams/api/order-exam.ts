import { Exam } from '@contracts/orders';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { useExamMutation } from './use-exam-mutation';
import type { ExamCallbacks } from './use-exam-mutation';

export interface OrderExamInput {
  exam: Pick<Exam, 'id' | 'orderId' | 'version'>;
  labPartner: string;
  labOrderReference: string;
}

/** Order the exam from a lab partner (or order a cancelled one again). */
export function orderExam({ exam, ...body }: OrderExamInput): Promise<Exam> {
  return api.post(`/exams/${exam.id}/order`, body, Exam, { ifMatch: etag(exam.version) });
}

export function useOrderExam(callbacks: ExamCallbacks<OrderExamInput> = {}) {
  return useExamMutation(orderExam, callbacks);
}
