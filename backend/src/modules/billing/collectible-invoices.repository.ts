// What collections (issue 20) reads of billing's invoices, through `services.billing`: the overdue
// invoices with their policy's product version and open amount, and one invoice's state (optionally
// locked FOR SHARE, so a payment marking it paid waits until a dunning step has committed — the step
// runs before the payment or not at all). First argument: the db or the transaction.
import type { DbOrTrx } from '../../db';
import { OPEN_AMOUNT_SQL } from './overdue.repository';

export interface CollectibleInvoice {
  id: string;
  invoiceNumber: string;
  status: string;
  dueDate: string;
  currency: string;
  openAmount: number;
  policyId: string;
  policyNumber: string;
  customerId: string;
  branchId: string;
  productVersionId: string;
}

const COLUMNS = `i.id, i.invoice_number, i.status, to_char(i.due_date, 'YYYY-MM-DD') AS due_date, trim(i.currency) AS currency,
  (${OPEN_AMOUNT_SQL})::bigint AS open_amount, i.policy_id, bp.policy_number, i.customer_id, i.branch_id, bp.product_version_id`;

interface Row {
  id: string;
  invoice_number: string;
  status: string;
  due_date: string;
  currency: string;
  open_amount: string | number;
  policy_id: string;
  policy_number: string;
  customer_id: string;
  branch_id: string;
  product_version_id: string;
}

const toInvoice = (r: Row): CollectibleInvoice => ({
  id: r.id,
  invoiceNumber: r.invoice_number,
  status: r.status,
  dueDate: r.due_date,
  currency: r.currency,
  openAmount: Number(r.open_amount),
  policyId: r.policy_id,
  policyNumber: r.policy_number,
  customerId: r.customer_id,
  branchId: r.branch_id,
  productVersionId: r.product_version_id,
});

/** Invoices in status overdue with money still open, oldest due first; `branchIds` limits them to those branches. */
export async function overdueInvoices(db: DbOrTrx, filter: { branchIds?: readonly string[] | 'all'; limit?: number } = {}): Promise<CollectibleInvoice[]> {
  const branches = filter.branchIds && filter.branchIds !== 'all' ? filter.branchIds : null;
  if (branches && branches.length === 0) return [];
  const { rows } = await db.raw<{ rows: Row[] }>(
    `SELECT * FROM (SELECT ${COLUMNS} FROM invoices i JOIN billing_policies bp ON bp.policy_id = i.policy_id
       WHERE i.status = 'overdue' ${branches ? 'AND i.branch_id = ANY(?::uuid[])' : ''}) x
      WHERE x.open_amount > 0 ORDER BY x.due_date, x.id LIMIT ?`,
    [...(branches ? [branches as string[]] : []), filter.limit ?? 100_000],
  );
  return rows.map(toInvoice);
}

/**
 * Unpaid invoices with a small amount still open — more than zero, at most `maxAmount` — due on or
 * before `dueOnOrBefore`, oldest due first (write-off proposals); `branchIds` limits them to those branches.
 */
export async function smallOldBalances(
  db: DbOrTrx,
  filter: { branchIds: readonly string[] | 'all'; maxAmount: number; dueOnOrBefore: string; limit: number },
): Promise<CollectibleInvoice[]> {
  const branches = filter.branchIds !== 'all' ? filter.branchIds : null;
  if (branches && branches.length === 0) return [];
  const { rows } = await db.raw<{ rows: Row[] }>(
    `SELECT * FROM (SELECT ${COLUMNS} FROM invoices i JOIN billing_policies bp ON bp.policy_id = i.policy_id
       WHERE i.status IN ('open', 'partially_paid', 'overdue') AND i.due_date <= ?::date ${branches ? 'AND i.branch_id = ANY(?::uuid[])' : ''}) x
      WHERE x.open_amount > 0 AND x.open_amount <= ? ORDER BY x.due_date, x.id LIMIT ?`,
    [filter.dueOnOrBefore, ...(branches ? [branches as string[]] : []), filter.maxAmount, filter.limit],
  );
  return rows.map(toInvoice);
}

