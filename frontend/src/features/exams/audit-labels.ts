import type { AuditLabels } from '@/features/audit';

export const examsAuditLabels: AuditLabels = {
  actions: {
    'exam.order': 'Exam ordered',
    'exam.schedule': 'Exam booked',
    'exam.complete': 'Exam done',
    'exam.record_results': 'Exam results recorded',
    'exam.cancel': 'Exam cancelled',
    'exam.waive': 'Exam waived',
  },
  entities: { exam: 'Medical exam' },
};
