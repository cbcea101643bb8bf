// The SQL of installments and invoices. An invoice's open amount is always the sum of its receivable
// postings (postings.invoice_id): computed here, never stored.
import type { DbOrTrx } from '../../db';
import type { BillingPolicyRow } from './ledger.repository';

export const INVOICE_STATUSES = ['open', 'partially_paid', 'paid', 'overdue', 'void', 'written_off'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export const UNPAID_STATUSES: InvoiceStatus[] = ['open', 'partially_paid', 'overdue'];

export interface InstallmentRow {
  id: string;
  policy_id: string;
  policy_year: number;
  sequence: number;
  due_date: string;
  amount: number;
  currency: string;
  invoice_id: string | null;
  created_at: Date;
}

export interface InvoiceRow {
  id: string;
  invoice_number: string;
  policy_id: string;
  customer_id: string;
  branch_id: string;
  currency: string;
  issue_date: string;
  due_date: string;
  status: InvoiceStatus;
  version: number;
  created_at: Date;
  updated_at: Date;
  created_by: string | null;
}

export interface InvoiceLineRow {
  id: string;
  invoice_id: string;
  kind: 'installment' | 'late_fee' | 'endorsement' | 'reinstatement_fee';
  installment_id: string | null;
  /** An endorsement or reinstatement-fee line: the policy transaction it bills for. */
  policy_transaction_id?: string | null;
  amount: number;
  description: string;
  /** The entry that charged it (a late fee's feeCharged entry). */
  ledger_entry_id?: string | null;
  waived_at?: Date | null;
  waived_by?: string | null;
  waiver_reason?: string | null;
  waiver_entry_id?: string | null;
  /** What the waiver of this fee released of the invoice's write-off (instead of crediting the customer). */
  write_off_released?: number;
}

/** A line as the reads show it: with the name of whoever waived it. */
export type InvoiceLineView = InvoiceLineRow & { waived_by_name: string | null };

/** Σ receivable postings of the invoice: debits (charges) minus credits (payments, credit applied). */
const OPEN_AMOUNT_SQL = `coalesce((SELECT sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END)
  FROM postings p JOIN ledger_accounts a ON a.id = p.account_id
  WHERE p.invoice_id = i.id AND a.kind = 'premium_receivable'), 0)::bigint`;

export async function insertInstallments(trx: DbOrTrx, rows: Omit<InstallmentRow, 'id' | 'invoice_id'>[]): Promise<number> {
  if (!rows.length) return 0;
  const inserted = await trx('billing_installments').insert(rows).onConflict(['policy_id', 'policy_year', 'sequence']).ignore().returning('id');
  return inserted.length;
}

/** The highest policy year scheduled for each of these policies (0 when none). */
export async function scheduledYears(db: DbOrTrx, policyIds: string[]): Promise<Map<string, number>> {
  if (!policyIds.length) return new Map();
  const rows: { policy_id: string; years: number }[] = await db('billing_installments')
    .whereIn('policy_id', policyIds)
    .groupBy('policy_id')
    .select('policy_id', db.raw('max(policy_year) AS years'));
  return new Map(rows.map((r) => [r.policy_id, Number(r.years)]));
}

/**
 * Billing policies whose schedule may be behind on `date` (the policy year in force, or year 1 for a
 * policy without installments), keyset by policy id. The SQL test is loose by a day (29 February
 * anniversaries); the caller decides exactly.
 */
export async function policiesToSchedule(db: DbOrTrx, date: string, after: string | null, limit: number): Promise<BillingPolicyRow[]> {
  const q = db('billing_policies as bp')
    .whereRaw('bp.start_date <= ?::date + 1', [date])
    .whereNull('bp.ended_on')
    .whereRaw(
      `coalesce((SELECT max(i.policy_year) FROM billing_installments i WHERE i.policy_id = bp.policy_id), 0)
         < extract(year FROM age(least(?::date + 1, bp.end_date - 1), bp.start_date)) + 1`,
      [date],
    )
    .orderBy('bp.policy_id')
    .limit(limit)
    .select('bp.*');
  if (after) q.where('bp.policy_id', '>', after);
  return q;
}

export interface InstallmentToRaise extends InstallmentRow {
  customer_id: string;
  branch_id: string;
  policy_number: string;
}

/** Installments without an invoice whose issue date (due − lead days) is on or before `date`, oldest first, after the keyset cursor. */
export async function installmentsToRaise(
  db: DbOrTrx,
  date: string,
  leadDays: number,
  after: { dueDate: string; id: string } | null,
  limit: number,
): Promise<InstallmentToRaise[]> {
  const q = db('billing_installments as i')
    .join('billing_policies as bp', 'bp.policy_id', 'i.policy_id')
    .whereNull('i.invoice_id')
    .whereRaw('i.due_date <= ?::date + ?::integer', [date, leadDays])
    // A cancelled policy: nothing due on or after its end is billed.
    .where((q) => q.whereNull('bp.ended_on').orWhereRaw('i.due_date < bp.ended_on'))
    .orderBy([
      { column: 'i.due_date', order: 'asc' },
      { column: 'i.id', order: 'asc' },
    ])
    .limit(limit)
    .select('i.*', 'bp.customer_id', 'bp.branch_id', 'bp.policy_number');
  if (after) q.whereRaw('(i.due_date, i.id) > (?::date, ?::uuid)', [after.dueDate, after.id]);
  return q;
}

/** Σ amounts of the policy's installments that have been invoiced (of one policy year, or all). */
export async function invoicedInstallmentsTotal(db: DbOrTrx, policyId: string, fromPolicyYear?: number): Promise<number> {
  const q = db('billing_installments').where({ policy_id: policyId }).whereNotNull('invoice_id');
  if (fromPolicyYear !== undefined) q.where('policy_year', '>=', fromPolicyYear);
  const [{ total }] = await q.sum<{ total: string | null }[]>('amount as total');
  return Number(total ?? 0);
}

/** Locks the installment if it is still to be raised (another raiser holding it: skipped). */
export async function lockInstallmentToRaise(trx: DbOrTrx, id: string): Promise<InstallmentRow | undefined> {
  return trx('billing_installments').where({ id }).whereNull('invoice_id').forUpdate().skipLocked().first();
}

export async function markInstallmentInvoiced(trx: DbOrTrx, id: string, invoiceId: string): Promise<void> {
  await trx('billing_installments').where({ id }).update({ invoice_id: invoiceId });
}

export async function insertInvoice(trx: DbOrTrx, row: Omit<InvoiceRow, 'id' | 'invoice_number' | 'version'>): Promise<InvoiceRow> {
  const [inserted] = await trx('invoices').insert(row).returning('*');
  return inserted;
}

export async function insertLine(trx: DbOrTrx, row: Omit<InvoiceLineRow, 'id'> & { created_at: Date }): Promise<void> {
  await trx('invoice_lines').insert(row);
}

export async function insertHistory(
  trx: DbOrTrx,
  rows: { invoice_id: string; from_status: InvoiceStatus | null; to_status: InvoiceStatus; reason: string; changed_at: Date; changed_by: string | null }[],
): Promise<void> {
  if (rows.length) await trx('invoice_status_history').insert(rows);
}

/** Serialises everything that spends one customer's credit in one currency (released at commit). */
export async function lockCustomerCredit(trx: DbOrTrx, customerId: string, currency: string): Promise<void> {
  await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [`billing:credit:${customerId}:${currency}`]);
}

