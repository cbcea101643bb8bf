// SQL of re-allocation: which credit applications spent a payment's money (payment_allocations),
// the record of each re-allocation, and the customer's invoices with what is open and what credit
// has paid of each. Amounts are always sums over postings. First argument: the db or the transaction.
import type { DbOrTrx } from '../../db';
import type { InvoiceStatus } from './invoices.repository';
import type { PaymentRow } from './payments.repository';

/** The payment, locked for the rest of the transaction. */
export async function lockPayment(trx: DbOrTrx, id: string): Promise<PaymentRow | undefined> {
  return trx('payments').where({ id }).forUpdate().first();
}

/** Bumps the payment's version (a re-allocation changes where its money is); the row, or undefined when the version moved. */
export async function bumpPaymentVersion(trx: DbOrTrx, id: string, version: number, now: Date): Promise<PaymentRow | undefined> {
  const [row] = await trx('payments')
    .where({ id, version })
    .update({ version: trx.raw('version + 1'), updated_at: now })
    .returning('*');
  return row as PaymentRow | undefined;
}

export interface AllocationEntryRow {
  entry_id: string;
  invoice_id: string;
  /** The receivable credit of the entry: what it applied to the invoice. */
  amount: number;
}

/** The payment's credit applications that stand (not reversed), oldest first. */
export async function standingAllocations(db: DbOrTrx, paymentId: string): Promise<AllocationEntryRow[]> {
  const { rows } = await db.raw(
    `SELECT pa.entry_id, pa.invoice_id, p.amount
       FROM payment_allocations pa
       JOIN journal_entries e ON e.id = pa.entry_id
       JOIN postings p ON p.entry_id = pa.entry_id AND p.invoice_id = pa.invoice_id AND p.direction = 'credit'
       JOIN ledger_accounts a ON a.id = p.account_id AND a.kind = 'premium_receivable'
      WHERE pa.payment_id = ?
        AND NOT EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_entry_id = pa.entry_id)
      ORDER BY e.seq`,
    [paymentId],
  );
  return rows;
}

export async function insertAllocationLinks(
  trx: DbOrTrx,
  rows: { entry_id: string; payment_id: string; invoice_id: string; reallocation_id: string | null; created_at: Date }[],
): Promise<void> {
  if (rows.length) await trx('payment_allocations').insert(rows).onConflict('entry_id').ignore();
}

export async function insertReallocation(trx: DbOrTrx, row: { payment_id: string; reason: string; created_by: string; created_at: Date }): Promise<string> {
  const [inserted] = await trx('payment_reallocations').insert(row).returning('id');
  return (inserted as { id: string }).id;
}

export interface CustomerInvoiceRow {
  id: string;
  invoice_number: string;
  policy_id: string;
  policy_number: string;
  customer_id: string;
  branch_id: string;
  currency: string;
  due_date: string;
  status: InvoiceStatus;
  /** Charges minus everything that paid it (Σ receivable postings). */
  open_amount: number;
  /** Credit applied to it net of credit taken back (receivable postings of allocation and reallocation entries). */
  paid_by_credit: number;
}

/** Credit applied to the invoice net of credit taken back (receivable postings of allocation and reallocation entries). */
const PAID_BY_CREDIT_SQL = `coalesce((SELECT sum(CASE p.direction WHEN 'credit' THEN p.amount ELSE -p.amount END)
  FROM postings p JOIN ledger_accounts a ON a.id = p.account_id JOIN journal_entries e ON e.id = p.entry_id
  WHERE p.invoice_id = i.id AND a.kind = 'premium_receivable' AND e.source_type IN ('allocation', 'reallocation')), 0)::bigint`;

export async function paidByCredit(db: DbOrTrx, invoiceId: string): Promise<number> {
  const row = await db('invoices as i')
    .where('i.id', invoiceId)
    .first(db.raw(`${PAID_BY_CREDIT_SQL} AS paid`));
  return Number(row?.paid ?? 0);
}

/**
 * The customer's invoices in the currency (not void), plus any other invoice named in `alsoIds`
 * (where a payment's applications went, should it no longer be the customer's), oldest due first.
 */
export async function invoicesForReallocation(db: DbOrTrx, customerId: string, currency: string, alsoIds: readonly string[]): Promise<CustomerInvoiceRow[]> {
  const { rows } = await db.raw(
    `SELECT i.id, i.invoice_number, i.policy_id, bp.policy_number, i.customer_id, i.branch_id, trim(i.currency) AS currency, i.due_date, i.status,
            coalesce((SELECT sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END)
                        FROM postings p JOIN ledger_accounts a ON a.id = p.account_id
                       WHERE p.invoice_id = i.id AND a.kind = 'premium_receivable'), 0)::bigint AS open_amount,
            ${PAID_BY_CREDIT_SQL} AS paid_by_credit
       FROM invoices i JOIN billing_policies bp ON bp.policy_id = i.policy_id
      WHERE (i.customer_id = ? AND i.currency = ? AND i.status <> 'void') OR i.id = ANY(?::uuid[])
      ORDER BY i.due_date, i.invoice_number`,
    [customerId, currency, alsoIds as string[]],
  );
  return rows;
}
