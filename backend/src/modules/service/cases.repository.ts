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
  escalation_level: 'agent' | 'senior_agent' | 'manager';
  merged_into_id: string | null;
  csat_suppressed: boolean;
  version: number;
  created_at: Date;
  created_by: string;
  updated_at: Date;
}

export interface CaseView extends CaseRow {
  merged_into_number: string | null;
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
    .leftJoin('service_cases as m', 'm.id', 'c.merged_into_id')
    .select('c.*', 'a.name as assignee_name', 'cr.name as created_by_name', 'm.case_number as merged_into_number');

export function findCase(db: DbOrTrx, id: string): Promise<CaseView | undefined> {
  return views(db).where('c.id', id).first();
}

export function findCaseForUpdate(db: DbOrTrx, id: string): Promise<CaseRow | undefined> {
  return db<CaseRow>('service_cases').where({ id }).forUpdate().first();
}

export async function insertCase(
  db: DbOrTrx,
  row: Omit<CaseRow, 'id' | 'case_number' | 'status' | 'resolution' | 'resolved_at' | 'closed_at' | 'escalation_level' | 'merged_into_id' | 'csat_suppressed' | 'version'>,
): Promise<CaseRow> {
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

/** A change the case did not ask for (the SLA job's escalations): under the row lock the caller holds. */
export async function updateCase(db: DbOrTrx, id: string, patch: Partial<CaseRow>): Promise<CaseRow> {
  const [row] = await db<CaseRow>('service_cases')
    .where({ id })
    .update({ ...patch, version: db.raw('version + 1') as never })
    .returning('*');
  return row;
}

export interface EscalationRow {
  id: number;
  case_id: string;
  trigger: 'manual' | 'warning' | 'breach' | 'complaint' | 'third_contact';
  metric: string | null;
  from_level: CaseRow['escalation_level'];
  to_level: CaseRow['escalation_level'];
  reason: string;
  reassigned_to: string | null;
  priority_from: CaseRow['priority'] | null;
  priority_to: CaseRow['priority'] | null;
  escalated_by: string | null;
  escalated_at: Date;
}

/** Appends an escalation; an automatic trigger already recorded for the case (and metric) gives undefined. */
export async function insertEscalationOnce(db: DbOrTrx, row: Omit<EscalationRow, 'id'>): Promise<number | undefined> {
  const columns = Object.keys(row);
  const result = await db.raw(
    `INSERT INTO service_case_escalations (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT DO NOTHING RETURNING id`,
    Object.values(row) as never[],
  );
  return (result.rows[0] as { id: number } | undefined)?.id;
}

export function escalationsOf(db: DbOrTrx, caseId: string): Promise<(EscalationRow & { reassigned_to_name: string | null; escalated_by_name: string | null })[]> {
  return db('service_case_escalations as e')
    .leftJoin('users as r', 'r.id', 'e.reassigned_to')
    .leftJoin('users as b', 'b.id', 'e.escalated_by')
    .where('e.case_id', caseId)
    .orderBy('e.id')
    .select('e.*', 'r.name as reassigned_to_name', 'b.name as escalated_by_name');
}

/** The case and every case merged into it (directly or through another), ids first the case's own. */
export async function withMerged(db: DbOrTrx, caseId: string): Promise<string[]> {
  const rows: { id: string }[] = (
    await db.raw(`WITH RECURSIVE m(id) AS (SELECT ?::uuid UNION SELECT c.id FROM service_cases c JOIN m ON c.merged_into_id = m.id) SELECT id FROM m`, [caseId])
  ).rows;
  return [caseId, ...rows.map((r) => r.id).filter((id) => id !== caseId)];
}

/** `links @> [{kind:'case', id}]` for any of the cases (the GIN index on links serves each). */
export function aboutCases(q: Knex.QueryBuilder, caseIds: readonly string[], column = 'links'): Knex.QueryBuilder {
  return q.where((w) => {
    for (const id of caseIds) w.orWhereRaw(`${column} @> ?::jsonb`, [JSON.stringify([{ kind: 'case', id }])]);
  });
}

/** Inbound interactions about a case (linked to it or to a case merged into it). */
export async function inboundContactsAbout(db: DbOrTrx, caseId: string): Promise<number> {
  const row = await aboutCases(db('service_interactions'), await withMerged(db, caseId))
    .where('direction', 'inbound')
    .first(db.raw('count(*)::integer AS n'));
  return (row as { n: number }).n;
}

export function mergedFrom(db: DbOrTrx, caseId: string): Promise<{ id: string; case_number: string }[]> {
  return db('service_cases').where({ merged_into_id: caseId }).orderBy('case_number').select('id', 'case_number');
}

/** Complaints of the actor's branches created in [from, to). */
export function complaintsBetween(db: DbOrTrx, actor: Actor, from: Date, to: Date): Promise<CaseView[]> {
  return scoped(views(db), actor, 'c.branch_id').where('c.type', 'complaint').where('c.created_at', '>=', from).where('c.created_at', '<', to).orderBy('c.created_at').limit(5000);
}

/** Open cases per assignee among `userIds` (whom to hand an escalated case to). */
export async function openLoadOf(db: DbOrTrx, userIds: readonly string[]): Promise<Map<string, number>> {
  if (!userIds.length) return new Map();
  const rows: { assignee_id: string; n: number }[] = await db('service_cases')
    .whereIn('assignee_id', userIds)
    .whereIn('status', ['new', 'open', 'pending'])
    .groupBy('assignee_id')
    .select('assignee_id', db.raw('count(*)::integer AS n'));
  return new Map(rows.map((r) => [r.assignee_id, r.n]));
}

/** A branch's open (new, open, pending) cases. */
export function openCasesOfBranch(db: DbOrTrx, branchId: string, limit: number): Promise<CaseView[]> {
  return views(db)
    .where('c.branch_id', branchId)
    .whereIn('c.status', ['new', 'open', 'pending'])
    .orderBy([{ column: 'c.created_at' }, { column: 'c.id' }])
    .limit(limit);
}

/** The customer's newest case still worked (new, open, pending) of this type and subject opened at or after `since` (a call joins it). */
export function recentOpenCase(db: DbOrTrx, customerId: string, type: string, subject: string, since: Date): Promise<Pick<CaseRow, 'id' | 'case_number'> | undefined> {
  return db<CaseRow>('service_cases')
    .where({ customer_id: customerId, type, subject })
    .whereIn('status', ['new', 'open', 'pending'])
    .where('created_at', '>=', since)
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first('id', 'case_number');
}

/** The customer's open cases (new, open, pending; the screen pop's caller card): the count and the newest five. */
export async function openCasesOfCustomer(db: DbOrTrx, customerId: string, limit: number) {
  const open = () => db('service_cases').where({ customer_id: customerId }).whereIn('status', ['new', 'open', 'pending']);
  const [rows, total] = await Promise.all([
    open()
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit)
      .select<{ id: string; case_number: string; subject: string; status: string; priority: string }[]>('id', 'case_number', 'subject', 'status', 'priority'),
    open().count<{ count: string }>('* as count').first(),
  ]);
  return { count: Number(total?.count ?? 0), rows };
}