export type OpenInvoiceRow = InvoiceRow & { open_amount: number };

/** The customer's unpaid invoices in the currency, with their open amounts. */
export async function unpaidInvoices(db: DbOrTrx, customerId: string, currency: string): Promise<OpenInvoiceRow[]> {
  const rows = await db('invoices as i')
    .where({ 'i.customer_id': customerId, 'i.currency': currency })
    .whereIn('i.status', UNPAID_STATUSES)
    .orderBy([{ column: 'i.due_date' }, { column: 'i.invoice_number' }])
    .select('i.*', db.raw(`${OPEN_AMOUNT_SQL} AS open_amount`));
  return rows.map((r: OpenInvoiceRow) => ({ ...r, open_amount: Number(r.open_amount) }));
}

export async function openAmount(db: DbOrTrx, invoiceId: string): Promise<number> {
  const row = await db('invoices as i')
    .where('i.id', invoiceId)
    .first(db.raw(`${OPEN_AMOUNT_SQL} AS open_amount`));
  return Number(row?.open_amount ?? 0);
}

/**
 * What is written off on the invoice and not released: Σ of its receivable postings from write-off
 * entries (a write-off credits the receivable, a release by a fee waiver debits it back), negated.
 */
export async function writtenOffAmount(db: DbOrTrx, invoiceId: string): Promise<number> {
  const { rows } = await db.raw<{ rows: { written_off: string }[] }>(
    `SELECT coalesce(sum(CASE p.direction WHEN 'credit' THEN p.amount ELSE -p.amount END), 0)::bigint AS written_off
       FROM postings p JOIN ledger_accounts a ON a.id = p.account_id JOIN journal_entries e ON e.id = p.entry_id
      WHERE p.invoice_id = ? AND a.kind = 'premium_receivable' AND e.source_type = 'write_off'`,
    [invoiceId],
  );
  return Number(rows[0]?.written_off ?? 0);
}

