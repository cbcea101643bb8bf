// The ledger's SQL: accounts, entries, postings, balances (always sums over postings), verification.
// The first argument is the db or the transaction.
import type { Knex } from 'knex';
import type { AccountKind, AccountOwnerType, Direction, SourceType } from '../../contracts/billing';
import type { LateFeeRule } from '../../contracts/products';
import type { DbOrTrx, Trx } from '../../db';
import { keysetPage, type SortKey } from '../../platform/pagination';

export interface AccountKey {
  kind: AccountKind;
  ownerType: AccountOwnerType;
  ownerKey: string;
  currency: string;
}

export interface EntryRow {
  id: string;
  seq: number;
  external_id: string;
  effective_date: string;
  source_type: SourceType;
  source_id: string | null;
  reverses_entry_id: string | null;
  description: string;
  policy_id: string | null;
  customer_id: string | null;
  branch_id: string | null;
  created_at: Date;
  created_by: string | null;
}

export interface PostingRow {
  entry_id: string;
  account_id: string;
  kind: AccountKind;
  owner_type: AccountOwnerType;
  owner_key: string;
  direction: Direction;
  amount: number;
  currency: string;
  invoice_id: string | null;
}

const accountKeyString = (k: AccountKey) => `${k.kind}|${k.ownerType}|${k.ownerKey}|${k.currency}`;

/** How many account ids `ensureAccounts` keeps (per policy, customer and payment method: a busy day's worth). */
const COMMITTED_ACCOUNTS_KEPT = 20_000;

/**
 * The ids of these accounts, creating those that do not exist yet (concurrent creators agree on one
 * row). `committed` holds ids known to be committed (an account is never changed or deleted: the
 * database refuses it); accounts found there cost no statement. The ids this call finds or creates
 * join it only once `trx` commits: a row this same transaction created in an earlier call is found
 * too, and is gone if it rolls back.
 */
export async function ensureAccounts(trx: DbOrTrx, keys: AccountKey[], committed: Map<string, string>): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const missing = new Map<string, AccountKey>();
  for (const k of keys) {
    const key = accountKeyString(k);
    const known = committed.get(key);
    if (known) ids.set(key, known);
    else missing.set(key, k);
  }
  if (!missing.size) return ids;
  type AccountRow = { id: string; kind: AccountKind; owner_type: AccountOwnerType; owner_key: string; currency: string };
  const keyOfRow = (r: AccountRow) => accountKeyString({ kind: r.kind, ownerType: r.owner_type, ownerKey: r.owner_key, currency: r.currency });
  const created: AccountRow[] = await trx('ledger_accounts')
    .insert([...missing.values()].map((k) => ({ kind: k.kind, owner_type: k.ownerType, owner_key: k.ownerKey, currency: k.currency })))
    .onConflict(['kind', 'owner_type', 'owner_key', 'currency'])
    .ignore()
    .returning(['id', 'kind', 'owner_type', 'owner_key', 'currency']);
  for (const r of created) missing.delete(keyOfRow(r));
  // Not created by this statement: they existed, or a concurrent creator committed them first (the insert waited for it).
  const existing: AccountRow[] = missing.size
    ? await trx('ledger_accounts')
        .whereIn(
          ['kind', 'owner_type', 'owner_key', 'currency'],
          [...missing.values()].map((k) => [k.kind, k.ownerType, k.ownerKey, k.currency]),
        )
        .select('id', 'kind', 'owner_type', 'owner_key', 'currency')
    : [];
  const found = [...created, ...existing];
  for (const r of found) ids.set(keyOfRow(r), r.id);
  rememberOnCommit(
    trx,
    committed,
    found.map((r) => [keyOfRow(r), r.id] as const),
  );
  return ids;
}

function rememberOnCommit(trx: DbOrTrx, committed: Map<string, string>, entries: (readonly [string, string])[]) {
  const remember = () => {
    if (committed.size + entries.length > COMMITTED_ACCOUNTS_KEPT) committed.clear(); // a bound on memory; a miss costs two statements
    for (const [key, id] of entries) committed.set(key, id);
  };
  // Outside a transaction each statement commits on its own. A rolled-back transaction's rejection is its caller's to handle.
  if (!trx.isTransaction) remember();
  else (trx as Knex.Transaction).executionPromise.then(remember, () => undefined);
}
export { accountKeyString };

