// SQL for orders (applications). First argument: the db or the transaction.
import type {
  Beneficiary,
  DeclarationAnswer,
  Order,
  OrderExportQuery,
  OrderListQuery,
  OrderSort,
  OrderStatus,
  QueueSort,
  OrderSummary,
  PaymentMethod,
  UnderwritingQueueItem,
  UnderwritingQueueQuery,
} from '../../contracts/orders';
import type { ProductDefinition, Quote, Trip } from '../../contracts/products';
import type { DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { countedPage, keysetQuery, sortKeys, type SortColumns, type SortKey } from '../../platform/pagination';
import { customerStatusChanges, nextRecordNumber } from '../../platform/records';
import type { TimelineEntry, TimelineWindow } from '../../platform/timeline';
import { scoped } from '../../platform/scope';

export interface OrderRow {
  id: string;
  order_number: string;
  quote_id: string;
  customer_id: string;
  branch_id: string;
  agent_id: string;
  product_id: string;
  product_version_id: string;
  insured: Order['insured'];
  coverages: Order['coverages'];
  sum_insured: string | number;
  /** null for a trip (its term is the trip). */
  term_years: number | null;
  trip: Trip | null;
  payment_frequency: Order['paymentFrequency'];
  currency: string;
  annual_premium: string | number;
  beneficiaries: Beneficiary[];
  declarations: Record<string, DeclarationAnswer>;
  payment_method: PaymentMethod | null;
  requested_start_date: string | null;
  status: OrderStatus;
  submitted_by: string | null;
  first_submitted_at: Date | null;
  submitted_at: Date | null;
  underwriter_id: string | null;
  info_request: string | null;
  decided_at: Date | null;
  decided_by: string | null;
  decision_note: string | null;
  decline_reason_code: Order['declineReason'];
  processing_business_days: number | null;
  extra_premium_percent: number | null;
  exclusions: string[];
  approved_annual_premium: string | number | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** An order row with the names lists show (customer, agent, product, version). */
export type OrderListRow = OrderRow & {
  customer_number: string;
  first_name: string;
  last_name: string;
  agent_name: string;
  product_name: string;
  product_category: OrderSummary['product']['category'];
  version_number: number;
};

/** What an order's page shows besides: its policy, underwriter, decider, and quote (a name is null only when its id is). */
export type OrderPageRow = OrderListRow & {
  policy_id: string | null;
  underwriter_name: string;
  decided_by_name: string;
  definition: ProductDefinition;
  quote_number: string;
  quote_result: Partial<Pick<Quote, 'requirements'>>;
};

/** A queue entry: the order, its underwriter's name, the quote's referrals and whether it is high priority. */
export type QueueRow = OrderListRow & { underwriter_name: string; referrals: UnderwritingQueueItem['referrals']; high_priority: boolean };

/** The columns each sort of the list orders by (then the id). */
const ORDER_SORT_COLUMNS: Record<string, SortColumns> = {
  createdAt: [['o.created_at', 'created_at']],
  orderNumber: [['o.order_number', 'order_number']],
  customerName: [
    ['c.last_name', 'last_name'],
    ['c.first_name', 'first_name'],
  ],
  status: [['o.status', 'status']],
  annualPremium: [['o.annual_premium', 'annual_premium']],
};
export const orderListOrder = (sort: OrderSort): SortKey[] => sortKeys(sort, ORDER_SORT_COLUMNS, ['o.id', 'id']);

const LIST_COLUMNS = [
  'o.*',
  'c.customer_number',
  'c.first_name',
  'c.last_name',
  'a.name as agent_name',
  'p.name as product_name',
  'p.category as product_category',
  'v.version_number',
];

function withNames(db: DbOrTrx) {
  return db('orders as o')
    .join('customers as c', 'c.id', 'o.customer_id')
    .join('users as a', 'a.id', 'o.agent_id')
    .join('products as p', 'p.id', 'o.product_id')
    .join('product_versions as v', 'v.id', 'o.product_version_id')
    .join('quotes as q', 'q.id', 'o.quote_id');
}

/** The order with every name its page shows (policy, underwriter, decider, quote). */
export function findWithNames(db: DbOrTrx, id: string): Promise<OrderPageRow | undefined> {
  return withNames(db)
    .leftJoin('policies as pol', 'pol.order_id', 'o.id')
    .leftJoin('users as uw', 'uw.id', 'o.underwriter_id')
    .leftJoin('users as dec', 'dec.id', 'o.decided_by')
    .where('o.id', id)
    .first(...LIST_COLUMNS, 'pol.id as policy_id', 'uw.name as underwriter_name', 'dec.name as decided_by_name', 'v.definition', 'q.quote_number', 'q.result as quote_result');
}

/** The list's query (scope and filters), before order and limit. */
function listQuery(db: DbOrTrx, actor: Actor, filter: OrderExportQuery) {
  const q = scoped(withNames(db), actor, 'o.branch_id').select(LIST_COLUMNS);
  if (filter.status) q.where('o.status', filter.status);
  if (filter.productId) q.where('o.product_id', filter.productId);
  if (filter.agentId) q.where('o.agent_id', filter.agentId);
  if (filter.branchId) q.where('o.branch_id', filter.branchId);
  if (filter.customerId) q.where('o.customer_id', filter.customerId);
  if (filter.createdFrom) q.where('o.created_at', '>=', filter.createdFrom);
  if (filter.createdTo) q.whereRaw(`o.created_at < (?::date + 1)`, [filter.createdTo]);
  return q;
}

/** A page of the list and its capped count. */
export function listPage(db: DbOrTrx, actor: Actor, filter: OrderListQuery) {
  return countedPage<OrderListRow & Record<string, unknown>>(db, listQuery(db, actor, filter), orderListOrder(filter.sort), filter);
}

/** The list's first `max` + 1 rows in its order (the CSV export: the extra row says it was cut at `max`). */
export function exportRows(db: DbOrTrx, actor: Actor, filter: OrderExportQuery, max: number): Promise<OrderListRow[]> {
  return keysetQuery(listQuery(db, actor, filter), orderListOrder(filter.sort), { limit: max });
}

/** Counts of the week [from, to) in the actor's branches: first submitted, decided, approved. */
export async function weekFigures(db: DbOrTrx, actor: Actor, from: Date, to: Date): Promise<{ submitted: number; decided: number; approved: number }> {
  const row = await scoped(db('orders as o'), actor, 'o.branch_id')
    .where((w) => w.where('o.first_submitted_at', '>=', from).orWhere('o.decided_at', '>=', from))
    .first(
      db.raw('(count(*) filter (where o.first_submitted_at >= ? and o.first_submitted_at < ?))::int as submitted', [from, to]),
      db.raw('(count(*) filter (where o.decided_at >= ? and o.decided_at < ?))::int as decided', [from, to]),
      db.raw("(count(*) filter (where o.status = 'approved' and o.decided_at >= ? and o.decided_at < ?))::int as approved", [from, to]),
    );
  return { submitted: Number(row?.submitted ?? 0), decided: Number(row?.decided ?? 0), approved: Number(row?.approved ?? 0) };
}

type QueueSortField = Exclude<QueueSort, `-${string}`>;

/**
 * Orders awaiting a decision, high priority first (a referral reason, or a sum insured of
 * `highPrioritySumInsured` or more), then the longest waiting — or as `filter.sort` asks; at most `filter.limit`.
 */
export function queue(db: DbOrTrx, actor: Actor, filter: UnderwritingQueueQuery, highPrioritySumInsured: number): Promise<QueueRow[]> {
  const q = scoped(withNames(db), actor, 'o.branch_id')
    .leftJoin('users as uw', 'uw.id', 'o.underwriter_id')
    .whereIn('o.status', filter.status ? [filter.status] : ['submitted', 'in_underwriting'])
    .select(...LIST_COLUMNS, 'uw.name as underwriter_name')
    .select(db.raw(`COALESCE(q.result->'requirements'->'referrals', '[]'::jsonb) AS referrals`))
    .select(db.raw(`(jsonb_array_length(COALESCE(q.result->'requirements'->'referrals', '[]'::jsonb)) > 0 OR o.sum_insured >= ?) AS high_priority`, [highPrioritySumInsured]))
    .limit(filter.limit);
  const desc = filter.sort.startsWith('-');
  const [asc, dsc] = desc ? (['desc', 'asc'] as const) : (['asc', 'desc'] as const);
  const by = filter.sort.replace(/^-/, '') as QueueSortField;
  if (by === 'priority') q.orderBy('high_priority', dsc).orderBy('o.submitted_at', asc);
  else if (by === 'submittedAt') q.orderBy('o.submitted_at', asc);
  else if (by === 'customerName') q.orderBy('c.last_name', asc).orderBy('c.first_name', asc);
  else q.orderBy('o.sum_insured', asc);
  q.orderBy('o.id', asc);
  if (filter.productId) q.where('o.product_id', filter.productId);
  if (filter.branchId) q.where('o.branch_id', filter.branchId);
  if (filter.referralReason) q.whereRaw(`q.result->'requirements'->'referrals' @> ?::jsonb`, [JSON.stringify([{ code: filter.referralReason }])]);
  return q;
}

/** For the customer's 360° view: how many applications the actor may see, and the newest few. */
export async function newestOfCustomer(db: DbOrTrx, actor: Actor, customerId: string, limit: number) {
  const base = scoped(db('orders as o'), actor, 'o.branch_id').where('o.customer_id', customerId);
  const [{ count }] = await base.clone().count<{ count: string }[]>('* as count');
  const items = await base
    .clone()
    .join('products as p', 'p.id', 'o.product_id')
    .orderBy('o.created_at', 'desc')
    .limit(limit)
    .select(
      'o.id',
      'o.order_number as orderNumber',
      'o.status',
      'p.name as productName',
      db.raw('COALESCE(o.approved_annual_premium, o.annual_premium) AS "annualPremium"'),
      'o.payment_frequency as paymentFrequency',
      'o.currency',
      'o.created_at as createdAt',
    );
  return { count: Number(count), items };
}

export async function moveToCustomer(trx: Trx, sourceId: string, targetId: string): Promise<void> {
  await trx('orders').where({ customer_id: sourceId }).update({ customer_id: targetId });
}

export function findOrder(db: DbOrTrx, id: string): Promise<OrderRow | undefined> {
  return db('orders').where({ id }).first();
}

export function lockOrder(trx: Trx, id: string): Promise<OrderRow | undefined> {
  return trx('orders').where({ id }).forUpdate().first();
}

/** The application of a quote that is still alive (anything but withdrawn). */
export function liveOrderOfQuote(db: DbOrTrx, quoteId: string): Promise<Pick<OrderRow, 'id' | 'order_number'> | undefined> {
  return db('orders').where({ quote_id: quoteId }).whereNot('status', 'withdrawn').first('id', 'order_number');
}

export type NewOrderRow = Pick<
  OrderRow,
  'quote_id' | 'customer_id' | 'branch_id' | 'agent_id' | 'product_id' | 'product_version_id' | 'term_years' | 'payment_frequency' | 'currency' | 'created_at' | 'updated_at'
> & {
  coverages: string;
  sum_insured: number;
  annual_premium: number;
  /** JSON text, for a trip product's order. */
  trip: string | null;
};

/** Inserts the order under the next O- number. */
export async function insertOrder(trx: Trx, row: NewOrderRow): Promise<Pick<OrderRow, 'id' | 'order_number'>> {
  const [created] = await trx('orders')
    .insert({ order_number: nextRecordNumber(trx, 'O', 'order_number_seq'), ...row })
    .returning(['id', 'order_number']);
  return created;
}

/** Applies `changes` (JSON columns as text). */
export async function updateOrder(trx: Trx, id: string, changes: Record<string, unknown>): Promise<void> {
  await trx('orders').where({ id }).update(changes);
}

export type ApplicationFields = Pick<OrderRow, 'insured' | 'beneficiaries' | 'declarations' | 'payment_method' | 'requested_start_date'>;

/** Applies `changes` to what the agent fills in, and answers those fields as they now are. */
export async function updateApplication(trx: Trx, id: string, changes: Record<string, unknown>): Promise<ApplicationFields> {
  const [after] = await trx('orders').where({ id }).update(changes).returning(['insured', 'beneficiaries', 'declarations', 'payment_method', 'requested_start_date']);
  return after;
}

export async function insertStatusHistory(
  trx: Trx,
  row: { order_id: string; from_status: OrderStatus | null; to_status: OrderStatus; reason: string | null; changed_by: string; changed_at: Date },
): Promise<void> {
  await trx('order_status_history').insert(row);
}

/** Everyone who ever submitted the order (first submission and every resubmission), from its status history. */
export async function submitters(db: DbOrTrx, orderId: string): Promise<string[]> {
  const rows: { changed_by: string }[] = await db('order_status_history').where({ order_id: orderId, to_status: 'submitted' }).distinct('changed_by');
  return rows.map((r) => r.changed_by);
}

export interface DocumentWaiverRow {
  code: string;
  reason: string;
  waived_by: string;
  waived_by_name: string;
  waived_at: Date;
}

/** The order's document waivers with the waiving underwriter's name. */
export function documentWaivers(db: DbOrTrx, orderId: string): Promise<DocumentWaiverRow[]> {
  return db('order_document_waivers as w')
    .join('users as u', 'u.id', 'w.waived_by')
    .where('w.order_id', orderId)
    .orderBy('w.waived_at')
    .select('w.code', 'w.reason', 'w.waived_by', 'u.name as waived_by_name', 'w.waived_at');
}

export async function insertDocumentWaiver(trx: Trx, row: { order_id: string; code: string; reason: string; waived_by: string; waived_at: Date }): Promise<void> {
  await trx('order_document_waivers').insert(row);
}

/** Business numbers by id, for the audit trail (one query for a page of entries). */
export async function numbersOf(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, string>> {
  const rows: { id: string; number: string }[] = await db('orders').whereIn('id', ids).select('id', 'order_number as number');
  return new Map(rows.map((r) => [r.id, r.number]));
}

/** The status changes of the customer's orders in the actor's branches, for the customer timeline. */
export function statusChangesOfCustomer(db: DbOrTrx, actor: Actor, customerId: string, window: TimelineWindow): Promise<TimelineEntry[]> {
  return customerStatusChanges(
    db,
    actor,
    { kind: 'order', records: 'orders', numberColumn: 'order_number', history: 'order_status_history', foreignKey: 'order_id' },
    customerId,
    window,
  );
}
