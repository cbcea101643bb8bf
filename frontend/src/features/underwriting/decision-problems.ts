// Why the server refused a decision, in plain words for the underwriter.
import { CHECKLIST_STATUSES } from '@contracts/documents';
import { ExamStatus } from '@contracts/orders';
import { EXAM_TYPES } from '@contracts/products';
import type { ExamType } from '@contracts/products';
import { ApiError } from '@/lib/api-error';
import { EXAM_STATUS_LABELS } from '@/features/exams';
import { DOCUMENT_STATUS_LABELS } from '@/components/document-status';
import { stepProblem } from '@/features/orders';
import type { StepProblem } from '@/features/orders';
import { EXAM_LABELS } from '@/features/quotes';
import { formatMoney } from '@/lib/money';

const isExamType = (value: unknown): value is ExamType => typeof value === 'string' && (EXAM_TYPES as readonly string[]).includes(value);

export function decisionProblem(error: unknown): StepProblem {
  const base = stepProblem(error);
  if (!(error instanceof ApiError)) return base;
  const ext = error.extensions;
  switch (error.code) {
    case 'FOUR_EYES':
      return {
        ...base,
        title: 'Someone else must decide this one',
        detail: 'You submitted this application yourself (first or on a resubmission). Under the four-eyes rule someone else has to approve it.',
      };
    case 'APPROVAL_LIMIT_EXCEEDED': {
      const currency = typeof ext.currency === 'string' ? ext.currency : '';
      const amount = typeof ext.amount === 'number' ? formatMoney(ext.amount, currency) : 'The sum insured';
      const limit = typeof ext.limit === 'number' && ext.limit > 0 ? formatMoney(ext.limit, currency) : null;
      return {
        ...base,
        title: 'Above your approval limit',
        detail: limit
          ? `The sum insured of ${amount} is more than you may approve (${limit}). Refer it to a colleague with a higher limit, such as a manager.`
          : `Your role may not approve applications in ${currency}. Refer it to a colleague who may.`,
      };
    }
    case 'DOCUMENTS_UNVERIFIED': {
      const documents = Array.isArray(ext.documents) ? (ext.documents as Record<string, unknown>[]) : [];
      return {
        ...base,
        title: 'Documents are not verified',
        detail: 'An approval needs every required document verified, or waived with a reason. Still to do:',
        items: documents.map((d) => {
          const status = CHECKLIST_STATUSES.find((s) => s === d.status);
          return `${String(d.name ?? d.code)} — ${status ? DOCUMENT_STATUS_LABELS[status].toLowerCase() : String(d.status)}`;
        }),
      };
    }
    case 'EXAMS_OUTSTANDING': {
      const exams = Array.isArray(ext.exams) ? (ext.exams as Record<string, unknown>[]) : [];
      return {
        ...base,
        title: 'Medical exams are still open',
        detail: 'An approval needs the results of every exam, or a waiver. Still open:',
        items: exams.map((e) => {
          const status = ExamStatus.safeParse(e.status);
          return `${isExamType(e.examType) ? EXAM_LABELS[e.examType] : String(e.examType)} — ${status.success ? EXAM_STATUS_LABELS[status.data].toLowerCase() : String(e.status)}`;
        }),
      };
    }
    default:
      return base;
  }
}
