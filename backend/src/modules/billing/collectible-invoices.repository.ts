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
