import { Exam } from '@contracts/orders';
import { api } from '@/lib/api-client';
import { etag } from '@/lib/concurrency';
import { useExamMutation } from './use-exam-mutation';
import type { ExamCallbacks } from './use-exam-mutation';

export interface ScheduleExamInput {
  exam: Pick<Exam, 'id' | 'orderId' | 'version'>;
  /** ISO date-time with offset, in the future. */
  scheduledAt: string;
  location: string;
}

/** Book (or rebook) the appointment. */
export function scheduleExam({ exam, ...body }: ScheduleExamInput): Promise<Exam> {
  return api.post(`/exams/${exam.id}/schedule`, body, Exam, { ifMatch: etag(exam.version) });
}

export function useScheduleExam(callbacks: ExamCallbacks<ScheduleExamInput> = {}) {
  return useExamMutation(scheduleExam, callbacks);
}
