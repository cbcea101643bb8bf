// What stands between an application in underwriting and its approval, read from the order the way
// the server checks it (FOUR_EYES, DOCUMENTS_UNVERIFIED, EXAMS_OUTSTANDING, TRIP_STARTED), so the decision panel
// says so before the click.
import type { Order } from '@contracts/orders';
import dayjs from 'dayjs';

export interface ApprovalReadiness {
  /** The user submitted this application (first submission or a resubmission): someone else approves it. */
  submittedByYou: boolean;
  /** Required documents neither verified nor waived. */
  unverifiedDocuments: Order['documents'];
  /** Exams with neither results nor a waiver. */
  openExams: Order['exams'];
  /** A trip whose departure date has passed: it can no longer be insured as applied for. */
  tripStarted: boolean;
  /** Nothing above stands in the way. */
  ready: boolean;
}

export function approvalReadiness(
  order: Pick<Order, 'documents' | 'exams' | 'history'> & Partial<Pick<Order, 'trip'>>,
  userId: string | undefined,
  today: string = dayjs().format('YYYY-MM-DD'),
): ApprovalReadiness {
  const submittedByYou = userId !== undefined && order.history.some((h) => h.toStatus === 'submitted' && h.changedBy?.id === userId);
  const unverifiedDocuments = order.documents.filter((d) => d.status !== 'verified' && d.status !== 'waived');
  const openExams = order.exams.filter((e) => e.status !== 'results_received' && e.status !== 'waived');
  const tripStarted = !!order.trip && order.trip.departureDate < today;
  return { submittedByYou, unverifiedDocuments, openExams, tripStarted, ready: !submittedByYou && unverifiedDocuments.length === 0 && openExams.length === 0 && !tripStarted };
}
