import type { ExamStatus } from '@contracts/orders';

export const EXAM_STATUS_LABELS: Record<ExamStatus, string> = {
  required: 'To be ordered',
  ordered: 'Ordered from the lab',
  scheduled: 'Appointment booked',
  completed: 'Done, waiting for results',
  results_received: 'Results received',
  waived: 'Waived',
  cancelled: 'Cancelled',
};

export const EXAM_STATUS_COLORS: Record<ExamStatus, string> = {
  required: 'gray',
  ordered: 'blue',
  scheduled: 'indigo',
  completed: 'cyan',
  results_received: 'teal',
  waived: 'grape',
  cancelled: 'dark',
};

/** What is expected by the due date, for the worklist's "Due" column. */
export const EXAM_NEXT_STEP: Record<ExamStatus, string | null> = {
  required: 'Order it from a lab',
  ordered: 'Book the appointment',
  scheduled: 'Appointment',
  completed: 'Results expected',
  results_received: null,
  waived: null,
  cancelled: 'Order it again or waive it',
};

/** Exams that no longer hold an approval back. */
export const EXAM_FINISHED: readonly ExamStatus[] = ['results_received', 'waived'];
