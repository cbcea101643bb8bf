// SQL of refunds, their status history and write-offs. First argument: the knex or transaction.
import type { PaymentMethodKind, RefundSource, RefundStatus, RefundToApproveSort } from '../../contracts/billing';
import type { CountedPage, Page } from '../../contracts/common';
import type { Knex } from 'knex';
import type { DbOrTrx } from '../../db';
import { countedPage, keysetPage, sortKeys, type SortColumns, type SortKey } from '../../platform/pagination';

export interface RefundRow {
  id: string;
  refund_number: string;
  source: RefundSource;
  payment_id: string | null;
  policy_id: string | null;
  customer_id: string;
  branch_id: string;
  method: PaymentMethodKind;
  amount: number;
  currency: string;
  reason: string;
  status: RefundStatus;
  requested_by: string;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  gateway: string | null;
  gateway_reference: string | null;
  payout_reference: string | null;
  failure_reason: string | null;
  paid_at: Date | null;
  approved_entry_id: string | null;
  paid_entry_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** A refund as read for an answer: with its payment's and policy's numbers. */
export type RefundView = RefundRow & { payment_number: string | null; policy_number: string | null };

export type NewRefundRow = Omit<
  RefundRow,
  | 'id'
  | 'refund_number'
  | 'version'
  | 'decided_by'
  | 'decided_at'
  | 'decision_note'
  | 'gateway'
  | 'gateway_reference'
  | 'payout_reference'
  | 'failure_reason'
  | 'paid_at'
  | 'approved_entry_id'
  | 'paid_entry_id'
>;

/** The statuses that hold money of the source: Σ of these never exceeds what was paid. */
export const HOLDING_STATUSES: RefundStatus[] = ['requested', 'approved', 'paid'];

export async function insertRefund(trx: DbOrTrx, row: NewRefundRow): Promise<RefundRow> {
  const [inserted] = await trx('refunds')
    .insert({ ...row, refund_number: trx.raw(`(SELECT 'RF-' || lpad(n::text, greatest(6, length(n::text)), '0') FROM (SELECT nextval('refund_number_seq') AS n) s)`) })
    .returning('*');
  return inserted as RefundRow;
}

const viewQuery = (db: DbOrTrx) =>
  db('refunds as r')
    .leftJoin('payments as p', 'p.id', 'r.payment_id')
    .leftJoin('billing_policies as bp', 'bp.policy_id', 'r.policy_id')
    .select('r.*', 'p.payment_number', 'bp.policy_number');

export async function findRefund(db: DbOrTrx, id: string): Promise<RefundView | undefined> {
  return viewQuery(db).where('r.id', id).first();
}

/** The refund, locked for a transition. */
export async function lockRefund(trx: DbOrTrx, id: string): Promise<RefundRow | undefined> {
  return trx('refunds').where({ id }).forUpdate().first();
}

/** The refund a gateway event is about (by its refund reference), locked. */
export async function lockRefundByGatewayReference(trx: DbOrTrx, gateway: string, gatewayReference: string): Promise<RefundRow | undefined> {
  return trx('refunds').where({ gateway, gateway_reference: gatewayReference }).forUpdate().first();
}

/** Moves a refund from `from` (at `version`) to `to`; undefined when it was not there any more (the SQL guard). */
export async function transition(
  trx: DbOrTrx,
  id: string,
  from: RefundStatus,
  version: number,
  to: RefundStatus,
  changes: Partial<
    Pick<
      RefundRow,
      'decided_by' | 'decided_at' | 'decision_note' | 'gateway' | 'gateway_reference' | 'payout_reference' | 'failure_reason' | 'paid_at' | 'approved_entry_id' | 'paid_entry_id'
    >
  >,
  now: Date,
): Promise<RefundRow | undefined> {
  const [row] = await trx('refunds')
    .where({ id, status: from, version })
    .update({ ...changes, status: to, version: trx.raw('version + 1'), updated_at: now })
    .returning('*');
  return row as RefundRow | undefined;
}

/** Records the gateway's refund reference of an approved card refund still pending there. */
export async function setGatewayReference(trx: DbOrTrx, id: string, gateway: string, gatewayReference: string, now: Date): Promise<RefundRow> {
  const [row] = await trx('refunds')
    .where({ id })
    .update({ gateway, gateway_reference: gatewayReference, version: trx.raw('version + 1'), updated_at: now })
    .returning('*');
  return row as RefundRow;
}

export async function insertHistory(
  trx: DbOrTrx,
  row: {
    refund_id: string;
    from_status: RefundStatus | null;
    to_status: RefundStatus;
    actor_id: string | null;
    webhook_event_id?: string | null;
    note?: string | null;
    occurred_at: Date;
  },
): Promise<void> {
  await trx('refund_status_history').insert(row);
}

export interface RefundHistoryRow {
  from_status: RefundStatus | null;
  to_status: RefundStatus;
  actor_id: string | null;
  note: string | null;
  occurred_at: Date;
}

export async function historyOf(db: DbOrTrx, refundId: string): Promise<RefundHistoryRow[]> {
  return db('refund_status_history').where({ refund_id: refundId }).orderBy('id').select('from_status', 'to_status', 'actor_id', 'note', 'occurred_at');
}

/** Σ amounts of the payment's refunds that hold its money (requested, approved, paid). */
export async function heldOfPayment(db: DbOrTrx, paymentId: string): Promise<number> {
  const row = await db('refunds').where({ payment_id: paymentId }).whereIn('status', HOLDING_STATUSES).first(db.raw('coalesce(sum(amount), 0)::bigint AS held'));
  return Number(row?.held ?? 0);
}

/** Σ amounts of the customer's credit refunds in `currency` still waiting for a decision (they hold that much credit). */
export async function requestedCreditRefunds(db: DbOrTrx, customerId: string, currency: string, exceptId?: string): Promise<number> {
  const q = db('refunds').where({ customer_id: customerId, currency, source: 'credit', status: 'requested' });
  if (exceptId) q.whereNot({ id: exceptId });
  const row = await q.first(db.raw('coalesce(sum(amount), 0)::bigint AS held'));
  return Number(row?.held ?? 0);
}

const POLICY_SORT: SortKey[] = [
  { column: 'r.created_at', field: 'created_at', dir: 'desc' },
  { column: 'r.id', field: 'id', dir: 'desc' },
];

export function listForPolicy(db: DbOrTrx, policyId: string, page: { limit: number; cursor?: string }): Promise<Page<RefundView>> {
  return keysetPage<RefundView & Record<string, unknown>>(viewQuery(db).where('r.policy_id', policyId), POLICY_SORT, page);
}

const TO_APPROVE_SORT_COLUMNS: Record<string, SortColumns> = {
  createdAt: [['r.created_at', 'created_at']],
  amount: [['r.amount', 'amount']],
};

/** Requested refunds, oldest first unless sorted otherwise, and how many; `scope` restricts the query to the approver's branches. */
export function listRequested(
  db: DbOrTrx,
  scope: (q: Knex.QueryBuilder) => Knex.QueryBuilder,
  page: { limit: number; cursor?: string; sort: RefundToApproveSort },
): Promise<CountedPage<RefundView>> {
  const order = sortKeys(page.sort, TO_APPROVE_SORT_COLUMNS, ['r.id', 'id']);
  return countedPage<RefundView & Record<string, unknown>>(db, scope(viewQuery(db).where('r.status', 'requested')), order, page);
}

/** A customer merge: the source's refunds and write-offs now belong to the target. */
export async function moveCustomer(trx: DbOrTrx, sourceId: string, targetId: string, now: Date): Promise<void> {
  await trx('refunds')
    .where({ customer_id: sourceId })
    .update({ customer_id: targetId, version: trx.raw('version + 1'), updated_at: now });
  await trx('write_offs').where({ customer_id: sourceId }).update({ customer_id: targetId });
}

// --- Write-offs

export interface WriteOffRow {
  id: string;
  write_off_number: string;
  invoice_id: string;
  policy_id: string;
  customer_id: string;
  branch_id: string;
  amount: number;
  currency: string;
  reason: string;
  ledger_entry_id: string;
  created_by: string;
  created_at: Date;
}

export async function insertWriteOff(trx: DbOrTrx, row: Omit<WriteOffRow, 'write_off_number'>): Promise<WriteOffRow> {
  const [inserted] = await trx('write_offs')
    .insert({ ...row, write_off_number: trx.raw(`(SELECT 'WO-' || lpad(n::text, greatest(6, length(n::text)), '0') FROM (SELECT nextval('write_off_number_seq') AS n) s)`) })
    .returning('*');
  return inserted as WriteOffRow;
}

export async function writeOffCount(db: DbOrTrx, invoiceId: string): Promise<number> {
  const row = await db('write_offs').where({ invoice_id: invoiceId }).count<{ count: string }>('* as count').first();
  return Number(row?.count ?? 0);
}
