// SQL of interactions, and the service desk's own kinds on the customer timeline (interactions, tasks,
// cases; platform/timeline.ts defines the order every contributor reads in).
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { keysetPage, type SortKey } from '../../platform/pagination';
import { scoped } from '../../platform/scope';
import { atKeySql, timelineWindow, type TimelineEntry, type TimelineWindow } from '../../platform/timeline';
import type { Page, RecordLinkShape } from './service-types';

export interface InteractionRow {
  id: string;
  channel: string;
  direction: 'inbound' | 'outbound';
  customer_id: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  subject: string;
  notes: string | null;
  outcome: string | null;
  duration_seconds: number | null;
  agent_id: string;
  branch_id: string;
  occurred_at: Date;
  links: RecordLinkShape[];
  resolved_on_first_contact: boolean;
  created_at: Date;
  version: number;
}

export interface InteractionView extends InteractionRow {
  agent_name: string;
}

const views = (db: DbOrTrx) => db('service_interactions as i').join('users as u', 'u.id', 'i.agent_id').select('i.*', 'u.name as agent_name');

export async function insertInteraction(db: DbOrTrx, row: Omit<InteractionRow, 'id' | 'version'>): Promise<InteractionRow> {
  const [inserted] = await db('service_interactions')
    .insert({ ...row, links: JSON.stringify(row.links) })
    .returning('*');
  return inserted;
}

export function findInteraction(db: DbOrTrx, id: string): Promise<InteractionView | undefined> {
  return views(db).where('i.id', id).first();
}

export function findInteractionForUpdate(db: DbOrTrx, id: string): Promise<InteractionRow | undefined> {
  return db('service_interactions').where({ id }).forUpdate().first();
}

/** Links an unknown contact's interaction to a customer (the caller checked version and state under the row lock). */
export async function linkCustomer(db: DbOrTrx, id: string, fields: { customer_id: string; branch_id: string; links: RecordLinkShape[] }): Promise<void> {
  await db('service_interactions')
    .where({ id })
    .update({ ...fields, links: JSON.stringify(fields.links), version: db.raw('version + 1') });
}

export async function insertInteractionHistory(
  db: DbOrTrx,
  row: { interaction_id: string; event: 'customer_linked'; details: Record<string, unknown>; changed_by: string; changed_at: Date },
): Promise<void> {
  await db('service_interaction_history').insert(row);
}

const NEWEST: SortKey[] = [
  { column: 'i.occurred_at', field: 'occurred_at', dir: 'desc' },
  { column: 'i.id', field: 'id', dir: 'desc' },
];

export function interactionsOf(db: DbOrTrx, customerId: string, page: { limit: number; cursor?: string }): Promise<Page<InteractionView>> {
  return keysetPage<InteractionView & Record<string, unknown>>(views(db).where('i.customer_id', customerId), NEWEST, page);
}

export async function countOf(db: DbOrTrx, customerId: string): Promise<number> {
  const row = (await db('service_interactions').where({ customer_id: customerId }).count('* as n').first()) as { n: number | string };
  return Number(row.n);
}

/** The customer's interactions on the timeline (every one: an interaction belongs to the customer's branch). */
export async function interactionTimeline(db: DbOrTrx, customerId: string, window: TimelineWindow): Promise<TimelineEntry[]> {
  const rows: { id: string; at_key: string; subject: string; channel: string; agent_id: string; agent_name: string }[] = await timelineWindow(
    db('service_interactions as i')
      .join('users as u', 'u.id', 'i.agent_id')
      .where('i.customer_id', customerId)
      .select('i.id', atKeySql(db, 'i.occurred_at'), 'i.subject', 'i.channel', 'i.agent_id', 'u.name as agent_name'),
    'interaction',
    { at: 'i.occurred_at', id: 'i.id' },
    window,
  );
  return rows.map((r) => ({
    kind: 'interaction',
    id: r.id,
    atKey: r.at_key,
    title: r.subject,
    detail: r.channel,
    by: { id: r.agent_id, name: r.agent_name },
    record: { type: 'interaction', id: r.id, number: null },
    statusChange: null,
  }));
}

