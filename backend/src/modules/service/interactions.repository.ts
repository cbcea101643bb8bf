// SQL of interactions and of the customer timeline (interactions and tasks in one keyset order).
import type { Knex } from 'knex';
import type { TimelineKind } from '../../contracts/service';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { keysetPage, type SortKey } from '../../platform/pagination';
import { scoped } from '../../platform/scope';
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
}

export interface InteractionView extends InteractionRow {
  agent_name: string;
}

const views = (db: DbOrTrx) => db('service_interactions as i').join('users as u', 'u.id', 'i.agent_id').select('i.*', 'u.name as agent_name');

export async function insertInteraction(db: DbOrTrx, row: Omit<InteractionRow, 'id'>): Promise<InteractionRow> {
  const [inserted] = await db('service_interactions')
    .insert({ ...row, links: JSON.stringify(row.links) })
    .returning('*');
  return inserted;
}

export function findInteraction(db: DbOrTrx, id: string): Promise<InteractionView | undefined> {
  return views(db).where('i.id', id).first();
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

export interface TimelineRow {
  kind: TimelineKind;
  id: string;
  at: Date;
  title: string;
  detail: string;
  by_id: string | null;
  by_name: string | null;
}

const TIMELINE: SortKey[] = [
  { column: 'tl.at', field: 'at', dir: 'desc' },
  { column: 'tl.id', field: 'id', dir: 'desc' },
];

/** The customer's interactions and (in the actor's branches) tasks and cases, newest first. */
export function timelineOf(db: DbOrTrx, actor: Actor, customerId: string, kinds: readonly TimelineKind[], page: { limit: number; cursor?: string }): Promise<Page<TimelineRow>> {
  const parts: Knex.QueryBuilder[] = [];
  if (kinds.includes('interaction')) {
    parts.push(
      db('service_interactions as i')
        .join('users as u', 'u.id', 'i.agent_id')
        .where('i.customer_id', customerId)
        .select(db.raw("'interaction' AS kind"), 'i.id', 'i.occurred_at AS at', 'i.subject AS title', 'i.channel AS detail', 'i.agent_id AS by_id', 'u.name AS by_name'),
    );
  }
  if (kinds.includes('task')) {
    parts.push(
      scoped(
        db('service_tasks as t')
          .leftJoin('users as u', 'u.id', 't.created_by')
          .where('t.customer_id', customerId)
          .select(db.raw("'task' AS kind"), 't.id', 't.created_at AS at', 't.title', 't.status AS detail', 't.created_by AS by_id', 'u.name AS by_name'),
        actor,
        't.branch_id',
      ),
    );
  }
  if (kinds.includes('case')) {
    parts.push(
      scoped(
        db('service_cases as c')
          .join('users as u', 'u.id', 'c.created_by')
          .where('c.customer_id', customerId)
          .select(
            db.raw("'case' AS kind"),
            'c.id',
            'c.created_at AS at',
            db.raw("c.case_number || ': ' || c.subject AS title"),
            'c.status AS detail',
            'c.created_by AS by_id',
            'u.name AS by_name',
          ),
        actor,
        'c.branch_id',
      ),
    );
  }
  const [first, ...rest] = parts;
  const union = rest.length ? first!.unionAll(rest, true) : first!;
  return keysetPage<TimelineRow & Record<string, unknown>>(db.from(union.as('tl')).select('tl.*'), TIMELINE, page);
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