export type PaidInvoiceRow = OpenInvoiceRow & { charged: number };

/**
 * The customer's invoices in the currency that credit has paid something of, newest due first, with
 * their open amount and what they charge: Σ receivable postings on the invoice of every entry that is
 * not money applied or taken back (allocation, reallocation), i.e. the premium billed plus late fees
 * net of their waivers and of write-offs (a write-off is not credit that can be taken back). `charged − open` is then exactly what credit has paid on the invoice.
 */
export async function invoicesWithCreditApplied(db: DbOrTrx, customerId: string, currency: string): Promise<PaidInvoiceRow[]> {
  const rows = await db('invoices as i')
    .where({ 'i.customer_id': customerId, 'i.currency': currency })
    .whereNot('i.status', 'void')
    .orderBy([
      { column: 'i.due_date', order: 'desc' },
      { column: 'i.invoice_number', order: 'desc' },
    ])
    .select(
      'i.*',
      db.raw(`${OPEN_AMOUNT_SQL} AS open_amount`),
      db.raw(`coalesce((SELECT sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END)
        FROM postings p JOIN ledger_accounts a ON a.id = p.account_id JOIN journal_entries e ON e.id = p.entry_id
        WHERE p.invoice_id = i.id AND a.kind = 'premium_receivable' AND e.source_type NOT IN ('allocation', 'reallocation')), 0)::bigint AS charged`),
    );
  return rows.map((r: PaidInvoiceRow) => ({ ...r, open_amount: Number(r.open_amount), charged: Number(r.charged) })).filter((r: PaidInvoiceRow) => r.open_amount < r.charged);
}

/** How many allocation entries the invoice already has (the next one's sequence). */
export async function allocationCount(db: DbOrTrx, invoiceId: string): Promise<number> {
  const row = await db('journal_entries').where({ source_type: 'allocation', source_id: invoiceId }).count<{ count: string }>('* as count').first();
  return Number(row?.count ?? 0);
}

/** The invoice, locked for the rest of the transaction. */
/** Locks the customer's invoice (undefined when it is not theirs). */
export function lockInvoiceOfCustomer(trx: DbOrTrx, id: string, customerId: string): Promise<InvoiceRow | undefined> {
  return trx('invoices').where({ id, customer_id: customerId }).forUpdate().first();
}

export async function lockInvoice(trx: DbOrTrx, id: string): Promise<InvoiceRow> {
  return trx('invoices').where({ id }).forUpdate().first();
}

/** Moves the invoice to `to` if it is still in `from` at `version`; the updated row or undefined. */
export async function transition(trx: DbOrTrx, id: string, from: InvoiceStatus, version: number, to: InvoiceStatus, now: Date): Promise<InvoiceRow | undefined> {
  const [row] = await trx('invoices')
    .where({ id, status: from, version })
    .update({ status: to, version: trx.raw('version + 1'), updated_at: now })
    .returning('*');
  return row;
}

