// SQL of the overdue worklist: one row per policy with overdue invoices (billing's own tables only),
// keyset-paged over the aggregate. First argument: the db or the transaction (a list: a replica may serve it).
import type { OverdueSort } from '../../contracts/billing';
import type { CountedPage } from '../../contracts/common';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { countedPage, type SortKey } from '../../platform/pagination';
import { scoped } from '../../platform/scope';

export interface OverdueRow {
  policy_id: string;
  policy_number: string;
  customer_id: string;
  branch_id: string;
  currency: string;
  overdue_since: string;
  overdue_amount: number;
  overdue_invoices: number;
  days_past_due: number;
}

export interface OverdueFilter {
  /** The business date days are counted to. */
  today: string;
  daysFrom?: number;
  daysTo?: number;
  amountMin?: number;
  /** Versions of the product asked for (an empty list matches nothing). */
  productVersionIds?: string[];
  branchId?: string;
  customerId?: string;
  q?: string;
  sort: OverdueSort;
  limit: number;
  cursor?: string;
}

/** The keyset orders; the last key (the policy id) makes each total. */
export const OVERDUE_ORDERS: Record<OverdueSort, SortKey[]> = {
  '-daysPastDue': [
    { column: 'w.overdue_since', field: 'overdue_since', dir: 'asc' },
    { column: 'w.policy_id', field: 'policy_id', dir: 'asc' },
  ],
  daysPastDue: [
    { column: 'w.overdue_since', field: 'overdue_since', dir: 'desc' },
    { column: 'w.policy_id', field: 'policy_id', dir: 'desc' },
  ],
  '-amount': [
    { column: 'w.overdue_amount', field: 'overdue_amount', dir: 'desc' },
    { column: 'w.policy_id', field: 'policy_id', dir: 'asc' },
  ],
  amount: [
    { column: 'w.overdue_amount', field: 'overdue_amount', dir: 'asc' },
    { column: 'w.policy_id', field: 'policy_id', dir: 'asc' },
  ],
};

/** Σ receivable postings of the invoice: what is still unpaid (as in invoices.repository.ts). */
export const OPEN_AMOUNT_SQL = `coalesce((SELECT sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END)
  FROM postings p JOIN ledger_accounts a ON a.id = p.account_id
  WHERE p.invoice_id = i.id AND a.kind = 'premium_receivable'), 0)`;

/**
 * An invoice's open amount as it stood at the end of `asOf`: its receivable postings in entries dated
 * on or before the day (the ledger's history; later payments, write-offs and voids left out).
 */
const OPEN_AMOUNT_AS_OF_SQL = `coalesce((SELECT sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END)
  FROM postings p JOIN ledger_accounts a ON a.id = p.account_id JOIN journal_entries e ON e.id = p.entry_id
  WHERE p.invoice_id = i.id AND a.kind = 'premium_receivable' AND e.effective_date <= ?::date), 0)::bigint`;

/**
 * The invoices whose open amounts the ageing reads. On today's business date (`historical` false):
 * the unpaid ones (status open, partially paid, overdue — the index the statuses have), all their
 * postings. On an earlier day: every invoice issued by then whatever its status now (paid, void or
 * written off later still owed then), its postings dated by then.
 */
function ageingInvoices(db: DbOrTrx, filter: { today: string; historical?: boolean }) {
  const q = db('invoices as i');
  if (filter.historical) q.where('i.issue_date', '<=', filter.today);
  else q.whereIn('i.status', ['open', 'partially_paid', 'overdue']);
  return q;
}
const ageingOpenAmount = (db: DbOrTrx, filter: { today: string; historical?: boolean }) =>
  filter.historical ? db.raw(`${OPEN_AMOUNT_AS_OF_SQL} AS open_amount`, [filter.today]) : db.raw(`${OPEN_AMOUNT_SQL}::bigint AS open_amount`);

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A page of the actor's policies with overdue invoices: policy, customer id, oldest overdue due date, overdue amount. */
export function overduePage(db: DbOrTrx, actor: Actor, filter: OverdueFilter): Promise<CountedPage<OverdueRow>> {
  const perPolicy = scoped(
    db('invoices as i')
      .join('billing_policies as bp', 'bp.policy_id', 'i.policy_id')
      .where('i.status', 'overdue')
      .groupBy('bp.policy_id')
      .select(
        'bp.policy_id',
        'bp.policy_number',
        'bp.customer_id',
        'bp.branch_id',
        db.raw('trim(bp.currency) AS currency'),
        db.raw('min(i.due_date) AS overdue_since'),
        db.raw(`sum(${OPEN_AMOUNT_SQL})::bigint AS overdue_amount`),
        db.raw('count(*)::integer AS overdue_invoices'),
      ),
    actor,
    'bp.branch_id',
  );
  if (filter.branchId) perPolicy.where('bp.branch_id', filter.branchId);
  if (filter.customerId) perPolicy.where('bp.customer_id', filter.customerId);
  // knex turns an empty list into a condition that matches nothing.
  if (filter.productVersionIds) perPolicy.whereIn('bp.product_version_id', filter.productVersionIds);
  if (filter.q) perPolicy.whereRaw(`bp.policy_number ILIKE ? ESCAPE '\\'`, [`%${escapeLike(filter.q)}%`]);

  const q = db
    .from(perPolicy.as('w'))
    .select('w.*', db.raw('(?::date - w.overdue_since)::integer AS days_past_due', [filter.today]))
    // An invoice is overdue until paid; a rounding-free ledger never leaves one at zero, but say so.
    .where('w.overdue_amount', '>', 0);
  if (filter.daysFrom !== undefined) q.whereRaw('w.overdue_since <= ?::date - ?::integer', [filter.today, filter.daysFrom]);
  if (filter.daysTo !== undefined) q.whereRaw('w.overdue_since >= ?::date - ?::integer', [filter.today, filter.daysTo]);
  if (filter.amountMin !== undefined) q.where('w.overdue_amount', '>=', filter.amountMin);
  return countedPage<OverdueRow & Record<string, unknown>>(db, q, OVERDUE_ORDERS[filter.sort], { limit: filter.limit, cursor: filter.cursor });
}

