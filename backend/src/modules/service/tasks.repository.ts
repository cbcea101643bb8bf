// SQL of follow-up tasks and their history.
import type { Knex } from 'knex';
import type { Page, RecordLinkShape } from './service-types';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { keysetPage, type SortKey } from '../../platform/pagination';
import { scoped } from '../../platform/scope';

export interface TaskRow {
  id: string;
  title: string;
  description: string | null;
  status: 'open' | 'done';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  due_at: Date;
  remind_at: Date | null;
  reminded_at: Date | null;
  assignee_id: string | null;
  branch_id: string;
  customer_id: string | null;
  links: RecordLinkShape[];
  source: string;
  source_key: string | null;
  outcome: string | null;
  completed_at: Date | null;
  completed_by: string | null;
  version: number;
  created_at: Date;
  created_by: string | null;
  updated_at: Date;
}

/** A task with the names of the people on it. */
export interface TaskView extends TaskRow {
  assignee_name: string | null;
  completed_by_name: string | null;
  created_by_name: string | null;
}

export interface TaskHistoryRow {
  event: 'created' | 'reassigned' | 'due_changed' | 'priority_changed' | 'completed' | 'reminder_changed' | 'reminded';
  details: Record<string, unknown>;
  changed_by: string | null;
  changed_by_name: string | null;
  changed_at: Date;
}

export function taskViews(db: DbOrTrx): Knex.QueryBuilder {
  return db('service_tasks as t')
    .leftJoin('users as a', 'a.id', 't.assignee_id')
    .leftJoin('users as cb', 'cb.id', 't.completed_by')
    .leftJoin('users as cr', 'cr.id', 't.created_by')
    .select('t.*', 'a.name as assignee_name', 'cb.name as completed_by_name', 'cr.name as created_by_name');
}

export function findTask(db: DbOrTrx, id: string): Promise<TaskView | undefined> {
  return taskViews(db).where('t.id', id).first();
}

export function findTaskForUpdate(db: DbOrTrx, id: string): Promise<TaskRow | undefined> {
  return db<TaskRow>('service_tasks').where({ id }).forUpdate().first();
}

export function findBySourceKey(db: DbOrTrx, source: string, sourceKey: string): Promise<TaskView | undefined> {
  return taskViews(db).where({ 't.source': source, 't.source_key': sourceKey }).first();
}

/** Inserts the task; undefined when (source, source_key) exists already (the first one wins). */
export async function insertTaskIfNew(
  db: DbOrTrx,
  row: Omit<TaskRow, 'id' | 'version' | 'status' | 'outcome' | 'completed_at' | 'completed_by' | 'reminded_at'>,
): Promise<TaskRow | undefined> {
  const [inserted] = await db('service_tasks')
    .insert({ ...row, links: JSON.stringify(row.links) })
    .onConflict(['source', 'source_key'])
    .ignore()
    .returning('*');
  return inserted;
}

export async function updateTaskIfVersion(db: DbOrTrx, id: string, version: number, patch: Partial<TaskRow>): Promise<TaskRow | undefined> {
  const [row] = await db<TaskRow>('service_tasks')
    .where({ id, version })
    .update({ ...patch, version: db.raw('version + 1') as never })
    .returning('*');
  return row;
}

export async function insertHistory(
  db: DbOrTrx,
  row: { task_id: string; event: TaskHistoryRow['event']; details: Record<string, unknown>; changed_by: string | null; changed_at: Date },
) {
  await db('service_task_history').insert({ ...row, details: JSON.stringify(row.details) });
}

export function historyOf(db: DbOrTrx, taskId: string): Promise<TaskHistoryRow[]> {
  return db('service_task_history as h')
    .leftJoin('users as u', 'u.id', 'h.changed_by')
    .where('h.task_id', taskId)
    .orderBy('h.id')
    .select('h.event', 'h.details', 'h.changed_by', 'u.name as changed_by_name', 'h.changed_at');
}

const BY_DUE: SortKey[] = [
  { column: 't.due_at', field: 'due_at', dir: 'asc' },
  { column: 't.id', field: 'id', dir: 'asc' },
];

export function listTasks(
  db: DbOrTrx,
  actor: Actor,
  filter: { status?: string; assigneeId?: string; customerId?: string; branchId?: string },
  page: { limit: number; cursor?: string },
): Promise<Page<TaskView>> {
  const q = scoped(taskViews(db), actor, 't.branch_id');
  if (filter.status) q.where('t.status', filter.status);
  if (filter.assigneeId) q.where('t.assignee_id', filter.assigneeId);
  if (filter.customerId) q.where('t.customer_id', filter.customerId);
  if (filter.branchId) q.where('t.branch_id', filter.branchId);
  return keysetPage<TaskView & Record<string, unknown>>(q, BY_DUE, page);
}

/** The open tasks assigned to a user (in their branches), soonest due first. */
export function openTasksOf(db: DbOrTrx, actor: Actor, limit: number): Promise<TaskView[]> {
  return scoped(taskViews(db), actor, 't.branch_id')
    .where({ 't.assignee_id': actor.userId, 't.status': 'open' })
    .orderBy([{ column: 't.due_at' }, { column: 't.id' }])
    .limit(limit);
}

export async function moveCustomer(db: DbOrTrx, sourceId: string, targetId: string): Promise<void> {
  await db('service_tasks').where({ customer_id: sourceId }).update({ customer_id: targetId });
}

/** A branch's open tasks (assigned or in its queue), what falls due first. */
export function openTasksOfBranch(db: DbOrTrx, branchId: string, limit: number): Promise<TaskView[]> {
  return taskViews(db)
    .where({ 't.branch_id': branchId, 't.status': 'open' })
    .orderBy([{ column: 't.due_at' }, { column: 't.id' }])
    .limit(limit);
}
