// SQL of payments, their status history and the webhook inbox. First argument: the knex or transaction.
import type { PaymentStatus, PaymentMethodKind } from '../../contracts/billing';
import type { Page } from '../../contracts/common';
import type { DbOrTrx } from '../../db';
import { keysetPage, type SortKey } from '../../platform/pagination';

export interface PaymentRow {
  id: string;
  payment_number: string;
  policy_id: string | null;
  customer_id: string;
  branch_id: string;
  method: PaymentMethodKind;
  amount: number;
  currency: string;
  status: PaymentStatus;
  received_on: string;
  card_last4: string | null;
  check_number: string | null;
  reference: string | null;
  gateway: string | null;
  gateway_reference: string | null;
  failure_code: string | null;
  failure_message: string | null;
  ledger_entry_id: string | null;
  version: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export type NewPaymentRow = Omit<PaymentRow, 'payment_number' | 'version' | 'ledger_entry_id'>;

export async function insertPayment(trx: DbOrTrx, row: NewPaymentRow): Promise<PaymentRow> {
  const [inserted] = await trx('payments')
    .insert({ ...row, payment_number: trx.raw(`(SELECT 'PM-' || lpad(n::text, greatest(6, length(n::text)), '0') FROM (SELECT nextval('payment_number_seq') AS n) s)`) })
    .returning('*');
  return inserted as PaymentRow;
}

export async function findPayment(db: DbOrTrx, id: string): Promise<PaymentRow | undefined> {
  return db('payments').where({ id }).first();
}

/** The payment, locked for the rest of the transaction (refund requests lock it too: lock order payment, credit, invoices). */
export async function lockPayment(trx: DbOrTrx, id: string): Promise<PaymentRow | undefined> {
  return trx('payments').where({ id }).forUpdate().first();
}

/** The payment a gateway event is about, locked for the transition. */
export async function lockPaymentByGatewayReference(trx: DbOrTrx, gateway: string, gatewayReference: string): Promise<PaymentRow | undefined> {
  return trx('payments').where({ gateway, gateway_reference: gatewayReference }).forUpdate().first();
}

/** Moves a payment from `from` to `to` only if it is still in `from` (the SQL guard); undefined when it was not. */
export async function transition(
  trx: DbOrTrx,
  id: string,
  from: PaymentStatus,
  to: PaymentStatus,
  changes: Partial<Pick<PaymentRow, 'failure_code' | 'failure_message' | 'ledger_entry_id'>>,
  now: Date,
): Promise<PaymentRow | undefined> {
  const [row] = await trx('payments')
    .where({ id, status: from })
    .update({ ...changes, status: to, version: trx.raw('version + 1'), updated_at: now })
    .returning('*');
  return row as PaymentRow | undefined;
}

export async function setLedgerEntry(trx: DbOrTrx, id: string, entryId: string): Promise<void> {
  await trx('payments').where({ id }).update({ ledger_entry_id: entryId });
}

export async function insertHistory(
  trx: DbOrTrx,
  row: {
    payment_id: string;
    from_status: PaymentStatus | null;
    to_status: PaymentStatus;
    actor_id: string | null;
    webhook_event_id?: string | null;
    note?: string | null;
    occurred_at: Date;
  },
): Promise<void> {
  await trx('payment_status_history').insert(row);
}

const PAYMENT_SORT: SortKey[] = [
  { column: 'created_at', field: 'created_at', dir: 'desc' },
  { column: 'id', field: 'id', dir: 'desc' },
];

export function listForPolicy(db: DbOrTrx, policyId: string, page: { limit: number; cursor?: string }): Promise<Page<PaymentRow>> {
  return keysetPage<PaymentRow & Record<string, unknown>>(db('payments').select('*').where({ policy_id: policyId }), PAYMENT_SORT, page);
}

// --- The webhook inbox.

export interface WebhookEventRow {
  id: string;
  provider: string;
  event_id: string;
  type: string;
  outcome: string | null;
}

/** Stores the event once; undefined when (provider, event id) was stored before (a redelivery). */
export async function insertWebhookEventIfNew(
  trx: DbOrTrx,
  row: { provider: string; event_id: string; type: string; payload: string; received_at: Date },
): Promise<WebhookEventRow | undefined> {
  const [inserted] = await trx('payment_webhook_events').insert(row).onConflict(['provider', 'event_id']).ignore().returning(['id', 'provider', 'event_id', 'type', 'outcome']);
  return inserted as WebhookEventRow | undefined;
}

export async function finishWebhookEvent(
  trx: DbOrTrx,
  id: string,
  result: { outcome: 'applied' | 'ignored' | 'recorded'; outcome_detail: string | null; payment_id: string | null; processed_at: Date },
): Promise<void> {
  await trx('payment_webhook_events').where({ id }).update(result);
}

// --- Payout reconciliation (finance): the payments a bank statement line may stand for.

export interface ReconcilablePaymentRow {
  id: string;
  payment_number: string;
  method: PaymentMethodKind;
  amount: number;
  currency: string;
  status: PaymentStatus;
  received_on: string;
  reference: string | null;
  gateway_reference: string | null;
}

const reconcilable = (db: DbOrTrx) =>
  db('payments').select(
    'id',
    'payment_number',
    'method',
    'amount',
    'currency',
    'status',
    db.raw(`to_char(received_on, 'YYYY-MM-DD') AS received_on`),
    'reference',
    'gateway_reference',
  );

/** Succeeded payments in the currency whose number, gateway reference or reference is one of `references`. */
export async function succeededByReferences(db: DbOrTrx, currency: string, references: string[]): Promise<ReconcilablePaymentRow[]> {
  const rows: ReconcilablePaymentRow[] = [];
  for (let i = 0; i < references.length; i += 5_000) {
    const chunk = references.slice(i, i + 5_000);
    rows.push(
      ...(await reconcilable(db)
        .where({ currency, status: 'succeeded' })
        .where((q) => q.whereIn('payment_number', chunk).orWhereIn('gateway_reference', chunk).orWhereIn('reference', chunk))),
    );
  }
  return rows;
}

export const paymentsByIds = (db: DbOrTrx, ids: string[]): Promise<ReconcilablePaymentRow[]> => (ids.length ? reconcilable(db).whereIn('id', ids) : Promise.resolve([]));

/** Succeeded payments of the amount in the currency received within the dates, oldest first. */
export const succeededByAmount = (db: DbOrTrx, q: { currency: string; amount: number; from: string; to: string; limit: number }): Promise<ReconcilablePaymentRow[]> =>
  reconcilable(db)
    .where({ currency: q.currency, status: 'succeeded', amount: q.amount })
    .whereBetween('received_on', [q.from, q.to])
    .orderBy([{ column: 'received_on' }, { column: 'id' }])
    .limit(q.limit);

/** The customer's newest payments (any status), and how many there are: the 360° view's payments section. */
export async function newestPaymentsOfCustomer(db: DbOrTrx, customerId: string, limit: number): Promise<{ count: number; items: PaymentRow[] }> {
  const [items, total] = await Promise.all([
    db('payments')
      .where({ customer_id: customerId })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit),
    db('payments').where({ customer_id: customerId }).count<{ count: string }>('* as count').first(),
  ]);
  return { count: Number(total?.count ?? 0), items };
}

/** A customer's payments, newest first (the customer portal). */
export function paymentsOfHolder(db: DbOrTrx, customerId: string, limit: number): Promise<PaymentRow[]> {
  return db('payments')
    .where({ customer_id: customerId })
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit);
}
