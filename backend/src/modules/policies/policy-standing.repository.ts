// SQL for grace, lapse and reinstatement: the policies in grace or lapsed, the lapses (gaps in
// cover), the lapse reviews managers decide and the notices. First argument: the db or the transaction.
import type { DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { keysetPage, type SortKey } from '../../platform/pagination';
import { scoped } from '../../platform/scope';

export interface LapseRow {
  id: string;
  policy_id: string;
  lapsed_on: string;
  grace_since: string;
  lapse_transaction_id: string;
  reinstated_on: string | null;
  reinstatement_transaction_id: string | null;
}

export interface LapseReviewRow {
  id: string;
  policy_id: string;
  branch_id: string;
  grace_ends_on: string;
  reasons: string[];
  status: 'pending' | 'lapsed' | 'extended';
  decided_by: string | null;
  decided_at: Date | null;
  note: string | null;
  extended_to: string | null;
  created_at: Date;
  version: number;
}

/** What the standing job needs of a policy. */
export interface StandingPolicyRow {
  id: string;
  policy_number: string;
  customer_id: string;
  branch_id: string;
  agent_id: string;
  product_version_id: string;
  product_category: string;
  payment_frequency: string;
  status: string;
  grace_since: string | null;
  grace_ends_on: string | null;
  version: number;
}

function standingPolicies(db: DbOrTrx) {
  return db('policies as pol')
    .join('products as p', 'p.id', 'pol.product_id')
    .select(
      'pol.id',
      'pol.policy_number',
      'pol.customer_id',
      'pol.branch_id',
      'pol.agent_id',
      'pol.product_version_id',
      'p.category as product_category',
      'pol.payment_frequency',
      'pol.status',
      'pol.grace_since',
      'pol.grace_ends_on',
      'pol.version',
    );
}

/** Of the given policies, those with one of the statuses. */
export function policiesWithStatus(db: DbOrTrx, ids: readonly string[], statuses: readonly string[]): Promise<StandingPolicyRow[]> {
  return standingPolicies(db)
    .whereIn('pol.id', [...ids])
    .whereIn('pol.status', [...statuses]);
}

/** Every policy in grace (the job checks each one's arrears). */
export function policiesInGrace(db: DbOrTrx): Promise<StandingPolicyRow[]> {
  return standingPolicies(db)
    .where('pol.status', 'grace')
    .orderBy([{ column: 'pol.grace_ends_on' }, { column: 'pol.id' }]);
}

/** The policy row locked for a change of standing. */
export function lockStandingPolicy(trx: Trx, id: string): Promise<StandingPolicyRow | undefined> {
  return standingPolicies(trx).where('pol.id', id).forUpdate('pol').first();
}

export async function setStanding(
  trx: Trx,
  id: string,
  fromVersion: number,
  standing: { status: string; grace_since: string | null; grace_ends_on: string | null },
  now: Date,
): Promise<boolean> {
  const n = await trx('policies')
    .where({ id, version: fromVersion })
    .update({ ...standing, version: fromVersion + 1, updated_at: now });
  return n === 1;
}

// --- Lapses

export async function insertLapse(trx: Trx, row: Omit<LapseRow, 'id' | 'reinstated_on' | 'reinstatement_transaction_id'>): Promise<void> {
  await trx('policy_lapses').insert(row);
}

/** The policy's lapse not yet ended by a reinstatement. */
export function openLapse(db: DbOrTrx, policyId: string): Promise<LapseRow | undefined> {
  return db('policy_lapses').where({ policy_id: policyId }).whereNull('reinstated_on').first();
}

export async function closeLapse(trx: Trx, id: string, reinstatedOn: string, transactionId: string): Promise<void> {
  await trx('policy_lapses').where({ id }).whereNull('reinstated_on').update({ reinstated_on: reinstatedOn, reinstatement_transaction_id: transactionId });
}

/** The policy's lapses, oldest first (its gaps in cover). */
export function lapsesOf(db: DbOrTrx, policyId: string): Promise<LapseRow[]> {
  return db('policy_lapses').where({ policy_id: policyId }).orderBy('lapsed_on');
}

// --- Lapse reviews

export async function insertLapseReviewIfNew(
  trx: Trx,
  row: Pick<LapseReviewRow, 'policy_id' | 'branch_id' | 'grace_ends_on' | 'created_at'> & { reasons: string },
): Promise<boolean> {
  const inserted = await trx('policy_lapse_reviews').insert(row).onConflict(['policy_id', 'grace_ends_on']).ignore().returning('id');
  return inserted.length === 1;
}

/** The review of the policy's current grace period, if there is one. */
export function reviewOf(db: DbOrTrx, policyId: string, graceEndsOn: string): Promise<LapseReviewRow | undefined> {
  return db('policy_lapse_reviews').where({ policy_id: policyId, grace_ends_on: graceEndsOn }).first();
}

export function lockReview(trx: Trx, id: string): Promise<LapseReviewRow | undefined> {
  return trx('policy_lapse_reviews').where({ id }).forUpdate().first();
}

export async function decideReview(
  trx: Trx,
  id: string,
  decision: Pick<LapseReviewRow, 'status' | 'decided_by' | 'decided_at' | 'note' | 'extended_to' | 'version'>,
): Promise<void> {
  await trx('policy_lapse_reviews').where({ id }).update(decision);
}

// --- Notices

export interface NoticeRow {
  id: string;
  policy_id: string;
  policy_number: string;
  kind: 'grace_started' | 'lapse_warning' | 'lapsed' | 'reinstated';
  message: string;
  created_at: Date;
}

/** Once per policy, kind and period (the grace period's start, or the lapse date). */
export async function insertNoticeIfNew(
  trx: DbOrTrx,
  row: { policy_id: string; customer_id: string; branch_id: string; agent_id: string | null; kind: NoticeRow['kind']; period_key: string; message: string; created_at: Date },
): Promise<boolean> {
  const inserted = await trx('policy_notices').insert(row).onConflict(['policy_id', 'kind', 'period_key']).ignore().returning('id');
  return inserted.length === 1;
}

export function noticesOfCustomer(db: DbOrTrx, customerId: string, limit: number): Promise<NoticeRow[]> {
  return db('policy_notices as n')
    .join('policies as pol', 'pol.id', 'n.policy_id')
    .where('n.customer_id', customerId)
    .orderBy([
      { column: 'n.created_at', order: 'desc' },
      { column: 'n.id', order: 'desc' },
    ])
    .limit(limit)
    .select('n.id', 'n.policy_id', 'pol.policy_number', 'n.kind', 'n.message', 'n.created_at');
}

export function noticesOfPolicy(db: DbOrTrx, policyId: string): Promise<NoticeRow[]> {
  return db('policy_notices as n')
    .join('policies as pol', 'pol.id', 'n.policy_id')
    .where('n.policy_id', policyId)
    .orderBy([
      { column: 'n.created_at', order: 'desc' },
      { column: 'n.id', order: 'desc' },
    ])
    .select('n.id', 'n.policy_id', 'pol.policy_number', 'n.kind', 'n.message', 'n.created_at');
}

export async function moveNotices(trx: Trx, sourceId: string, targetId: string): Promise<void> {
  await trx('policy_notices').where({ customer_id: sourceId }).update({ customer_id: targetId });
}

// --- Worklists

export type WorklistRow = {
  id: string;
  policy_number: string;
  status: string;
  customer_id: string;
  customer_number: string;
  first_name: string;
  last_name: string;
  product_name: string;
  product_category: string;
  product_version_id: string;
  branch_id: string;
  agent_id: string;
  agent_name: string;
  currency: string;
  installment_amount: string | number;
  grace_since: string | null;
  grace_ends_on: string | null;
  lapsed_on: string | null;
  reinstatable_until: string | null;
  review_id: string | null;
  review_reasons: string[] | null;
  review_version: number | null;
  version: number;
};

/**
 * A page of the actor's policies in grace (lapsing first), lapsed and still reinstatable on `today`
 * (most recent lapse first) or waiting on a lapse review (oldest grace end first). The window is the
 * version's `servicing.reinstatementWindowDays`, else the default for the product's line (given).
 */
export function worklistPage(
  db: DbOrTrx,
  actor: Actor,
  query: { list: 'grace' | 'lapsed' | 'review'; today: string; defaultWindows: { life: number; other: number } },
  page: { limit: number; cursor?: string },
) {
  const q = scoped(
    db('policies as pol')
      .join('customers as c', 'c.id', 'pol.customer_id')
      .join('products as p', 'p.id', 'pol.product_id')
      .join('product_versions as v', 'v.id', 'pol.product_version_id')
      .join('users as a', 'a.id', 'pol.agent_id')
      .leftJoin('policy_lapses as l', (j) => j.on('l.policy_id', 'pol.id').andOnNull('l.reinstated_on'))
      .leftJoin('policy_lapse_reviews as r', (j) => j.on('r.policy_id', 'pol.id').andOn('r.grace_ends_on', 'pol.grace_ends_on').andOnVal('r.status', 'pending')),
    actor,
    'pol.branch_id',
  ).select(
    'pol.id',
    'pol.policy_number',
    'pol.status',
    'pol.customer_id',
    'c.customer_number',
    'c.first_name',
    'c.last_name',
    'p.name as product_name',
    'p.category as product_category',
    'pol.product_version_id',
    'pol.branch_id',
    'pol.agent_id',
    'a.name as agent_name',
    'pol.currency',
    'pol.installment_amount',
    'pol.grace_since',
    'pol.grace_ends_on',
    db.raw('l.lapsed_on::text AS lapsed_on'),
    db.raw(
      `(l.lapsed_on + coalesce((v.definition->'servicing'->>'reinstatementWindowDays')::integer, CASE WHEN p.category = 'life' THEN ?::integer ELSE ?::integer END))::text AS reinstatable_until`,
      [query.defaultWindows.life, query.defaultWindows.other],
    ),
    'r.id as review_id',
    'r.reasons as review_reasons',
    'r.version as review_version',
    'pol.version',
  );
  if (query.list === 'lapsed') {
    q.where('pol.status', 'lapsed').whereNotNull('l.id');
    q.whereRaw(
      `l.lapsed_on + coalesce((v.definition->'servicing'->>'reinstatementWindowDays')::integer, CASE WHEN p.category = 'life' THEN ?::integer ELSE ?::integer END) >= ?::date`,
      [query.defaultWindows.life, query.defaultWindows.other, query.today],
    );
    return keysetPage<WorklistRow>(q, LAPSED_ORDER, page);
  }
  q.where('pol.status', 'grace');
  if (query.list === 'review') q.whereNotNull('r.id');
  return keysetPage<WorklistRow>(q, GRACE_ORDER, page);
}

const LAPSED_ORDER: SortKey[] = [
  { column: 'l.lapsed_on', field: 'lapsed_on', dir: 'desc' },
  { column: 'pol.id', field: 'id', dir: 'desc' },
];
const GRACE_ORDER: SortKey[] = [
  { column: 'pol.grace_ends_on', field: 'grace_ends_on', dir: 'asc' },
  { column: 'pol.id', field: 'id', dir: 'asc' },
];
