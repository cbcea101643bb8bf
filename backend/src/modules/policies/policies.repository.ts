// SQL for policies. First argument: the db or the transaction.
import type { Policy, PolicyExportQuery, PolicyListQuery, PolicySort } from '../../contracts/policies';
import type { DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { countedPage, keysetQuery, sortKeys, type SortColumns, type SortKey } from '../../platform/pagination';
import { customerStatusChanges, nextRecordNumber } from '../../platform/records';
import type { TimelineEntry, TimelineWindow } from '../../platform/timeline';
import { scoped } from '../../platform/scope';
import type { LapseRow } from './policy-standing.repository';
import type { PolicyVersionRow } from './policy-transactions.repository';

export interface PolicyRow {
  id: string;
  policy_number: string;
  order_id: string;
  customer_id: string;
  branch_id: string;
  agent_id: string;
  insured: Policy['insured'];
  product_id: string;
  product_version_id: string;
  coverages: Policy['coverages'];
  sum_insured: string | number;
  currency: string;
  annual_premium: string | number;
  extra_premium_percent: number | null;
  exclusions: string[];
  payment_frequency: Policy['paymentFrequency'];
  installment_count: number;
  installment_amount: string | number;
  first_installment_amount: string | number;
  /** null for a trip policy: its term is the trip. */
  term_years: number | null;
  trip: Policy['trip'];
  start_date: string;
  end_date: string;
  status: Policy['status'];
  beneficiaries: Policy['beneficiaries'];
  payment_method: Policy['paymentMethod'];
  issued_at: Date;
  version: number;
  terms_version: number;
  /** Set while in grace: the oldest unpaid premium's due date and the last day of grace. */
  grace_since: string | null;
  grace_ends_on: string | null;
  created_at: Date;
}

/** A policy row with the names a list shows (customer, product, version). */
export type PolicyListRow = PolicyRow & {
  customer_number: string;
  first_name: string;
  last_name: string;
  product_name: string;
  product_category: Policy['product']['category'];
  version_number: number;
};

/** The columns each sort of the list orders by (then the id). */
const POLICY_SORT_COLUMNS: Record<string, SortColumns> = {
  createdAt: [['pol.created_at', 'created_at']],
  policyNumber: [['pol.policy_number', 'policy_number']],
  customerName: [
    ['c.last_name', 'last_name'],
    ['c.first_name', 'first_name'],
  ],
  status: [['pol.status', 'status']],
  startDate: [['pol.start_date', 'start_date']],
  annualPremium: [['pol.annual_premium', 'annual_premium']],
};
export const policyListOrder = (sort: PolicySort): SortKey[] => sortKeys(sort, POLICY_SORT_COLUMNS, ['pol.id', 'id']);

function withNames(db: DbOrTrx) {
  return db('policies as pol')
    .join('customers as c', 'c.id', 'pol.customer_id')
    .join('products as p', 'p.id', 'pol.product_id')
    .join('product_versions as v', 'v.id', 'pol.product_version_id')
    .select('pol.*', 'c.customer_number', 'c.first_name', 'c.last_name', 'p.name as product_name', 'p.category as product_category', 'v.version_number');
}

/** The policy with its names, its order's number and its agent's name. */
export function findPolicy(db: DbOrTrx, id: string): Promise<(PolicyListRow & { order_number: string; agent_name: string }) | undefined> {
  return withNames(db).join('orders as o', 'o.id', 'pol.order_id').join('users as a', 'a.id', 'pol.agent_id').where('pol.id', id).first('o.order_number', 'a.name as agent_name');
}

/**
 * The policy with its names, the version of its terms in force on `date` (the latest effective on or
 * before it) and all its lapses in date order — one statement for what `PolicyFacts.onDate` needs.
 */
export function findPolicyOnDate(
  db: DbOrTrx,
  id: string,
  date: string,
): Promise<
  | (PolicyListRow & {
      terms_in_force: Pick<PolicyVersionRow, 'version_number' | 'effective_from' | 'coverages' | 'exclusions' | 'beneficiaries'> | null;
      lapses: Pick<LapseRow, 'lapsed_on' | 'grace_since' | 'reinstated_on'>[];
    })
  | undefined
> {
  return withNames(db)
    .where('pol.id', id)
    .first(
      db.raw(
        `(SELECT row_to_json(t) FROM (SELECT pv.version_number, pv.effective_from, pv.coverages, pv.exclusions, pv.beneficiaries FROM policy_versions pv
            WHERE pv.policy_id = pol.id AND pv.effective_from <= ? ORDER BY pv.effective_from DESC, pv.version_number DESC LIMIT 1) t) AS terms_in_force`,
        [date],
      ),
      db.raw(
        `(SELECT coalesce(json_agg(json_build_object('lapsed_on', l.lapsed_on, 'grace_since', l.grace_since, 'reinstated_on', l.reinstated_on) ORDER BY l.lapsed_on), '[]')
            FROM policy_lapses l WHERE l.policy_id = pol.id) AS lapses`,
      ),
    );
}

/** The list's query (scope and filters) before order and limit. */
function listQuery(db: DbOrTrx, actor: Actor, filter: PolicyExportQuery) {
  const q = scoped(withNames(db), actor, 'pol.branch_id');
  if (filter.status) q.where('pol.status', filter.status);
  if (filter.productId) q.where('pol.product_id', filter.productId);
  if (filter.branchId) q.where('pol.branch_id', filter.branchId);
  if (filter.customerId) q.where('pol.customer_id', filter.customerId);
  if (filter.agentId) q.where('pol.agent_id', filter.agentId);
  return q;
}

/** A page of the actor's policies (newest first unless sorted otherwise) and its capped count. */
export function listPage(db: DbOrTrx, actor: Actor, filter: PolicyListQuery) {
  return countedPage<PolicyListRow & Record<string, unknown>>(db, listQuery(db, actor, filter), policyListOrder(filter.sort), filter);
}

/** The list's first `max` + 1 rows in its order (the CSV export: the extra row says it was cut at `max`). */
export function exportRows(db: DbOrTrx, actor: Actor, filter: PolicyExportQuery, max: number): Promise<PolicyListRow[]> {
  return keysetQuery(listQuery(db, actor, filter), policyListOrder(filter.sort), { limit: max });
}

/** For the customer's 360° view: how many policies the actor may see, and the newest few. */
export async function newestOfCustomer(db: DbOrTrx, actor: Actor, customerId: string, limit: number) {
  const base = scoped(db('policies as pol'), actor, 'pol.branch_id').where('pol.customer_id', customerId);
  const [{ count }] = await base.clone().count<{ count: string }[]>('* as count');
  const items = await base
    .clone()
    .join('products as p', 'p.id', 'pol.product_id')
    .orderBy('pol.created_at', 'desc')
    .limit(limit)
    .select(
      'pol.id',
      'pol.policy_number as policyNumber',
      'pol.status',
      'p.name as productName',
      'pol.annual_premium as annualPremium',
      'pol.payment_frequency as paymentFrequency',
      'pol.currency',
      'pol.start_date as startDate',
      'pol.end_date as endDate',
    );
  return { count: Number(count), items };
}

/** The customer's active policies in `currency`, with what their remaining installments need. */
export function activeInstallmentPlans(
  db: DbOrTrx,
  customerId: string,
  currency: string,
): Promise<{ start_date: string; end_date: string; installment_count: number; installment_amount: string | number }[]> {
  return db('policies').where({ customer_id: customerId, status: 'active', currency }).select('start_date', 'end_date', 'installment_count', 'installment_amount');
}

export async function moveToCustomer(trx: Trx, sourceId: string, targetId: string): Promise<void> {
  await trx('policies').where({ customer_id: sourceId }).update({ customer_id: targetId });
}

export interface NewPolicyRow {
  order_id: string;
  customer_id: string;
  branch_id: string;
  agent_id: string;
  insured: string | null;
  product_id: string;
  product_version_id: string;
  coverages: string;
  sum_insured: number;
  currency: string;
  annual_premium: number;
  extra_premium_percent: number | null;
  exclusions: string;
  payment_frequency: string;
  installment_count: number;
  installment_amount: number;
  first_installment_amount: number;
  term_years: number | null;
  /** A trip policy's trip (JSON text), else null. */
  trip: string | null;
  start_date: string;
  end_date: string;
  beneficiaries: string;
  payment_method: string | null;
  issued_at: Date;
  issued_by: string;
  created_at: Date;
  updated_at: Date;
}

/** Inserts the policy under the next P- number. */
export async function insertPolicy(trx: Trx, row: NewPolicyRow): Promise<{ id: string; policy_number: string }> {
  const [policy] = await trx('policies')
    .insert({ policy_number: nextRecordNumber(trx, 'P', 'policy_number_seq'), ...row })
    .returning(['id', 'policy_number']);
  return policy;
}

export async function insertStatusHistory(
  trx: Trx,
  row: { policy_id: string; from_status: string | null; to_status: string; reason: string | null; changed_by: string | null; changed_at: Date },
): Promise<void> {
  await trx('policy_status_history').insert(row);
}

/** Business numbers by id, for the audit trail (one query for a page of entries). */
export async function numbersOf(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, string>> {
  const rows: { id: string; number: string }[] = await db('policies').whereIn('id', ids).select('id', 'policy_number as number');
  return new Map(rows.map((r) => [r.id, r.number]));
}

/**
 * The first day a policy no longer covers when it ended before its end date: an issued cancellation's
 * effective date; for a lapse or surrender (recorded by status only), the day of that status change.
 */
export async function endedOn(db: DbOrTrx, policyId: string, status: Policy['status']): Promise<string | null> {
  if (status === 'active' || status === 'grace' || status === 'expired' || status === 'lapsed') return null; // a lapse is a gap (policy_lapses), not an end
  if (status === 'cancelled' || status === 'surrendered' || status === 'terminated') {
    const type = { cancelled: 'cancellation', surrendered: 'surrender', terminated: 'termination' }[status];
    const tx = await db('policy_transactions').where({ policy_id: policyId, type, status: 'issued' }).orderBy('effective_date').first('effective_date');
    if (tx) return tx.effective_date as string;
  }
  const h = await db('policy_status_history')
    .where({ policy_id: policyId, to_status: status })
    .orderBy('id', 'desc')
    .first(db.raw("to_char(changed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day"));
  return (h?.day as string | undefined) ?? null;
}

/** Active policies whose start date's month and day are `date`'s, started in an earlier year (NPS around anniversaries), by id. */
export function activeWithAnniversary(
  db: DbOrTrx,
  date: string,
  limit: number,
  afterId?: string,
): Promise<{ id: string; policy_number: string; customer_id: string; branch_id: string; agent_id: string }[]> {
  const q = db('policies')
    .where('status', 'active')
    .whereRaw("to_char(start_date, 'MM-DD') = ?", [date.slice(5)])
    .where('start_date', '<', date)
    .orderBy('id')
    .limit(limit)
    .select('id', 'policy_number', 'customer_id', 'branch_id', 'agent_id');
  if (afterId) q.where('id', '>', afterId);
  return q;
}

/** The status changes of the customer's policies in the actor's branches, for the customer timeline. */
export function statusChangesOfCustomer(db: DbOrTrx, actor: Actor, customerId: string, window: TimelineWindow): Promise<TimelineEntry[]> {
  return customerStatusChanges(
    db,
    actor,
    { kind: 'policy', records: 'policies', numberColumn: 'policy_number', history: 'policy_status_history', foreignKey: 'policy_id' },
    customerId,
    window,
  );
}

/** The customers' policy whose number's digits equal `digits` as a number (few policies per customer: read through the customer index). */
export function byCustomersAndNumberDigits(
  db: DbOrTrx,
  customerIds: readonly string[],
  digits: string,
): Promise<{ id: string; customer_id: string; policy_number: string } | undefined> {
  return db('policies')
    .whereIn('customer_id', customerIds as string[])
    .whereRaw(`nullif(regexp_replace(policy_number, '[^0-9]', '', 'g'), '')::numeric = ?::numeric`, [digits])
    .orderBy('policy_number')
    .first('id', 'customer_id', 'policy_number');
}

/** A policy of the new business report (`policies.new-business`): as issued (the terms' version 1). */
export interface NewBusinessRow {
  id: string;
  issued_at: Date;
  policy_number: string;
  issue_date: string;
  start_date: string;
  product_name: string;
  customer_number: string;
  customer_name: string;
  branch_name: string;
  agent_name: string;
  payment_frequency: string;
  /** null for a trip: its term is the trip. */
  term_years: number | null;
  /** A trip's days (departure and return counted), else null. */
  trip_days: number | null;
  sum_insured: number;
  /** The premium as issued: a year's for a term policy, the one single premium of a trip. */
  annual_premium: number;
  currency: string;
  status: string;
}

/**
 * Policies in the actor's branches issued on business dates `from`..`to` (in `timeZone`), in the
 * order issued, with the figures of their first terms; `size` after the keyset (issued_at, id).
 */
export function newBusinessPage(
  db: DbOrTrx,
  actor: Actor,
  filter: { from: string; to: string; timeZone: string },
  after: { issuedAt: Date; id: string } | null,
  size: number,
): Promise<NewBusinessRow[]> {
  const q = scoped(
    db('policies as p')
      .join('policy_versions as v', function () {
        this.on('v.policy_id', 'p.id').andOnVal('v.version_number', '=', 1);
      })
      .join('products as pr', 'pr.id', 'p.product_id')
      .join('customers as c', 'c.id', 'p.customer_id')
      .join('branches as b', 'b.id', 'p.branch_id')
      .join('users as a', 'a.id', 'p.agent_id')
      .whereRaw('p.issued_at >= (?::date)::timestamp AT TIME ZONE ?', [filter.from, filter.timeZone])
      .whereRaw('p.issued_at < (?::date + 1)::timestamp AT TIME ZONE ?', [filter.to, filter.timeZone])
      .select(
        'p.id',
        'p.issued_at',
        'p.policy_number',
        db.raw(`to_char(p.issued_at AT TIME ZONE ?, 'YYYY-MM-DD') AS issue_date`, [filter.timeZone]),
        db.raw(`to_char(p.start_date, 'YYYY-MM-DD') AS start_date`),
        'pr.name as product_name',
        'c.customer_number',
        db.raw(`c.first_name || ' ' || c.last_name AS customer_name`),
        'b.name as branch_name',
        'a.name as agent_name',
        'p.payment_frequency',
        'p.term_years',
        db.raw(`(p.trip->>'days')::int AS trip_days`),
        'v.sum_insured',
        'v.annual_premium',
        db.raw('trim(p.currency) AS currency'),
        'p.status',
      ),
    actor,
    'p.branch_id',
  );
  if (after) q.whereRaw('(p.issued_at, p.id) > (?, ?::uuid)', [after.issuedAt, after.id]);
  return q.orderBy([{ column: 'p.issued_at' }, { column: 'p.id' }]).limit(size);
}

/** The customer's policies in force or in grace (the screen pop's caller card): the count and the newest five. */
export async function inForceOfCustomer(db: DbOrTrx, customerId: string, limit: number) {
  const base = () => db('policies as pol').where('pol.customer_id', customerId).whereIn('pol.status', ['active', 'grace']);
  const [rows, total] = await Promise.all([
    base()
      .join('products as p', 'p.id', 'pol.product_id')
      .orderBy([
        { column: 'pol.created_at', order: 'desc' },
        { column: 'pol.id', order: 'desc' },
      ])
      .limit(limit)
      .select<{ id: string; policy_number: string; status: string; product_name: string; end_date: string }[]>(
        'pol.id',
        'pol.policy_number',
        'pol.status',
        'p.name as product_name',
        db.raw('pol.end_date::text AS end_date'),
      ),
    base().count<{ count: string }>('* as count').first(),
  ]);
  return { count: Number(total?.count ?? 0), rows };
}

/** A customer's policies with their product's name, newest start first (the customer portal). */
export function policiesOfHolder(db: DbOrTrx, customerId: string) {
  return db('policies as p')
    .join('products as pr', 'pr.id', 'p.product_id')
    .where('p.customer_id', customerId)
    .orderBy([
      { column: 'p.start_date', order: 'desc' },
      { column: 'p.id', order: 'desc' },
    ])
    .select<
      (Pick<PolicyRow, 'id' | 'policy_number' | 'status' | 'start_date' | 'end_date' | 'currency' | 'payment_frequency' | 'branch_id'> & {
        product_name: string;
        sum_insured: string | number;
        annual_premium: string | number;
        installment_amount: string | number;
      })[]
    >(
      'p.id',
      'p.policy_number',
      'p.status',
      'pr.name as product_name',
      'p.start_date',
      'p.end_date',
      'p.currency',
      'p.sum_insured',
      'p.annual_premium',
      'p.payment_frequency',
      'p.installment_amount',
      'p.branch_id',
    );
}

/** The holder of the policy with this number when their date of birth is this one (a merged record never). */
export function holderByNumberAndBirthDate(db: DbOrTrx, policyNumber: string, dateOfBirth: string) {
  return db('policies as p')
    .join('customers as c', 'c.id', 'p.customer_id')
    .where('p.policy_number', policyNumber)
    .andWhere('c.date_of_birth', dateOfBirth)
    .whereNot('c.status', 'merged')
    .first<{ customer_id: string; branch_id: string } | undefined>('c.id as customer_id', 'c.branch_id');
}