/** The latest payment attempt (any outcome) of each customer: billing's contribution to "last contact". */
export async function lastPaymentAttempts(
  db: DbOrTrx,
  customerIds: readonly string[],
): Promise<{ customer_id: string; payment_number: string; method: string; status: string; created_at: Date }[]> {
  if (!customerIds.length) return [];
  const { rows } = await db.raw(
    `SELECT DISTINCT ON (customer_id) customer_id, payment_number, method, status, created_at
       FROM payments WHERE customer_id = ANY(?::uuid[])
      ORDER BY customer_id, created_at DESC, id DESC`,
    [customerIds as string[]],
  );
  return rows;
}

/** An unpaid invoice of the aged receivables report: its open amount and days past due on `today`. */
export interface AgedInvoiceRow {
  id: string;
  invoice_number: string;
  policy_number: string;
  customer_id: string;
  branch_id: string;
  currency: string;
  issue_date: string;
  due_date: string;
  days_overdue: number;
  open_amount: number;
}

/**
 * The actor's unpaid invoices (open, partially paid, overdue) with their open amount, oldest due
 * first, `size` after the keyset (due date, id); days overdue counted to `today` (≤ 0: not yet due).
 */
export function agedInvoicesPage(
  db: DbOrTrx,
  actor: Actor,
  filter: { today: string; currency?: string; historical?: boolean },
  after: { dueDate: string; id: string } | null,
  size: number,
): Promise<AgedInvoiceRow[]> {
  const unpaid = scoped(
    ageingInvoices(db, filter)
      .join('billing_policies as bp', 'bp.policy_id', 'i.policy_id')
      .select(
        'i.id',
        'i.invoice_number',
        'bp.policy_number',
        'i.customer_id',
        'i.branch_id',
        db.raw('trim(i.currency) AS currency'),
        db.raw(`to_char(i.issue_date, 'YYYY-MM-DD') AS issue_date`),
        db.raw(`to_char(i.due_date, 'YYYY-MM-DD') AS due_date`),
        db.raw('(?::date - i.due_date)::integer AS days_overdue', [filter.today]),
        ageingOpenAmount(db, filter),
      ),
    actor,
    'i.branch_id',
  );
  if (filter.currency) unpaid.where('i.currency', filter.currency);
  if (after) unpaid.whereRaw('(i.due_date, i.id) > (?::date, ?::uuid)', [after.dueDate, after.id]);
  return unpaid.orderBy([{ column: 'i.due_date' }, { column: 'i.id' }]).limit(size);
}

/**
 * The actor's receivables by currency and ageing bucket on `today` (the aged receivables report's
 * buckets, summed): Σ open amounts and the number of invoices with something open; `historical`:
 * as they stood at the end of an earlier day (`today` is then that day).
 */
export async function receivablesAging(
  db: DbOrTrx,
  actor: Actor,
  today: string,
  historical = false,
): Promise<{ currency: string; bucket: string; amount: number; invoices: number }[]> {
  const open = scoped(
    ageingInvoices(db, { today, historical }).select(
      db.raw('trim(i.currency) AS currency'),
      db.raw('(?::date - i.due_date)::integer AS days', [today]),
      ageingOpenAmount(db, { today, historical }),
    ),
    actor,
    'i.branch_id',
  );
  const rows = await db
    .with('open', open)
    .from('open')
    .where('open_amount', '>', 0)
    .select(
      'currency',
      db.raw(`CASE WHEN days <= 0 THEN 'current' WHEN days <= 30 THEN '1-30' WHEN days <= 60 THEN '31-60' WHEN days <= 90 THEN '61-90' ELSE '90+' END AS bucket`),
      db.raw('sum(open_amount)::bigint AS amount'),
      db.raw('count(*)::integer AS invoices'),
    )
    .groupBy('currency', 'bucket')
    .orderBy('currency');
  return rows.map((r: { currency: string; bucket: string; amount: string; invoices: number }) => ({ ...r, amount: Number(r.amount) }));
}