/** A batch of open / partially paid invoices due before `date` turned overdue; what each was before. */
export async function markOverdueBatch(
  trx: DbOrTrx,
  date: string,
  limit: number,
  now: Date,
): Promise<{ id: string; branch_id: string; invoice_number: string; from_status: InvoiceStatus }[]> {
  const { rows } = await trx.raw(
    `WITH c AS (
       SELECT id, status FROM invoices WHERE status IN ('open', 'partially_paid') AND due_date < ?::date
       ORDER BY due_date, id LIMIT ? FOR UPDATE SKIP LOCKED
     )
     UPDATE invoices i SET status = 'overdue', version = i.version + 1, updated_at = ?
     FROM c WHERE i.id = c.id
     RETURNING i.id, i.branch_id, i.invoice_number, c.status AS from_status`,
    [date, limit, now],
  );
  return rows;
}

export async function installmentsOfPolicy(db: DbOrTrx, policyId: string): Promise<InstallmentRow[]> {
  return db('billing_installments')
    .where({ policy_id: policyId })
    .orderBy([{ column: 'policy_year' }, { column: 'sequence' }]);
}

export async function invoicesOfPolicy(db: DbOrTrx, policyId: string): Promise<OpenInvoiceRow[]> {
  const rows = await db('invoices as i')
    .where('i.policy_id', policyId)
    .orderBy([{ column: 'i.due_date' }, { column: 'i.invoice_number' }])
    .select('i.*', db.raw(`${OPEN_AMOUNT_SQL} AS open_amount`));
  return rows.map((r: OpenInvoiceRow) => ({ ...r, open_amount: Number(r.open_amount) }));
}

export async function linesOf(db: DbOrTrx, invoiceIds: string[]): Promise<InvoiceLineView[]> {
  if (!invoiceIds.length) return [];
  return db('invoice_lines as l')
    .leftJoin('users as u', 'u.id', 'l.waived_by')
    .whereIn('l.invoice_id', invoiceIds)
    .orderBy([{ column: 'l.created_at' }, { column: 'l.kind' }])
    .select(
      'l.id',
      'l.invoice_id',
      'l.kind',
      'l.installment_id',
      'l.amount',
      'l.description',
      'l.ledger_entry_id',
      'l.waived_at',
      'l.waived_by',
      'l.waiver_reason',
      'l.waiver_entry_id',
      'u.name as waived_by_name',
    );
}

/** Unpaid invoices of all the customer's policies, with open amounts (the customer's billing header). */
export async function unpaidInvoicesOfCustomer(db: DbOrTrx, customerId: string): Promise<OpenInvoiceRow[]> {
  const rows = await db('invoices as i')
    .where('i.customer_id', customerId)
    .whereIn('i.status', UNPAID_STATUSES)
    .select('i.*', db.raw(`${OPEN_AMOUNT_SQL} AS open_amount`));
  return rows.map((r: OpenInvoiceRow) => ({ ...r, open_amount: Number(r.open_amount) }));
}

/** The customer's invoices (void ones left out) with their charged total and open amount, newest due first; one of them with `invoiceId`. */
export async function invoicesOfCustomerWithTotals(
  db: DbOrTrx,
  customerId: string,
  options: { invoiceId?: string; unpaidOnly?: boolean; limit: number },
): Promise<(InvoiceRow & { open_amount: number; total: number })[]> {
  const q = db('invoices as i')
    .where('i.customer_id', customerId)
    .whereNot('i.status', 'void')
    .orderBy([
      { column: 'i.due_date', order: 'desc' },
      { column: 'i.invoice_number', order: 'desc' },
    ])
    .limit(options.limit)
    .select(
      'i.*',
      db.raw(`${OPEN_AMOUNT_SQL} AS open_amount`),
      db.raw(`coalesce((SELECT sum(l.amount) FROM invoice_lines l WHERE l.invoice_id = i.id AND l.waived_at IS NULL), 0)::bigint AS total`),
    );
  if (options.invoiceId) q.where('i.id', options.invoiceId);
  if (options.unpaidOnly) q.whereIn('i.status', UNPAID_STATUSES);
  return q;
}

/** A customer merge: the source's invoices now belong to the target. */
export async function moveInvoices(trx: DbOrTrx, sourceId: string, targetId: string, now: Date): Promise<void> {
  await trx('invoices')
    .where({ customer_id: sourceId })
    .update({ customer_id: targetId, version: trx.raw('version + 1'), updated_at: now });
}