/** Tasks linked to the customer, in the actor's branches, at their creation. */
export async function taskTimeline(db: DbOrTrx, actor: Actor, customerId: string, window: TimelineWindow): Promise<TimelineEntry[]> {
  const rows: { id: string; at_key: string; title: string; status: string; created_by: string | null; created_by_name: string | null }[] = await timelineWindow(
    scoped(
      db('service_tasks as t')
        .leftJoin('users as u', 'u.id', 't.created_by')
        .where('t.customer_id', customerId)
        .select('t.id', atKeySql(db, 't.created_at'), 't.title', 't.status', 't.created_by', 'u.name as created_by_name'),
      actor,
      't.branch_id',
    ),
    'task',
    { at: 't.created_at', id: 't.id' },
    window,
  );
  return rows.map((r) => ({
    kind: 'task',
    id: r.id,
    atKey: r.at_key,
    title: r.title,
    detail: r.status,
    by: r.created_by ? { id: r.created_by, name: r.created_by_name ?? '' } : null,
    record: { type: 'task', id: r.id, number: null },
    statusChange: null,
  }));
}

/** The customer's cases, in the actor's branches, at their creation. */
export async function caseTimeline(db: DbOrTrx, actor: Actor, customerId: string, window: TimelineWindow): Promise<TimelineEntry[]> {
  const rows: { id: string; at_key: string; case_number: string; subject: string; status: string; created_by: string; created_by_name: string }[] = await timelineWindow(
    scoped(
      db('service_cases as c')
        .join('users as u', 'u.id', 'c.created_by')
        .where('c.customer_id', customerId)
        .select('c.id', atKeySql(db, 'c.created_at'), 'c.case_number', 'c.subject', 'c.status', 'c.created_by', 'u.name as created_by_name'),
      actor,
      'c.branch_id',
    ),
    'case',
    { at: 'c.created_at', id: 'c.id' },
    window,
  );
  return rows.map((r) => ({
    kind: 'case',
    id: r.id,
    atKey: r.at_key,
    title: `${r.case_number}: ${r.subject}`,
    detail: r.status,
    by: { id: r.created_by, name: r.created_by_name },
    record: { type: 'case', id: r.id, number: r.case_number },
    statusChange: null,
  }));
}

/** The latest interaction of each of these customers. */
export function lastInteractions(db: DbOrTrx, customerIds: readonly string[]): Promise<{ customer_id: string; occurred_at: Date; channel: string; subject: string }[]> {
  return db('service_interactions')
    .distinctOn('customer_id')
    .whereIn('customer_id', customerIds)
    .orderBy([{ column: 'customer_id' }, { column: 'occurred_at', order: 'desc' }, { column: 'id', order: 'desc' }])
    .select('customer_id', 'occurred_at', 'channel', 'subject');
}

export async function moveCustomer(db: DbOrTrx, sourceId: string, targetId: string): Promise<void> {
  await db('service_interactions').where({ customer_id: sourceId }).update({ customer_id: targetId });
}

/** Interactions linked to any of the cases, newest first (at most 200). */
export function aboutCases(db: DbOrTrx, caseIds: readonly string[]): Promise<InteractionView[]> {
  return views(db)
    .where((w) => {
      for (const id of caseIds) w.orWhereRaw('i.links @> ?::jsonb', [JSON.stringify([{ kind: 'case', id }])]);
    })
    .orderBy([
      { column: 'i.occurred_at', order: 'desc' },
      { column: 'i.id', order: 'desc' },
    ])
    .limit(200);
}

/**
 * Completes a call logged while it rang (telephony): its duration, outcome and the provider's links,
 * once — only a phone call not completed yet. The one change an interaction ever gets.
 */
export async function completeCall(db: DbOrTrx, id: string, fields: { duration_seconds: number | null; outcome: string; notes: string | null }): Promise<boolean> {
  const n = await db('service_interactions')
    .where({ id, channel: 'phone_inbound' })
    .whereNull('duration_seconds')
    .whereNull('outcome')
    .update({
      duration_seconds: fields.duration_seconds,
      outcome: fields.outcome,
      notes: db.raw("CASE WHEN ?::text IS NULL THEN notes ELSE concat_ws(E'\\n', notes, ?::text) END", [fields.notes, fields.notes]),
    });
  return n === 1;
}
