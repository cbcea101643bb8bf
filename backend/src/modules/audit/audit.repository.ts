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
  /** Set instead of actor_user_id when a customer acted through their portal account. */
  actor_portal_account_id?: string | null;
  /** The customer behind actor_portal_account_id (from the join). */
  actor_customer_id?: string | null;
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

export type NewAuditRow = Omit<AuditRow, 'id' | 'actor_name' | 'actor_customer_id'>;

/** The actor's name: the user's, or the customer's behind a portal account. */
const withActor = (q: Knex.QueryBuilder, db: DbOrTrx) =>
  q
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .leftJoin('portal_accounts as pa', 'pa.id', 'a.actor_portal_account_id')
    .leftJoin('customers as pc', 'pc.id', 'pa.customer_id')
    .select('a.*', 'pa.customer_id as actor_customer_id', db.raw(`coalesce(u.name, pc.first_name || ' ' || pc.last_name) AS actor_name`));

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

/** The audit row of a read: what `NewAuditRow` holds, less what the read row supplies (its id and branch) and the changes a read has not. */
export interface ReadEntry {
  occurred_at: Date;
  actor_user_id: string;
  actor_role: string;
  action: string;
  outcome: AuditOutcome;
  entity_type: string;
  metadata: Record<string, string>;
  request_id: string | null;
  ip: string | null;
  user_agent: string | null;
}

/**
 * Reads one record with `query` (which selects its `id` and `branch_id`) and writes `entry` for
 * it in the same statement — a data-modifying CTE: one round trip, no BEGIN/COMMIT, and the audit
 * row commits with the read or not at all. The row is written only when `when` (SQL over the
 * read row, alias `r`) holds, e.g. the actor may see it; the record is answered either way.
 */
export function selectWithEntry<T>(db: DbOrTrx, query: Knex.QueryBuilder, entry: ReadEntry, when: Knex.Raw): Knex.Raw<{ rows: T[] }> {
  const e = entry;
  return db.raw<{ rows: T[] }>(
    `WITH r AS (?), logged AS (
       INSERT INTO audit_log (occurred_at, actor_user_id, actor_role, action, outcome, entity_type, entity_id, branch_id, changes, metadata, request_id, ip, user_agent)
       SELECT ?::timestamptz, ?::uuid, ?, ?, ?, ?, r.id::text, r.branch_id, NULL, ?::jsonb, ?, ?, ? FROM r WHERE ?
     )
     SELECT * FROM r`,
    [query, e.occurred_at, e.actor_user_id, e.actor_role, e.action, e.outcome, e.entity_type, JSON.stringify(e.metadata), e.request_id, e.ip, e.user_agent, when],
  );
}

const AUDIT_ORDER: SortKey[] = [
  { column: 'a.occurred_at', field: 'occurred_at', dir: 'desc' },
  { column: 'a.id', field: 'id', dir: 'desc' },
];

function entriesQuery(db: DbOrTrx, actor: Actor, filter: AuditFilterInput): Knex.QueryBuilder {
  const q = withActor(db('audit_log as a'), db);
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

/**
 * Reads of protected personal data (`<type>.sensitive_read`) on `from`..`to` (business dates in
 * `timeZone`) in the actor's branches (as the trail is scoped), oldest first; `size` after the
 * keyset (occurred_at, id).
 */
export function sensitiveReadsPage(
  db: DbOrTrx,
  actor: Actor,
  filter: { from: string; to: string; timeZone: string },
  after: { occurredAt: Date; id: number } | null,
  size: number,
): Promise<(AuditRow & { branch_name: string | null })[]> {
  const q = scoped(
    db('audit_log as a')
      .leftJoin('users as u', 'u.id', 'a.actor_user_id')
      .leftJoin('branches as b', 'b.id', 'a.branch_id')
      .whereLike('a.action', '%.sensitive_read')
      .whereRaw('a.occurred_at >= (?::date)::timestamp AT TIME ZONE ?', [filter.from, filter.timeZone])
      .whereRaw('a.occurred_at < (?::date + 1)::timestamp AT TIME ZONE ?', [filter.to, filter.timeZone])
      .select('a.*', 'u.name as actor_name', 'b.name as branch_name'),
    actor,
    'a.branch_id',
  );
  if (after) q.whereRaw('(a.occurred_at, a.id) > (?, ?)', [after.occurredAt, after.id]);
  return q.orderBy([{ column: 'a.occurred_at' }, { column: 'a.id' }]).limit(size);
}
