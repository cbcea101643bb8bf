// SQL for medical exams (order_exams and their events). First argument: the db or the transaction.
import type { Exam, ExamExportQuery, ExamListQuery, ExamSort, ExamStatus, OrderStatus } from '../../contracts/orders';
import type { DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { countedPage, keysetQuery, sortKeys, type SortColumns, type SortKey } from '../../platform/pagination';
import { scoped } from '../../platform/scope';

export interface ExamRow {
  id: string;
  order_id: string;
  branch_id: string;
  exam_type: Exam['examType'];
  rule_code: string;
  reason: string;
  status: ExamStatus;
  lab_partner: string | null;
  lab_order_reference: string | null;
  scheduled_at: Date | null;
  location: string | null;
  completed_on: string | null;
  key_results: Exam['keyResults'];
  result_document_id: string | null;
  waive_reason: string | null;
  cancel_reason: string | null;
  due_on: string;
  version: number;
}

/** An exam with its order's number and customer. */
export type ExamWithNamesRow = ExamRow & { order_number: string; customer_id: string; first_name: string; last_name: string; customer_number: string };

/**
 * 1 for a finished exam (results received or waived: nothing left to do), else 0: the worklist's
 * urgency puts those last. A cancelled lab order is still work (order it again or waive it). The same expression as the index order_exams_urgency_idx, so it can serve the order.
 */
export const DONE_RANK_SQL = "(CASE WHEN e.status IN ('results_received', 'waived') THEN 1 ELSE 0 END)";

/** The columns each sort orders by (then the id). Urgency: open exams by due date (the overdue ones come first), then the done ones. */
const EXAM_SORT_COLUMNS: Record<string, SortColumns> = {
  urgency: [
    [DONE_RANK_SQL, 'done_rank'],
    ['e.due_on', 'due_on'],
  ],
  dueOn: [['e.due_on', 'due_on']],
  status: [['e.status', 'status']],
  customerName: [
    ['c.last_name', 'last_name'],
    ['c.first_name', 'first_name'],
  ],
  orderNumber: [['o.order_number', 'order_number']],
};
export const examListOrder = (sort: ExamSort): SortKey[] => sortKeys(sort, EXAM_SORT_COLUMNS, ['e.id', 'id']);

/** Exams with their order's number and customer's name. */
function withNames(db: DbOrTrx) {
  return db('order_exams as e')
    .join('orders as o', 'o.id', 'e.order_id')
    .join('customers as c', 'c.id', 'o.customer_id')
    .select('e.*', 'o.order_number', 'o.customer_id', 'c.first_name', 'c.last_name', 'c.customer_number');
}

export function findExam(db: DbOrTrx, id: string): Promise<ExamWithNamesRow | undefined> {
  return withNames(db).where('e.id', id).first();
}

export function ofOrder(db: DbOrTrx, orderId: string): Promise<ExamWithNamesRow[]> {
  return withNames(db).where('e.order_id', orderId).orderBy('e.created_at').orderBy('e.exam_type');
}

/** The worklist's query (scope and filters) before order and limit. `finished` statuses are left out by `overdue` and `open`. */
function listQuery(db: DbOrTrx, actor: Actor, filter: ExamExportQuery, today: string, finished: readonly ExamStatus[]) {
  const q = scoped(withNames(db), actor, 'e.branch_id').select(db.raw(`${DONE_RANK_SQL} AS done_rank`));
  if (filter.status) q.where('e.status', filter.status);
  if (filter.branchId) q.where('e.branch_id', filter.branchId);
  if (filter.orderId) q.where('e.order_id', filter.orderId);
  if (filter.overdue === true) q.whereNotIn('e.status', finished).where('e.due_on', '<', today);
  if (filter.open === true) q.whereNotIn('e.status', [...finished, 'cancelled']);
  if (filter.finished === false) q.whereNotIn('e.status', finished);
  if (filter.finished === true) q.whereIn('e.status', finished);
  return q;
}

/** A page of the worklist (most urgent first unless another sort is asked for) and its capped count. */
export function listPage(db: DbOrTrx, actor: Actor, filter: ExamListQuery, today: string, finished: readonly ExamStatus[]) {
  return countedPage<ExamWithNamesRow & Record<string, unknown>>(db, listQuery(db, actor, filter, today, finished), examListOrder(filter.sort), filter);
}

/** The worklist's first `max` + 1 rows in its order (the CSV export: the extra row says it was cut at `max`). */
export function exportRows(db: DbOrTrx, actor: Actor, filter: ExamExportQuery, today: string, finished: readonly ExamStatus[], max: number): Promise<ExamWithNamesRow[]> {
  return keysetQuery(listQuery(db, actor, filter, today, finished), examListOrder(filter.sort), { limit: max });
}

/** Exams of the order in none of the `satisfied` statuses. */
export function notIn(db: DbOrTrx, orderId: string, satisfied: readonly ExamStatus[]): Promise<{ id: string; exam_type: string; status: ExamStatus }[]> {
  return db('order_exams').where({ order_id: orderId }).whereNotIn('status', satisfied).select('id', 'exam_type', 'status');
}

/** Locks the exam and reads its order's status. */
export function lockWithOrderStatus(trx: Trx, id: string): Promise<(ExamRow & { order_status: OrderStatus }) | undefined> {
  return trx('order_exams as e').join('orders as o', 'o.id', 'e.order_id').where('e.id', id).forUpdate('e').first('e.*', 'o.status as order_status');
}

export function insertExams(
  trx: Trx,
  rows: { order_id: string; branch_id: string; exam_type: string; rule_code: string; reason: string; due_on: string; created_at: Date; updated_at: Date }[],
): Promise<{ id: string; exam_type: string }[]> {
  return trx('order_exams').insert(rows).returning(['id', 'exam_type']);
}

export async function updateExam(trx: Trx, id: string, changes: Record<string, unknown>): Promise<void> {
  await trx('order_exams').where({ id }).update(changes);
}

export async function insertEvents(
  trx: Trx,
  rows: { exam_id: string; from_status: ExamStatus | null; to_status: ExamStatus; note: string | null; changed_by: string; changed_at: Date }[],
): Promise<void> {
  await trx('order_exam_events').insert(rows);
}