const ENTRY_COLUMNS = [
  'e.id',
  'e.seq',
  'e.external_id',
  'e.effective_date',
  'e.source_type',
  'e.source_id',
  'e.reverses_entry_id',
  'e.description',
  'e.policy_id',
  'e.customer_id',
  'e.branch_id',
  'e.created_at',
  'e.created_by',
];

/** Inserts the entry unless its external id exists; undefined when it did. */
export async function insertEntryIfNew(trx: DbOrTrx, row: Omit<EntryRow, 'id' | 'seq'>): Promise<EntryRow | undefined> {
  const [inserted] = await trx('journal_entries')
    .insert(row)
    .onConflict('external_id')
    .ignore()
    .returning(ENTRY_COLUMNS.map((c) => c.slice(2)));
  return inserted as EntryRow | undefined;
}

export async function insertPostings(
  trx: DbOrTrx,
  rows: { entry_id: string; account_id: string; direction: Direction; amount: number; currency: string; invoice_id: string | null }[],
): Promise<void> {
  await trx('postings').insert(rows);
}

export async function findEntry(db: DbOrTrx, where: { id: string } | { external_id: string }, options: { lock?: boolean } = {}): Promise<EntryRow | undefined> {
  // `lock` serialises work on one entry (its reversal) until the transaction ends. Not a row lock:
  // FOR UPDATE needs UPDATE privilege, which the app's database role does not hold on the append-only
  // ledger. The SELECT after the wait sees what the previous holder committed (READ COMMITTED).
  if (options.lock) await db.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [`ledger:entry:${'id' in where ? where.id : where.external_id}`]);
  return db('journal_entries as e')
    .where(Object.fromEntries(Object.entries(where).map(([k, v]) => [`e.${k}`, v])))
    .first(ENTRY_COLUMNS);
}

/** The entry that reverses `entryId`, if any. */
export async function findReversal(db: DbOrTrx, entryId: string): Promise<EntryRow | undefined> {
  return db('journal_entries as e').where('e.reverses_entry_id', entryId).first(ENTRY_COLUMNS);
}

export async function postingsOf(db: DbOrTrx, entryIds: string[]): Promise<PostingRow[]> {
  if (!entryIds.length) return [];
  return db('postings as p')
    .join('ledger_accounts as a', 'a.id', 'p.account_id')
    .whereIn('p.entry_id', entryIds)
    .orderBy('p.id')
    .select('p.entry_id', 'p.account_id', 'a.kind', 'a.owner_type', 'a.owner_key', 'p.direction', 'p.amount', 'p.currency', 'p.invoice_id');
}

/** Which of these entries have been reversed, and by which entry. */
export async function reversalsOf(db: DbOrTrx, entryIds: string[]): Promise<Map<string, string>> {
  if (!entryIds.length) return new Map();
  const rows: { id: string; reverses_entry_id: string }[] = await db('journal_entries').whereIn('reverses_entry_id', entryIds).select('id', 'reverses_entry_id');
  return new Map(rows.map((r) => [r.reverses_entry_id, r.id]));
}

/** Σ debits and Σ credits of one account (zero when it does not exist yet). */
export async function accountTotals(db: DbOrTrx, key: AccountKey): Promise<{ debits: number; credits: number }> {
  const row = await db('postings as p')
    .join('ledger_accounts as a', 'a.id', 'p.account_id')
    .where({ 'a.kind': key.kind, 'a.owner_type': key.ownerType, 'a.owner_key': key.ownerKey, 'a.currency': key.currency })
    .first(
      db.raw(`coalesce(sum(p.amount) FILTER (WHERE p.direction = 'debit'), 0)::bigint AS debits`),
      db.raw(`coalesce(sum(p.amount) FILTER (WHERE p.direction = 'credit'), 0)::bigint AS credits`),
    );
  return { debits: Number(row?.debits ?? 0), credits: Number(row?.credits ?? 0) };
}

/** Σ debits and Σ credits of each currency's account of one kind and owner. */
export async function ownerTotals(db: DbOrTrx, kind: AccountKind, ownerType: AccountOwnerType, ownerKey: string): Promise<{ currency: string; debits: number; credits: number }[]> {
  const rows = await db('ledger_accounts as a')
    .leftJoin('postings as p', 'p.account_id', 'a.id')
    .where({ 'a.kind': kind, 'a.owner_type': ownerType, 'a.owner_key': ownerKey })
    .groupBy('a.currency')
    .orderBy('a.currency')
    .select(
      'a.currency',
      db.raw(`coalesce(sum(p.amount) FILTER (WHERE p.direction = 'debit'), 0)::bigint AS debits`),
      db.raw(`coalesce(sum(p.amount) FILTER (WHERE p.direction = 'credit'), 0)::bigint AS credits`),
    );
  return rows.map((r: { currency: string; debits: number; credits: number }) => ({ currency: r.currency, debits: Number(r.debits), credits: Number(r.credits) }));
}

