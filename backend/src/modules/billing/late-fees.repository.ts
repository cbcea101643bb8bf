// The SQL of late fees: which invoices are due a fee, the fee line, and its waiver.
import type { LateFeeRule } from '../../contracts/products';
import type { DbOrTrx } from '../../db';
import type { InvoiceLineRow, InvoiceRow } from './invoices.repository';
import { UNPAID_STATUSES } from './invoices.repository';

export interface FeeCandidate {
  id: string;
  due_date: string;
}

/**
 * Unpaid invoices without a late-fee line whose policy's rule charges one on `date` (more than
 * `afterDays` past due), oldest due first, after the keyset cursor. Policies whose rule is none are
 * never looked at.
 */
export async function invoicesDueAFee(db: DbOrTrx, date: string, after: FeeCandidate | null, limit: number): Promise<FeeCandidate[]> {
  const q = db('invoices as i')
    .join('billing_policies as bp', 'bp.policy_id', 'i.policy_id')
    .whereIn('i.status', UNPAID_STATUSES)
    // Sargable bound first (afterDays ≥ 0), then the policy's own rule.
    .whereRaw('i.due_date < ?::date', [date])
    .whereRaw(`bp.late_fee->>'kind' <> 'none'`)
    .whereRaw(`i.due_date + (bp.late_fee->>'afterDays')::integer < ?::date`, [date])
    .whereNotExists(db('invoice_lines as l').whereRaw('l.invoice_id = i.id').where('l.kind', 'late_fee'))
    .orderBy([
      { column: 'i.due_date', order: 'asc' },
      { column: 'i.id', order: 'asc' },
    ])
    .limit(limit)
    .select('i.id', 'i.due_date');
  if (after) q.whereRaw('(i.due_date, i.id) > (?::date, ?::uuid)', [after.due_date, after.id]);
  return q;
}

export type InvoiceWithRule = InvoiceRow & { late_fee: LateFeeRule; policy_number: string };

/** The invoice with its policy's late-fee rule (not locked). */
export async function findInvoiceWithRule(db: DbOrTrx, invoiceId: string): Promise<InvoiceWithRule | undefined> {
  return db('invoices as i').join('billing_policies as bp', 'bp.policy_id', 'i.policy_id').where('i.id', invoiceId).first('i.*', 'bp.late_fee', 'bp.policy_number');
}

export async function findLateFeeLine(db: DbOrTrx, invoiceId: string): Promise<InvoiceLineRow | undefined> {
  return db('invoice_lines').where({ invoice_id: invoiceId, kind: 'late_fee' }).first();
}

/** The line of this invoice, locked for the rest of the transaction. */
export async function lockLine(trx: DbOrTrx, invoiceId: string, lineId: string): Promise<InvoiceLineRow | undefined> {
  return trx('invoice_lines').where({ id: lineId, invoice_id: invoiceId }).forUpdate().first();
}

export async function insertFeeLine(
  trx: DbOrTrx,
  row: { invoice_id: string; amount: number; description: string; ledger_entry_id: string; created_at: Date },
): Promise<InvoiceLineRow> {
  const [line] = await trx('invoice_lines')
    .insert({ ...row, kind: 'late_fee', installment_id: null })
    .returning('*');
  return line;
}

/** Marks the fee waived if nobody has yet; the updated line or undefined. */
export async function markWaived(
  trx: DbOrTrx,
  lineId: string,
  waiver: { waived_at: Date; waived_by: string; waiver_reason: string; waiver_entry_id: string; write_off_released: number },
): Promise<InvoiceLineRow | undefined> {
  const [line] = await trx('invoice_lines').where({ id: lineId, kind: 'late_fee' }).whereNull('waived_at').update(waiver).returning('*');
  return line;
}

/** A change to the invoice that is not a status change (a fee added or waived): a new version. */
export async function touchInvoice(trx: DbOrTrx, invoiceId: string, now: Date): Promise<InvoiceRow> {
  const [row] = await trx('invoices')
    .where({ id: invoiceId })
    .update({ version: trx.raw('version + 1'), updated_at: now })
    .returning('*');
  return row;
}
