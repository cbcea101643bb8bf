// The SQL of premium writings (issue 20): each posting that writes premium to the unearned premium
// reserve (an invoice's, premium returned by an endorsement or a cancellation) with the days it
// covers, so the earning job knows when it is earned. Append-only, written in the posting's transaction.
import type { DbOrTrx } from '../../db';

export interface PremiumWritingRow {
  ledger_entry_id: string;
  policy_id: string;
  branch_id: string;
  product_version_id: string;
  currency: string;
  /** Signed minor units: positive billed, negative returned. */
  amount: number;
  covered_from: string;
  covered_to: string;
  created_at: Date;
}

export async function insertWriting(trx: DbOrTrx, row: PremiumWritingRow): Promise<void> {
  await trx('premium_writings').insert(row).onConflict('ledger_entry_id').ignore();
}

/** The last day covered by the policy's writings (null without any). */
export async function lastCoveredDay(db: DbOrTrx, policyId: string): Promise<string | null> {
  const row = await db('premium_writings').where({ policy_id: policyId }).max<{ last: string | null }>('covered_to as last').first();
  return row?.last ?? null;
}

/** The count of installments scheduled in one policy year of a policy (its plan then). */
export async function installmentsInYear(db: DbOrTrx, policyId: string, policyYear: number): Promise<number> {
  const row = await db('billing_installments').where({ policy_id: policyId, policy_year: policyYear }).count<{ n: string }>('* as n').first();
  return Number(row?.n ?? 0);
}

export interface WritingsOnDay {
  /** Per branch, product version and currency: Σ writings whose covered days have all passed by the day (earned in full). */
  earnedInFull: { branch_id: string; product_version_id: string; currency: string; amount: number }[];
  /** Writings being earned on the day (covered_from ≤ day < covered_to). */
  inProgress: { branch_id: string; product_version_id: string; currency: string; amount: number; covered_from: string; covered_to: string }[];
}

/** What the earning job needs for a day: the writings earned in full by then (summed) and those still being earned. */
export async function writingsOnDay(db: DbOrTrx, day: string): Promise<WritingsOnDay> {
  // One after the other: `db` is usually the earning day's transaction (one connection).
  const full = await db('premium_writings')
    .where('covered_to', '<=', day)
    .groupBy('branch_id', 'product_version_id', 'currency')
    .select('branch_id', 'product_version_id', db.raw('trim(currency) as currency'), db.raw('sum(amount)::bigint as amount'));
  const partial = await db('premium_writings')
    .where('covered_from', '<=', day)
    .andWhere('covered_to', '>', day)
    .select('branch_id', 'product_version_id', db.raw('trim(currency) as currency'), 'amount', 'covered_from', 'covered_to');
  return {
    earnedInFull: full.map((r: { branch_id: string; product_version_id: string; currency: string; amount: string | number }) => ({ ...r, amount: Number(r.amount) })),
    inProgress: partial.map((r: { branch_id: string; product_version_id: string; currency: string; amount: string | number; covered_from: string; covered_to: string }) => ({
      ...r,
      amount: Number(r.amount),
    })),
  };
}

/** The first day any writing covers (null without writings). */
export async function firstCoveredDay(db: DbOrTrx): Promise<string | null> {
  const row = await db('premium_writings').min<{ first: string | null }>('covered_from as first').first();
  return row?.first ?? null;
}

/**
 * Premium earned so far by the earning entries (source `earning`, source id = product version, the
 * entry's branch): the net credit to premium income per branch, product version and currency,
 * whatever the entries' dates.
 */
export async function earnedSoFar(db: DbOrTrx): Promise<{ branch_id: string; product_version_id: string; currency: string; amount: number }[]> {
  const rows = await db('journal_entries as e')
    .join('postings as p', 'p.entry_id', 'e.id')
    .join('ledger_accounts as a', 'a.id', 'p.account_id')
    .where({ 'e.source_type': 'earning', 'a.kind': 'premium_income' })
    .groupBy('e.branch_id', 'e.source_id', 'p.currency')
    .select(
      'e.branch_id',
      'e.source_id as product_version_id',
      db.raw('trim(p.currency) as currency'),
      db.raw(`sum(CASE WHEN p.direction = 'credit' THEN p.amount ELSE -p.amount END)::bigint AS amount`),
    );
  return rows.map((r: { branch_id: string; product_version_id: string; currency: string; amount: string | number }) => ({ ...r, amount: Number(r.amount) }));
}

/**
 * The premium register's movements per product version, currency and month (YYYY-MM of the entries'
 * dates) through `to` (a last day): premium written to the reserve (the writings' entries, net of
 * returns) and premium earned (the earning entries' net credit to premium income).
 */
export async function registerMovements(db: DbOrTrx, to: string): Promise<{ product_version_id: string; currency: string; month: string; written: number; earned: number }[]> {
  const { rows } = await db.raw(
    `WITH written AS (
       SELECT w.product_version_id, trim(w.currency) AS currency, to_char(e.effective_date, 'YYYY-MM') AS month, sum(w.amount)::bigint AS amount
         FROM premium_writings w JOIN journal_entries e ON e.id = w.ledger_entry_id
        WHERE e.effective_date <= ?
        GROUP BY 1, 2, 3),
     earned AS (
       SELECT e.source_id AS product_version_id, trim(p.currency) AS currency, to_char(e.effective_date, 'YYYY-MM') AS month,
              sum(CASE WHEN p.direction = 'credit' THEN p.amount ELSE -p.amount END)::bigint AS amount
         FROM journal_entries e
         JOIN postings p ON p.entry_id = e.id
         JOIN ledger_accounts a ON a.id = p.account_id AND a.kind = 'premium_income'
        WHERE e.source_type = 'earning' AND e.effective_date <= ?
        GROUP BY 1, 2, 3)
     SELECT coalesce(w.product_version_id, x.product_version_id) AS product_version_id, coalesce(w.currency, x.currency) AS currency,
            coalesce(w.month, x.month) AS month, coalesce(w.amount, 0) AS written, coalesce(x.amount, 0) AS earned
       FROM written w FULL JOIN earned x USING (product_version_id, currency, month)
      ORDER BY 3, 1, 2`,
    [to, to],
  );
  return rows.map((r: { product_version_id: string; currency: string; month: string; written: string | number; earned: string | number }) => ({
    ...r,
    written: Number(r.written),
    earned: Number(r.earned),
  }));
}