/** Σ debits and Σ credits per account kind and currency, over every posting. */
export async function trialBalanceRows(db: DbOrTrx, asOf?: string, from?: string): Promise<{ kind: AccountKind; currency: string; debits: number; credits: number }[]> {
  const q = db('postings as p').join('ledger_accounts as a', 'a.id', 'p.account_id');
  if (asOf || from) q.join('journal_entries as e', 'e.id', 'p.entry_id');
  if (asOf) q.where('e.effective_date', '<=', asOf);
  if (from) q.where('e.effective_date', '>=', from);
  return q
    .groupBy('a.kind', 'p.currency')
    .orderBy(['p.currency', 'a.kind'])
    .select(
      'a.kind',
      'p.currency',
      db.raw(`coalesce(sum(p.amount) FILTER (WHERE p.direction = 'debit'), 0)::bigint AS debits`),
      db.raw(`coalesce(sum(p.amount) FILTER (WHERE p.direction = 'credit'), 0)::bigint AS credits`),
    );
}

const LEDGER_SORT: SortKey[] = [{ column: 'e.seq', field: 'seq', dir: 'desc' }];
export { LEDGER_SORT };

/** A policy's or a customer's entries; or those posting to an account kind in a currency, dated within [from, to]. */
export type EntryScope =
  | { policyId: string }
  | { customerId: string }
  | {
      accountKind: AccountKind;
      currency: string;
      from: string;
      to: string;
      /** Only these product versions' premium entries: their premium writings and their earning entries (issue 20). */
      productVersionIds?: readonly string[];
      sourceTypes?: readonly string[];
    };

function scopedEntries(db: DbOrTrx, scope: EntryScope): Knex.QueryBuilder {
  const q = db('journal_entries as e').select(ENTRY_COLUMNS);
  if ('policyId' in scope) return q.where('e.policy_id', scope.policyId);
  if ('customerId' in scope) return q.where('e.customer_id', scope.customerId);
  q.whereBetween('e.effective_date', [scope.from, scope.to]).whereExists(
    db('postings as p').join('ledger_accounts as a', 'a.id', 'p.account_id').whereRaw('p.entry_id = e.id').where({ 'a.kind': scope.accountKind, 'p.currency': scope.currency }),
  );
  if (scope.sourceTypes) q.whereIn('e.source_type', [...scope.sourceTypes]);
  const versions = scope.productVersionIds;
  if (versions) {
    q.where((w) =>
      w
        .where((earning) => earning.where('e.source_type', 'earning').whereIn('e.source_id', [...versions]))
        .orWhereExists(
          db('premium_writings as pw')
            .whereRaw('pw.ledger_entry_id = e.id')
            .whereIn('pw.product_version_id', [...versions]),
        ),
    );
  }
  return q;
}

/** A policy's or a customer's entries, newest first, one keyset page. */
export async function listEntries(db: DbOrTrx, scope: EntryScope, page: { limit: number; cursor?: string }) {
  return keysetPage<EntryRow & Record<string, unknown>>(scopedEntries(db, scope), LEDGER_SORT, page);
}

/** Every entry of the scope for export, newest first, at most `max`. */
export async function exportEntries(db: DbOrTrx, scope: EntryScope, max: number): Promise<EntryRow[]> {
  return scopedEntries(db, scope).orderBy('e.seq', 'desc').limit(max);
}

/**
 * Entries that break the rules the commit-time trigger enforces (fewer than two postings, a posting
 * in another currency than its account's, debits ≠ credits in a currency), oldest first.
 */
export async function findUnbalancedEntries(db: DbOrTrx, limit: number): Promise<{ count: number; ids: string[] }> {
  const { rows } = await db.raw(
    `WITH per_currency AS (
       SELECT e.id, e.seq, count(p.id) AS n,
              coalesce(sum(CASE p.direction WHEN 'debit' THEN p.amount ELSE -p.amount END), 0) AS net,
              coalesce(bool_or(p.currency <> a.currency), false) AS mismatch
       FROM journal_entries e
       LEFT JOIN postings p ON p.entry_id = e.id
       LEFT JOIN ledger_accounts a ON a.id = p.account_id
       GROUP BY e.id, e.seq, p.currency
     ), bad AS (
       SELECT id, seq FROM per_currency GROUP BY id, seq HAVING sum(n) < 2 OR bool_or(net <> 0) OR bool_or(mismatch)
     )
     SELECT (SELECT count(*) FROM bad)::bigint AS count, coalesce((SELECT array_agg(id ORDER BY seq) FROM (SELECT id, seq FROM bad ORDER BY seq LIMIT ?) f), '{}') AS ids`,
    [limit],
  );
  return { count: Number(rows[0].count), ids: rows[0].ids };
}