/** Premium paid by the customer in `currency`: receivable credits minus debits of allocation entries (credit applied, and its reversals). */
export async function premiumsPaid(db: DbOrTrx, customerId: string, currency: string): Promise<number> {
  const row = await db('journal_entries as e')
    .join('postings as p', 'p.entry_id', 'e.id')
    .join('ledger_accounts as a', 'a.id', 'p.account_id')
    .where({ 'e.customer_id': customerId, 'e.source_type': 'allocation', 'a.kind': 'premium_receivable', 'a.currency': currency })
    .first(db.raw(`coalesce(sum(CASE p.direction WHEN 'credit' THEN p.amount ELSE -p.amount END), 0)::bigint AS paid`));
  return Number(row?.paid ?? 0);
}

/** The customer's invoices that went overdue on or after `since` (from the status history). */
export async function overdueInvoicesSince(db: DbOrTrx, customerId: string, since: Date): Promise<number> {
  const row = await db('invoices as i')
    .where('i.customer_id', customerId)
    .whereExists(db('invoice_status_history as h').whereRaw('h.invoice_id = i.id').where('h.to_status', 'overdue').where('h.changed_at', '>=', since))
    .count<{ count: string }>('* as count')
    .first();
  return Number(row?.count ?? 0);
}

/** The customer's newest invoices for the 360° view, and how many there are. */
export async function newestInvoicesOfCustomer(db: DbOrTrx, customerId: string, limit: number): Promise<{ count: number; items: OpenInvoiceRow[] }> {
  const [rows, total] = await Promise.all([
    db('invoices as i')
      .where('i.customer_id', customerId)
      .orderBy([
        { column: 'i.due_date', order: 'desc' },
        { column: 'i.invoice_number', order: 'desc' },
      ])
      .limit(limit)
      .select('i.*', db.raw(`${OPEN_AMOUNT_SQL} AS open_amount`)),
    db('invoices').where({ customer_id: customerId }).count<{ count: string }>('* as count').first(),
  ]);
  return { count: Number(total?.count ?? 0), items: rows.map((r: OpenInvoiceRow) => ({ ...r, open_amount: Number(r.open_amount) })) };
}

/** The oldest overdue due date of each policy with overdue invoices (of the given policies, or of all). */
export async function oldestOverdueDueDates(db: DbOrTrx, policyIds?: readonly string[]): Promise<Map<string, string>> {
  const q = db('invoices').where({ status: 'overdue' }).groupBy('policy_id').select('policy_id', db.raw('min(due_date)::text AS since'));
  if (policyIds) q.whereIn('policy_id', [...policyIds]);
  const rows: { policy_id: string; since: string }[] = await q;
  return new Map(rows.map((r) => [r.policy_id, r.since]));
}

/** The policy's installments due on or before `date` that have no invoice, oldest first. */
export function uninvoicedInstallmentsDueBy(db: DbOrTrx, policyId: string, date: string): Promise<InstallmentRow[]> {
  return db('billing_installments')
    .where({ policy_id: policyId })
    .whereNull('invoice_id')
    .where('due_date', '<=', date)
    .orderBy([{ column: 'due_date' }, { column: 'sequence' }]);
}

/**
 * Marks up to `limit` unpaid invoices due in (`after`, `through`] and not reminded yet as reminded
 * now (skipping rows another run holds), returning what the reminder says: the open amount and the
 * policy number. Not a business change: the invoice's version stays.
 */
export async function claimInvoicesToRemind(
  trx: DbOrTrx,
  after: string,
  through: string,
  limit: number,
  now: Date,
): Promise<{ id: string; invoice_number: string; customer_id: string; policy_number: string; due_date: string; currency: string; open_amount: number }[]> {
  const { rows } = await trx.raw(
    `WITH c AS (
       SELECT id FROM invoices
       WHERE reminder_queued_at IS NULL AND status IN ('open', 'partially_paid') AND due_date > ?::date AND due_date <= ?::date
       ORDER BY due_date, id LIMIT ? FOR UPDATE SKIP LOCKED
     ), marked AS (
       UPDATE invoices i SET reminder_queued_at = ? FROM c WHERE i.id = c.id RETURNING i.*
     )
     SELECT i.id, i.invoice_number, i.customer_id, bp.policy_number, to_char(i.due_date, 'YYYY-MM-DD') AS due_date, i.currency,
            ${OPEN_AMOUNT_SQL} AS open_amount
     FROM marked i JOIN billing_policies bp ON bp.policy_id = i.policy_id
     ORDER BY i.due_date, i.id`,
    [after, through, limit, now],
  );
  return rows.map((r: { open_amount: string | number }) => ({ ...r, open_amount: Number(r.open_amount) }));
}

