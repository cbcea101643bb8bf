// SQL for the audit trail. First argument: db or trx (pass the transaction of the change recorded).
import type { Knex } from 'knex';
import type { AuditEntry } from '../../contracts/identity';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { keysetPage, type SortKey } from '../../platform/pagination';
import { scoped } from '../../platform/scope';

export type AuditOutcome = 'success' | 'failure' | 'denied';

export interface AuditRow extends Record<string, unknown> {
  id: number;
  occurred_at: Date;
  actor_user_id: string | null;
  actor_role: string | null;
  actor_name: string | null;
  action: string;
  outcome: AuditOutcome;
  entity_type: string | null;
  entity_id: string | null;
  branch_id: string | null;
  changes: AuditEntry['changes'];
  metadata: AuditEntry['metadata'];
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
}

export type NewAuditRow = Omit<AuditRow, 'id' | 'actor_name'>;

export interface AuditFilterInput {
  entityType?: string;
  entityId?: string;
  actorUserId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export async function insertEntry(db: DbOrTrx, row: NewAuditRow): Promise<void> {
  await db('audit_log').insert(row);
}

const AUDIT_ORDER: SortKey[] = [
  { column: 'a.occurred_at', field: 'occurred_at', dir: 'desc' },
  { column: 'a.id', field: 'id', dir: 'desc' },
];

function entriesQuery(db: DbOrTrx, actor: Actor, filter: AuditFilterInput): Knex.QueryBuilder {
  const q = db('audit_log as a').leftJoin('users as u', 'u.id', 'a.actor_user_id').select('a.*', 'u.name as actor_name');
  // Managers see the trail of their branches; entries without a branch (logins of unknown
  // emails, system events) are for admins only.
  scoped(q, actor, 'a.branch_id');
  if (filter.entityType) q.where('a.entity_type', filter.entityType);
  if (filter.entityId) q.where('a.entity_id', filter.entityId);
  if (filter.actorUserId) q.where('a.actor_user_id', filter.actorUserId);
  if (filter.action) q.where('a.action', filter.action);
  if (filter.from) q.where('a.occurred_at', '>=', filter.from);
  if (filter.to) q.where('a.occurred_at', '<', filter.to);
  return q;
}

/** One keyset page of the entries the actor may read, newest first. */
export const entriesPage = (db: DbOrTrx, actor: Actor, filter: AuditFilterInput, page: { limit: number; cursor?: string }) =>
  keysetPage<AuditRow>(entriesQuery(db, actor, filter), AUDIT_ORDER, page);

/** The first `max` entries the actor may read, newest first. */
export const latestEntries = (db: DbOrTrx, actor: Actor, filter: AuditFilterInput, max: number): Promise<AuditRow[]> =>
  entriesQuery(db, actor, filter)
    .orderBy([
      { column: 'a.occurred_at', order: 'desc' },
      { column: 'a.id', order: 'desc' },
    ])
    .limit(max);
