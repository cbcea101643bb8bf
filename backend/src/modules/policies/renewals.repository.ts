// SQL for renewals: the policies whose term ends soon, the renewal transactions the daily job works
// on, the worklist and the renewal rate. First argument: the db or the transaction.
import type { RenewalListQuery } from '../../contracts/policies';
import type { DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { keysetPage, type SortKey } from '../../platform/pagination';
import { scoped } from '../../platform/scope';

/**
 * Active policies with a term (not a trip) whose renewal date — the day after the end date — falls
 * in [from, to] and that have no renewal for that date yet, in id order from `after`.
 */
export function policiesDueForRenewal(db: DbOrTrx, from: string, to: string, after: string | null, limit: number): Promise<{ id: string }[]> {
  const q = db('policies as p')
    .where('p.status', 'active')
    .whereNull('p.trip')
    .whereRaw('p.end_date + 1 BETWEEN ?::date AND ?::date', [from, to])
    .whereNotExists(db('policy_transactions as t').where('t.type', 'renewal').whereRaw('t.policy_id = p.id').whereRaw('t.effective_date = p.end_date + 1'))
    .orderBy('p.id')
    .limit(limit)
    .select('p.id');
  if (after) q.where('p.id', '>', after);
  return q;
}

/** The renewal of the policy for that renewal date, if one was prepared (any status). */
export function renewalOn(db: DbOrTrx, policyId: string, renewalDate: string): Promise<{ id: string } | undefined> {
  return db('policy_transactions').where({ policy_id: policyId, type: 'renewal', effective_date: renewalDate }).first('id');
}

/** Open renewals quoted on terms that have changed since (an endorsement was issued): they are priced again. */
export function staleOpenRenewals(db: DbOrTrx): Promise<{ id: string; policy_id: string }[]> {
  return db('policy_transactions as t')
    .join('policies as p', 'p.id', 't.policy_id')
    .where({ 't.type': 'renewal', 't.status': 'quoted', 'p.status': 'active' })
    .whereRaw('t.base_terms_version <> p.terms_version')
    .whereRaw('t.effective_date = p.end_date + 1')
    .orderBy('t.id')
    .select('t.id', 't.policy_id');
}

/** Quoted renewals whose date has come, of policies still active and not yet renewed: candidates for renewing by themselves. */
export function renewalsDueOn(db: DbOrTrx, today: string): Promise<{ id: string; policy_id: string }[]> {
  return db('policy_transactions as t')
    .join('policies as p', 'p.id', 't.policy_id')
    .where({ 't.type': 'renewal', 't.status': 'quoted', 'p.status': 'active' })
    .where('t.effective_date', '<=', today)
    .whereRaw('t.effective_date = p.end_date + 1')
    .orderBy('t.id')
    .select('t.id', 't.policy_id');
}

/** Active policies whose term ended before `today` (not renewed): they expire. */
export function policiesEndedBefore(db: DbOrTrx, today: string): Promise<{ id: string }[]> {
  return db('policies').where('status', 'active').where('end_date', '<', today).orderBy('id').select('id');
}

/** The open (draft or quoted) renewals of a policy, locked. */
export function lockOpenRenewals(
  trx: Trx,
  policyId: string,
): Promise<{ id: string; status: string; version: number; transaction_number: string; changes: Record<string, unknown> }[]> {
  return trx('policy_transactions')
    .where({ policy_id: policyId, type: 'renewal' })
    .whereIn('status', ['draft', 'quoted'])
    .forUpdate()
    .select('id', 'status', 'version', 'transaction_number', 'changes');
}

export interface RenewalListRow extends Record<string, unknown> {
  id: string;
  transaction_number: string;
  version: number;
  status: string;
  effective_date: string;
  changes: { nonRenewal?: { reasonCode: string } | null };
  old_annual_premium: string | null;
  new_annual_premium: string | null;
  branch_id: string;
  policy_id: string;
  policy_number: string;
  end_date: string;
  currency: string;
  product_name: string;
  customer_id: string;
  customer_number: string;
  first_name: string;
  last_name: string;
  agent_id: string;
  agent_name: string;
}

const RENEWAL_ORDER: SortKey[] = [
  { column: 't.effective_date', field: 'effective_date', dir: 'asc' },
  { column: 't.id', field: 'id', dir: 'asc' },
];
const STATUS_OF: Record<NonNullable<RenewalListQuery['status']>, string[]> = { offered: ['draft', 'quoted'], accepted: ['issued'], declined: ['discarded'] };

/** Renewals with renewal dates from `today` to `today + dueWithin`, soonest first, in the actor's branches. */
export function renewalPage(db: DbOrTrx, actor: Actor, today: string, query: RenewalListQuery) {
  const q = scoped(
    db('policy_transactions as t')
      .join('policies as p', 'p.id', 't.policy_id')
      .join('products as pr', 'pr.id', 'p.product_id')
      .join('customers as c', 'c.id', 'p.customer_id')
      .join('users as a', 'a.id', 'p.agent_id')
      .where('t.type', 'renewal')
      .whereRaw('t.effective_date BETWEEN ?::date AND ?::date + ?::int', [today, today, query.dueWithin])
      .select(
        't.id',
        't.transaction_number',
        't.version',
        't.status',
        't.effective_date',
        't.changes',
        't.old_annual_premium',
        't.new_annual_premium',
        't.branch_id',
        'p.id as policy_id',
        'p.policy_number',
        'p.end_date',
        'p.currency',
        'pr.name as product_name',
        'c.id as customer_id',
        'c.customer_number',
        'c.first_name',
        'c.last_name',
        'a.id as agent_id',
        'a.name as agent_name',
      ),
    actor,
    't.branch_id',
  );
  if (query.status) q.whereIn('t.status', STATUS_OF[query.status]);
  return keysetPage<RenewalListRow>(q, RENEWAL_ORDER, query);
}

/** Renewals by month of their renewal date within [from, toExclusive), in the actor's branches. */
export function renewalsByMonth(
  db: DbOrTrx,
  actor: Actor,
  from: string,
  toExclusive: string,
): Promise<{ month: string; due: string; renewed: string; declined: string; open: string }[]> {
  return scoped(
    db('policy_transactions')
      .where('type', 'renewal')
      .where('effective_date', '>=', from)
      .where('effective_date', '<', toExclusive)
      .groupByRaw("to_char(effective_date, 'YYYY-MM')")
      .orderByRaw("to_char(effective_date, 'YYYY-MM')")
      .select(
        db.raw("to_char(effective_date, 'YYYY-MM') AS month"),
        db.raw('count(*) AS due'),
        db.raw("count(*) FILTER (WHERE status = 'issued') AS renewed"),
        db.raw("count(*) FILTER (WHERE status = 'discarded') AS declined"),
        db.raw("count(*) FILTER (WHERE status IN ('draft', 'quoted')) AS open"),
      ),
    actor,
    'branch_id',
  );
}

/** A row of the renewals due and lapsed report: a renewal or a lapse transaction. */
export interface RenewalReportRow {
  id: string;
  type: 'renewal' | 'lapse';
  status: string;
  effective_date: string;
  transaction_number: string;
  non_renewal_reason: string | null;
  old_annual_premium: number | null;
  new_annual_premium: number | null;
  policy_number: string;
  product_name: string;
  customer_number: string;
  customer_name: string;
  agent_name: string;
  currency: string;
}

/**
 * Renewals (renewal date) and lapses (effective date) on `from`..`to` in the actor's branches, by
 * date then id; `size` after the keyset (effective_date, id).
 */
export function renewalsAndLapsesPage(
  db: DbOrTrx,
  actor: Actor,
  filter: { from: string; to: string },
  after: { date: string; id: string } | null,
  size: number,
): Promise<RenewalReportRow[]> {
  const q = scoped(
    db('policy_transactions as t')
      .join('policies as p', 'p.id', 't.policy_id')
      .join('products as pr', 'pr.id', 'p.product_id')
      .join('customers as c', 'c.id', 'p.customer_id')
      .join('users as a', 'a.id', 'p.agent_id')
      .whereIn('t.type', ['renewal', 'lapse'])
      .whereBetween('t.effective_date', [filter.from, filter.to])
      .select(
        't.id',
        't.type',
        't.status',
        db.raw(`to_char(t.effective_date, 'YYYY-MM-DD') AS effective_date`),
        't.transaction_number',
        db.raw(`t.changes->'nonRenewal'->>'reasonCode' AS non_renewal_reason`),
        't.old_annual_premium',
        't.new_annual_premium',
        'p.policy_number',
        'pr.name as product_name',
        'c.customer_number',
        db.raw(`c.first_name || ' ' || c.last_name AS customer_name`),
        'a.name as agent_name',
        db.raw('trim(p.currency) AS currency'),
      ),
    actor,
    't.branch_id',
  );
  if (after) q.whereRaw('(t.effective_date, t.id) > (?::date, ?::uuid)', [after.date, after.id]);
  return q.orderBy([{ column: 't.effective_date' }, { column: 't.id' }]).limit(size);
}