/** The invoices by id (any status), optionally locked FOR SHARE in the caller's transaction. */
export async function invoicesByIds(db: DbOrTrx, ids: readonly string[], options: { lock?: boolean } = {}): Promise<CollectibleInvoice[]> {
  if (!ids.length) return [];
  const { rows } = await db.raw<{ rows: Row[] }>(
    `SELECT ${COLUMNS} FROM invoices i JOIN billing_policies bp ON bp.policy_id = i.policy_id
      WHERE i.id = ANY(?::uuid[]) ORDER BY i.id ${options.lock ? 'FOR SHARE OF i' : ''}`,
    [ids as string[]],
  );
  return rows.map(toInvoice);
}

/** Per currency, what collection figures are made of (the invoices of the given branches, or all). */
export interface CollectionTotals {
  currency: string;
  /** Σ lines (not waived) of the invoices issued in the period, void ones left out. */
  billed: number;
  /** Σ open amounts of the unpaid invoices today. */
  receivable: number;
  /** Invoices that went overdue in the period. */
  wentOverdue: number;
  /** Of those, the ones paid since, before their policy ended (a lapse or a cancellation). */
  cured: number;
}

export async function collectionTotals(db: DbOrTrx, q: { from: string; to: string; timeZone: string; branchIds: readonly string[] | 'all' }): Promise<CollectionTotals[]> {
  const branches = q.branchIds === 'all' ? null : (q.branchIds as string[]);
  const inBranches = branches ? 'AND i.branch_id = ANY(CAST(:branches AS uuid[]))' : '';
  const { rows } = await db.raw<{ rows: { currency: string; billed: string; receivable: string; went_overdue: string; cured: string }[] }>(
    `WITH billed AS (
       SELECT trim(i.currency) AS currency, sum(l.amount) AS billed FROM invoices i JOIN invoice_lines l ON l.invoice_id = i.id
        WHERE i.issue_date BETWEEN :from AND :to AND i.status <> 'void' AND l.waived_at IS NULL ${inBranches} GROUP BY 1),
     receivable AS (
       SELECT trim(i.currency) AS currency, sum(${OPEN_AMOUNT_SQL}) AS receivable FROM invoices i
        WHERE i.status IN ('open', 'partially_paid', 'overdue') ${inBranches} GROUP BY 1),
     went AS (
       SELECT DISTINCT ON (h.invoice_id) h.invoice_id, h.changed_at FROM invoice_status_history h JOIN invoices i ON i.id = h.invoice_id
        WHERE h.to_status = 'overdue' AND CAST(h.changed_at AT TIME ZONE :zone AS date) BETWEEN :from AND :to ${inBranches}
        ORDER BY h.invoice_id, h.changed_at),
     cure AS (
       SELECT trim(i.currency) AS currency, count(*) AS went_overdue,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM invoice_status_history p WHERE p.invoice_id = w.invoice_id AND p.to_status = 'paid'
                AND p.changed_at > w.changed_at AND (bp.ended_on IS NULL OR CAST(p.changed_at AT TIME ZONE :zone AS date) < bp.ended_on))) AS cured
         FROM went w JOIN invoices i ON i.id = w.invoice_id JOIN billing_policies bp ON bp.policy_id = i.policy_id GROUP BY 1)
     SELECT c.currency, coalesce(b.billed, 0) AS billed, coalesce(r.receivable, 0) AS receivable, coalesce(cu.went_overdue, 0) AS went_overdue, coalesce(cu.cured, 0) AS cured
       FROM (SELECT currency FROM billed UNION SELECT currency FROM receivable UNION SELECT currency FROM cure) c
       LEFT JOIN billed b USING (currency) LEFT JOIN receivable r USING (currency) LEFT JOIN cure cu USING (currency)
      ORDER BY c.currency`,
    { from: q.from, to: q.to, zone: q.timeZone, ...(branches ? { branches } : {}) },
  );
  return rows.map((r) => ({ currency: r.currency, billed: Number(r.billed), receivable: Number(r.receivable), wentOverdue: Number(r.went_overdue), cured: Number(r.cured) }));
}