export async function countEntries(db: DbOrTrx): Promise<number> {
  const row = await db('journal_entries').count<{ count: number }>('* as count').first();
  return Number(row?.count ?? 0);
}

export interface VerificationRow {
  id: number;
  run_at: Date;
  entries_checked: number;
  unbalanced_count: number;
  unbalanced_entry_ids: string[];
  trial_balance: { currency: string; debits: number; credits: number }[];
  trial_balance_ok: boolean;
  balanced: boolean;
  duration_ms: number;
}

export async function insertVerification(db: DbOrTrx, row: Omit<VerificationRow, 'id' | 'balanced'>): Promise<VerificationRow> {
  const [inserted] = await db('ledger_verifications')
    .insert({ ...row, trial_balance: JSON.stringify(row.trial_balance) })
    .returning('*');
  return inserted;
}

export async function latestVerification(db: DbOrTrx): Promise<VerificationRow | undefined> {
  return db('ledger_verifications').orderBy('id', 'desc').first();
}

// --- billing_policies: billing's own record of each issued policy.

export interface BillingPolicyRow {
  policy_id: string;
  policy_number: string;
  customer_id: string;
  branch_id: string;
  product_version_id: string;
  currency: string;
  annual_premium: number;
  payment_frequency: string;
  installment_count: number;
  installment_amount: number;
  first_installment_amount: number;
  start_date: string;
  end_date: string;
  payment_method: unknown;
  /** The late-fee rule of the policy's product version (jsonb, written at issuance). */
  late_fee: LateFeeRule;
  /** Set when the policy was ended (cancelled): the first day not covered. */
  ended_on?: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export async function insertBillingPolicy(
  trx: DbOrTrx,
  row: Omit<BillingPolicyRow, 'version' | 'payment_method' | 'late_fee'> & { payment_method: string | null; late_fee: string },
): Promise<void> {
  await trx('billing_policies').insert(row);
}

/** A customer merge: the source's policies now belong to the target. */
export async function moveBillingPolicies(trx: DbOrTrx, sourceId: string, targetId: string, now: Date): Promise<void> {
  await trx('billing_policies')
    .where({ customer_id: sourceId })
    .update({ customer_id: targetId, version: trx.raw('version + 1'), updated_at: now });
}

/** A change to the policy's premium or frequency: the installments of the policy years still to be scheduled follow it. */
export async function updateBillingPlan(
  trx: DbOrTrx,
  policyId: string,
  plan: Pick<BillingPolicyRow, 'annual_premium' | 'payment_frequency' | 'installment_count' | 'installment_amount' | 'first_installment_amount'>,
  now: Date,
): Promise<void> {
  await trx('billing_policies')
    .where({ policy_id: policyId })
    .update({ ...plan, version: trx.raw('version + 1'), updated_at: now });
}

/** A policy ended on `endDate` (cancelled): nothing due from then on is invoiced, no later year is scheduled. */
export async function endBillingPolicy(trx: DbOrTrx, policyId: string, endDate: string, now: Date): Promise<void> {
  await trx('billing_policies')
    .where({ policy_id: policyId })
    .update({ ended_on: endDate, version: trx.raw('version + 1'), updated_at: now });
}

/** A renewal: the policy runs to `endDate` on the new plan from the next policy year (its product version with it). */
export async function renewBillingPolicy(
  trx: DbOrTrx,
  policyId: string,
  renewal: Pick<
    BillingPolicyRow,
    'annual_premium' | 'payment_frequency' | 'installment_count' | 'installment_amount' | 'first_installment_amount' | 'end_date' | 'product_version_id'
  >,
  now: Date,
): Promise<void> {
  await trx('billing_policies')
    .where({ policy_id: policyId })
    .update({ ...renewal, version: trx.raw('version + 1'), updated_at: now });
}

/** A lapsed policy reinstated: billing resumes (installments are invoiced and years scheduled again). */
export async function reopenBillingPolicy(trx: DbOrTrx, policyId: string, now: Date): Promise<void> {
  await trx('billing_policies')
    .where({ policy_id: policyId })
    .update({ ended_on: null, version: trx.raw('version + 1'), updated_at: now });
}

/** Billing's policy row, locked for a change to its plan. */
export function lockBillingPolicy(trx: Trx, policyId: string): Promise<BillingPolicyRow | undefined> {
  return trx('billing_policies').where({ policy_id: policyId }).forUpdate().first();
}

export async function findBillingPolicy(db: DbOrTrx, policyId: string): Promise<BillingPolicyRow | undefined> {
  return db('billing_policies').where({ policy_id: policyId }).first();
}

// --- Accounting periods: the books' lock (months in the company's time zone, closed in order).

export interface PeriodRow {
  /** The first day of the month. */
  period_start: string;
  status: 'open' | 'closed';
  closed_at: Date | null;
  closed_by: string | null;
  closed_by_name: string | null;
  version: number;
}

const periodRows = (db: DbOrTrx) => db('accounting_periods as ap').leftJoin('users as u', 'u.id', 'ap.closed_by').select('ap.*', 'u.name as closed_by_name');

/** The last day of the latest closed month, or null. */
export async function lockedThrough(db: DbOrTrx): Promise<string | null> {
  const row = await db('accounting_periods')
    .where({ status: 'closed' })
    .first(db.raw(`to_char(max(period_start) + interval '1 month' - interval '1 day', 'YYYY-MM-DD') AS through`));
  return (row?.through as string | null) ?? null;
}

export function periodsFrom(db: DbOrTrx, from: string): Promise<PeriodRow[]> {
  return periodRows(db).where('ap.period_start', '>=', from).orderBy('ap.period_start');
}

export async function lockPeriod(trx: Trx, periodStart: string): Promise<PeriodRow> {
  await trx('accounting_periods').insert({ period_start: periodStart, status: 'open' }).onConflict('period_start').ignore();
  await trx('accounting_periods').where({ period_start: periodStart }).forUpdate().first('period_start');
  return (await periodRows(trx).where('ap.period_start', periodStart).first()) as PeriodRow;
}

export async function setPeriodStatus(
  trx: Trx,
  periodStart: string,
  version: number,
  change: { status: 'open' } | { status: 'closed'; closedAt: Date; closedBy: string },
): Promise<PeriodRow> {
  await trx('accounting_periods')
    .where({ period_start: periodStart, version })
    .update(
      change.status === 'closed'
        ? { status: 'closed', closed_at: change.closedAt, closed_by: change.closedBy, version: version + 1 }
        : { status: 'open', closed_at: null, closed_by: null, version: version + 1 },
    );
  return (await periodRows(trx).where('ap.period_start', periodStart).first()) as PeriodRow;
}

export async function firstEntryDate(db: DbOrTrx): Promise<string | null> {
  const row = await db('journal_entries').first(db.raw(`to_char(min(effective_date), 'YYYY-MM-DD') AS first`));
  return (row?.first as string | null) ?? null;
}

/** Each day's totals per account kind and currency within [from, to], with how many entries made them. */
export async function dailyMovements(
  db: DbOrTrx,
  from: string,
  to: string,
): Promise<{ date: string; kind: AccountKind; currency: string; debits: number; credits: number; entries: number }[]> {
  const rows = await db('postings as p')
    .join('journal_entries as e', 'e.id', 'p.entry_id')
    .join('ledger_accounts as a', 'a.id', 'p.account_id')
    .whereBetween('e.effective_date', [from, to])
    .groupBy('e.effective_date', 'a.kind', 'p.currency')
    .orderBy(['e.effective_date', 'p.currency', 'a.kind'])
    .select(
      db.raw(`to_char(e.effective_date, 'YYYY-MM-DD') AS date`),
      'a.kind',
      'p.currency',
      db.raw(`coalesce(sum(p.amount) FILTER (WHERE p.direction = 'debit'), 0)::bigint AS debits`),
      db.raw(`coalesce(sum(p.amount) FILTER (WHERE p.direction = 'credit'), 0)::bigint AS credits`),
      db.raw('count(DISTINCT e.id)::integer AS entries'),
    );
  return rows.map((r) => ({ ...r, debits: Number(r.debits), credits: Number(r.credits) }));
}

export async function entryCount(db: DbOrTrx, from: string, to: string): Promise<number> {
  const [row] = await db('journal_entries').whereBetween('effective_date', [from, to]).count<{ count: string }[]>('* as count');
  return Number(row?.count ?? 0);
}
