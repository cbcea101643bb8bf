// What stands between an application in underwriting and its approval, read from the order the way
// the server checks it (FOUR_EYES, DOCUMENTS_UNVERIFIED, EXAMS_OUTSTANDING), so the decision panel
// says so before the click.
import type { Order } from '@contracts/orders';

export interface ApprovalReadiness {
  /** The user submitted this application (first submission or a resubmission): someone else approves it. */
  submittedByYou: boolean;
  /** Required documents neither verified nor waived. */
  unverifiedDocuments: Order['documents'];
  /** Exams with neither results nor a waiver. */
  openExams: Order['exams'];
  /** Nothing above stands in the way. */
  ready: boolean;
}

export function approvalReadiness(order: Pick<Order, 'documents' | 'exams' | 'history'>, userId: string | undefined): ApprovalReadiness {
  const submittedByYou = userId !== undefined && order.history.some((h) => h.toStatus === 'submitted' && h.changedBy.id === userId);
  const unverifiedDocuments = order.documents.filter((d) => d.status !== 'verified' && d.status !== 'waived');
  const openExams = order.exams.filter((e) => e.status !== 'results_received' && e.status !== 'waived');
  return { submittedByYou, unverifiedDocuments, openExams, ready: !submittedByYou && unverifiedDocuments.length === 0 && openExams.length === 0 };
}
