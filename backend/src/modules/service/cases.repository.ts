// SQL of cases and their status history.
import type { Knex } from 'knex';
import type { CaseStatus } from '../../contracts/service';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { keysetPage, type SortKey } from '../../platform/pagination';
import { scoped } from '../../platform/scope';
import type { Page, RecordLinkShape } from './service-types';

export interface CaseRow {
  id: string;
  case_number: string;
  type: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  status: CaseStatus;
  subject: string;
  description: string | null;
  customer_id: string | null;
  branch_id: string;
  assignee_id: string | null;
  links: RecordLinkShape[];
  resolution: string | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  version: number;
  created_at: Date;
  created_by: string;
  updated_at: Date;
}

export interface CaseView extends CaseRow {
  assignee_name: string | null;
  created_by_name: string;
}

export interface CaseHistoryRow {
  from_status: CaseStatus | null;
  to_status: CaseStatus;
  reason: string | null;
  changed_by: string;
  changed_by_name: string;
  changed_at: Date;
}

const views = (db: DbOrTrx): Knex.QueryBuilder =>
  db('service_cases as c')
    .leftJoin('users as a', 'a.id', 'c.assignee_id')
    .join('users as cr', 'cr.id', 'c.created_by')
    .select('c.*', 'a.name as assignee_name', 'cr.name as created_by_name');

export function findCase(db: DbOrTrx, id: string): Promise<CaseView | undefined> {
  return views(db).where('c.id', id).first();
}

export function findCaseForUpdate(db: DbOrTrx, id: string): Promise<CaseRow | undefined> {
  return db<CaseRow>('service_cases').where({ id }).forUpdate().first();
}

export async function insertCase(db: DbOrTrx, row: Omit<CaseRow, 'id' | 'case_number' | 'status' | 'resolution' | 'resolved_at' | 'closed_at' | 'version'>): Promise<CaseRow> {
  const [inserted] = await db('service_cases')
    .insert({ ...row, links: JSON.stringify(row.links) })
    .returning('*');
  return inserted;
}

export async function updateCaseIfVersion(db: DbOrTrx, id: string, version: number, patch: Partial<CaseRow>): Promise<CaseRow | undefined> {
  const [row] = await db<CaseRow>('service_cases')
    .where({ id, version })
    .update({ ...patch, version: db.raw('version + 1') as never })
    .returning('*');
  return row;
}

export async function insertHistory(
  db: DbOrTrx,
  row: { case_id: string; from_status: CaseStatus | null; to_status: CaseStatus; reason: string | null; changed_by: string; changed_at: Date },
) {
  await db('service_case_status_history').insert(row);
}

export function historyOf(db: DbOrTrx, caseId: string): Promise<CaseHistoryRow[]> {
  return db('service_case_status_history as h')
    .join('users as u', 'u.id', 'h.changed_by')
    .where('h.case_id', caseId)
    .orderBy('h.id')
    .select('h.from_status', 'h.to_status', 'h.reason', 'h.changed_by', 'u.name as changed_by_name', 'h.changed_at');
}

const NEWEST: SortKey[] = [
  { column: 'c.created_at', field: 'created_at', dir: 'desc' },
  { column: 'c.id', field: 'id', dir: 'desc' },
];

export function listCases(
  db: DbOrTrx,
  actor: Actor,
  filter: { status?: string; customerId?: string; assigneeId?: string },
  page: { limit: number; cursor?: string },
): Promise<Page<CaseView>> {
  const q = scoped(views(db), actor, 'c.branch_id');
  if (filter.status) q.where('c.status', filter.status);
  if (filter.customerId) q.where('c.customer_id', filter.customerId);
  if (filter.assigneeId) q.where('c.assignee_id', filter.assigneeId);
  return keysetPage<CaseView & Record<string, unknown>>(q, NEWEST, page);
}

export async function moveCustomer(db: DbOrTrx, sourceId: string, targetId: string): Promise<void> {
  await db('service_cases').where({ customer_id: sourceId }).update({ customer_id: targetId });
}

/** Business numbers by id, for the audit trail. */
export async function numbersOf(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, string>> {
  const rows: { id: string; case_number: string }[] = await db('service_cases').whereIn('id', ids).select('id', 'case_number');
  return new Map(rows.map((r) => [r.id, r.case_number]));
}

/** The open (new, open, pending) cases assigned to a user, in their branches. */
export function openCasesOf(db: DbOrTrx, actor: Actor, limit: number): Promise<CaseView[]> {
  return scoped(views(db), actor, 'c.branch_id')
    .where('c.assignee_id', actor.userId)
    .whereIn('c.status', ['new', 'open', 'pending'])
    .orderBy([{ column: 'c.created_at' }, { column: 'c.id' }])
    .limit(limit);
}
