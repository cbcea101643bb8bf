// SQL for medical exams (order_exams and their events). First argument: the db or the transaction.
import type { Exam, ExamListQuery, ExamStatus, OrderStatus } from '../../contracts/orders';
import type { DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { keysetPage, type SortKey } from '../../platform/pagination';
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
export type ExamWithNamesRow = ExamRow & { order_number: string; customer_id: string; first_name: string; last_name: string };

const EXAM_ORDER: SortKey[] = [
  { column: 'e.due_on', field: 'due_on', dir: 'asc' },
  { column: 'e.id', field: 'id', dir: 'asc' },
];

/** Exams with their order's number and customer's name. */
function withNames(db: DbOrTrx) {
  return db('order_exams as e')
    .join('orders as o', 'o.id', 'e.order_id')
    .join('customers as c', 'c.id', 'o.customer_id')
    .select('e.*', 'o.order_number', 'o.customer_id', 'c.first_name', 'c.last_name');
}

export function findExam(db: DbOrTrx, id: string): Promise<ExamWithNamesRow | undefined> {
  return withNames(db).where('e.id', id).first();
}

export function ofOrder(db: DbOrTrx, orderId: string): Promise<ExamWithNamesRow[]> {
  return withNames(db).where('e.order_id', orderId).orderBy('e.created_at').orderBy('e.exam_type');
}

/** The worklist page: oldest due first. `finished` statuses are left out by `overdue` and `open`. */
export function listPage(db: DbOrTrx, actor: Actor, filter: ExamListQuery, today: string, finished: readonly ExamStatus[]) {
  const q = scoped(withNames(db), actor, 'e.branch_id');
  if (filter.status) q.where('e.status', filter.status);
  if (filter.branchId) q.where('e.branch_id', filter.branchId);
  if (filter.orderId) q.where('e.order_id', filter.orderId);
  if (filter.overdue === true) q.whereNotIn('e.status', finished).where('e.due_on', '<', today);
  if (filter.open === true) q.whereNotIn('e.status', [...finished, 'cancelled']);
  return keysetPage<ExamWithNamesRow & Record<string, unknown>>(q, EXAM_ORDER, filter);
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