/** The customer's overdue invoices with what is still open on each (the screen pop's caller card), oldest due first. */
export async function overdueInvoicesOfCustomer(
  db: DbOrTrx,
  customerId: string,
): Promise<{ id: string; invoice_number: string; due_date: string; currency: string; open_amount: number }[]> {
  const rows: { id: string; invoice_number: string; due_date: string; currency: string; open_amount: string }[] = await db('invoices as i')
    .where({ 'i.customer_id': customerId, 'i.status': 'overdue' })
    .orderBy([
      { column: 'i.due_date', order: 'asc' },
      { column: 'i.invoice_number', order: 'asc' },
    ])
    .select('i.id', 'i.invoice_number', db.raw('i.due_date::text AS due_date'), 'i.currency', db.raw(`${OPEN_AMOUNT_SQL} AS open_amount`));
  return rows.map((r) => ({ ...r, currency: r.currency.trim(), open_amount: Number(r.open_amount) }));
}

/** One ledger entry's net effect (debit − credit) on an invoice's receivable, for voiding it. */
export interface InvoiceEntryEffect {
  entry_id: string;
  source_type: string;
  reverses_entry_id: string | null;
  /** Debit − credit of the entry's receivable postings on this invoice. */
  net: number;
  /** The entry has receivable postings on another invoice, or on none (a charge shared with others). */
  elsewhere: boolean;
  /** Some entry reverses this one. */
  reversed: boolean;
}

/** Every entry that moved the invoice's receivable, oldest first, with its net effect on it. */
export async function entryEffectsOn(db: DbOrTrx, invoiceId: string): Promise<InvoiceEntryEffect[]> {
  const { rows } = await db.raw<{ rows: (Omit<InvoiceEntryEffect, 'net'> & { net: string | number })[] }>(
    `SELECT e.id AS entry_id, e.source_type, e.reverses_entry_id,
            SUM(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END) AS net,
            EXISTS (SELECT 1 FROM postings o JOIN ledger_accounts oa ON oa.id = o.account_id
                     WHERE o.entry_id = e.id AND oa.kind = 'premium_receivable' AND o.invoice_id IS DISTINCT FROM :invoiceId) AS elsewhere,
            EXISTS (SELECT 1 FROM journal_entries r WHERE r.reverses_entry_id = e.id) AS reversed
       FROM postings p
       JOIN ledger_accounts a ON a.id = p.account_id
       JOIN journal_entries e ON e.id = p.entry_id
      WHERE p.invoice_id = :invoiceId AND a.kind = 'premium_receivable'
      GROUP BY e.id
      ORDER BY min(e.seq)`,
    { invoiceId },
  );
  return rows.map((r) => ({ ...r, net: Number(r.net) }));
}

/** Per currency, the customer's installments not yet invoiced due on or after `date` (policies not ended by then), the earliest first. */
export async function uninvoicedInstallmentsOfCustomer(db: DbOrTrx, customerId: string, date: string): Promise<{ currency: string; due_date: string; amount: number }[]> {
  const rows = await db('billing_installments as bi')
    .join('billing_policies as bp', 'bp.policy_id', 'bi.policy_id')
    .where('bp.customer_id', customerId)
    .whereNull('bi.invoice_id')
    .where('bi.due_date', '>=', date)
    .where((q) => q.whereNull('bp.ended_on').orWhereRaw('bi.due_date < bp.ended_on'))
    .orderBy('bi.due_date')
    .select(db.raw('trim(bi.currency) AS currency'), 'bi.due_date', 'bi.amount');
  return rows.map((r: { currency: string; due_date: string; amount: string | number }) => ({ ...r, amount: Number(r.amount) }));
}
