// SQL for policy transactions and the versions of a policy's terms. First argument: the db or the transaction.
import type { Beneficiary } from '../../contracts/orders';
import type {
  CancellationDetails,
  LapseDetails,
  ReinstatementDetails,
  EndorsementChanges,
  Policy,
  PolicyTransactionReferral,
  PolicyBillingEffect,
  PolicyTerms,
  PolicyTransactionQuote,
  PolicyTransactionStatus,
  POLICY_TRANSACTION_TYPES,
} from '../../contracts/policies';
import type { PaymentFrequency } from '../../contracts/products';
import type { DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { nextRecordNumber } from '../../platform/records';
import { scoped } from '../../platform/scope';
import type { RatingInputs } from './policy-terms';

export interface PolicyVersionRow {
  policy_id: string;
  version_number: number;
  effective_from: string;
  transaction_id: string | null;
  coverages: Policy['coverages'];
  sum_insured: string | number;
  annual_premium: string | number;
  extra_premium_percent: number | null;
  exclusions: string[];
  payment_frequency: PaymentFrequency;
  installment_count: number;
  installment_amount: string | number;
  first_installment_amount: string | number;
  beneficiaries: Beneficiary[];
  insured: unknown;
  rating_inputs: RatingInputs | null;
  created_by: string;
  created_at: Date;
}

export type NewVersionRow = Omit<
  PolicyVersionRow,
  'coverages' | 'exclusions' | 'beneficiaries' | 'insured' | 'rating_inputs' | 'sum_insured' | 'annual_premium' | 'installment_amount' | 'first_installment_amount'
> & {
  coverages: string;
  exclusions: string;
  beneficiaries: string;
  insured: string | null;
  rating_inputs: string | null;
  sum_insured: number;
  annual_premium: number;
  installment_amount: number;
  first_installment_amount: number;
};

export async function insertVersion(trx: Trx, row: NewVersionRow): Promise<void> {
  await trx('policy_versions').insert(row);
}

/** The version in force on `date` (the newest effective on or before it), or the newest when no date is given. */
export function versionInForce(db: DbOrTrx, policyId: string, date?: string): Promise<PolicyVersionRow | undefined> {
  const q = db('policy_versions').where({ policy_id: policyId });
  if (date) q.where('effective_from', '<=', date);
  return q
    .orderBy([
      { column: 'effective_from', order: 'desc' },
      { column: 'version_number', order: 'desc' },
    ])
    .first();
}

export function findVersion(db: DbOrTrx, policyId: string, versionNumber: number): Promise<PolicyVersionRow | undefined> {
  return db('policy_versions').where({ policy_id: policyId, version_number: versionNumber }).first();
}

/** Every version of the policy, newest first, with who made it and the transaction behind it. */
export function versionsOf(
  db: DbOrTrx,
  policyId: string,
): Promise<(PolicyVersionRow & { created_by_name: string; transaction_number: string | null; transaction_type: string | null })[]> {
  return db('policy_versions as v')
    .join('users as u', 'u.id', 'v.created_by')
    .leftJoin('policy_transactions as t', 't.id', 'v.transaction_id')
    .where('v.policy_id', policyId)
    .orderBy('v.version_number', 'desc')
    .select('v.*', 'u.name as created_by_name', 't.transaction_number', 't.type as transaction_type');
}

export interface TransactionRow {
  id: string;
  transaction_number: string;
  policy_id: string;
  branch_id: string;
  type: (typeof POLICY_TRANSACTION_TYPES)[number];
  status: PolicyTransactionStatus;
  effective_date: string;
  requested_by: 'policyholder' | 'insurer';
  reason: string;
  changes: EndorsementChanges | CancellationDetails | ReinstatementDetails | LapseDetails;
  base_terms_version: number;
  new_terms: (PolicyTerms & { ratingInputs: RatingInputs | null }) | null;
  worksheet: PolicyTransactionQuote | null;
  old_annual_premium: string | number | null;
  new_annual_premium: string | number | null;
  premium_delta: string | number | null;
  billing_effect: PolicyBillingEffect | null;
  result_terms_version: number | null;
  /** Stored with the decider's id; the answer names them. */
  referral: (Omit<PolicyTransactionReferral, 'decidedBy'> & { decidedBy: string | null }) | null;
  version: number;
  /** null: a scheduled job (a lapse). */
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  issued_by: string | null;
  issued_at: Date | null;
}

export type TransactionView = TransactionRow & {
  policy_number: string;
  currency: string;
  created_by_name: string | null;
  issued_by_name: string | null;
  referral_decided_by_name: string | null;
};

function withNames(db: DbOrTrx) {
  return db('policy_transactions as t')
    .join('policies as p', 'p.id', 't.policy_id')
    .leftJoin('users as c', 'c.id', 't.created_by')
    .leftJoin('users as i', 'i.id', 't.issued_by')
    .leftJoin('users as r', db.raw("r.id = (t.referral->>'decidedBy')::uuid"))
    .select('t.*', 'p.policy_number', 'p.currency', 'c.name as created_by_name', 'i.name as issued_by_name', 'r.name as referral_decided_by_name');
}

export function findTransaction(db: DbOrTrx, id: string): Promise<TransactionView | undefined> {
  return withNames(db).where('t.id', id).first();
}

/** Referred changes waiting for an underwriter, oldest first, in the actor's branches. */
export function referredTransactions(db: DbOrTrx, actor: Actor): Promise<TransactionView[]> {
  return scoped(withNames(db), actor, 't.branch_id')
    .whereRaw("t.referral->>'status' = 'pending'")
    .where('t.status', 'draft')
    .orderBy([
      { column: 't.created_at', order: 'asc' },
      { column: 't.id', order: 'asc' },
    ])
    .limit(100);
}

export function transactionsOf(db: DbOrTrx, policyId: string): Promise<TransactionView[]> {
  return withNames(db)
    .where('t.policy_id', policyId)
    .orderBy([
      { column: 't.created_at', order: 'desc' },
      { column: 't.id', order: 'desc' },
    ])
    .limit(200);
}

/** Locks the transaction row for a state change. */
export function lockTransaction(trx: Trx, id: string): Promise<TransactionRow | undefined> {
  return trx('policy_transactions').where({ id }).forUpdate().first();
}

export async function insertTransaction(trx: Trx, row: Record<string, unknown>): Promise<{ id: string; transaction_number: string }> {
  const [inserted] = await trx('policy_transactions')
    .insert({ transaction_number: nextRecordNumber(trx, 'PT', 'policy_transaction_number_seq'), ...row })
    .returning(['id', 'transaction_number']);
  return inserted;
}

export async function updateTransaction(trx: Trx, id: string, changes: Record<string, unknown>): Promise<void> {
  await trx('policy_transactions').where({ id }).update(changes);
}

export async function insertTransactionHistory(
  trx: Trx,
  row: { transaction_id: string; from_status: string | null; to_status: string; reason: string | null; changed_by: string | null; changed_at: Date },
): Promise<void> {
  await trx('policy_transaction_status_history').insert(row);
}

/** Σ premium deltas of the policy's issued endorsements (effective within [from, to) when given): what they billed or credited. */
export async function issuedPremiumDeltas(db: DbOrTrx, policyId: string, range?: { from: string; to: string }): Promise<number> {
  const q = db('policy_transactions').where({ policy_id: policyId, status: 'issued', type: 'endorsement' });
  if (range) q.where('effective_date', '>=', range.from).where('effective_date', '<', range.to);
  const [{ total }] = await q.sum<{ total: string | null }[]>('premium_delta as total');
  return Number(total ?? 0);
}

/** Locks the policy row for a change to its terms. */
export function lockPolicy(trx: Trx, id: string) {
  return trx('policies').where({ id }).forUpdate().first<{ id: string; status: string; terms_version: number; version: number; branch_id: string } | undefined>();
}

/** The policies row carries the newest terms (what lists, billing and the 360° view read). */
export async function applyTermsToPolicy(trx: Trx, id: string, terms: Record<string, unknown>): Promise<void> {
  await trx('policies').where({ id }).update(terms);
}

/** The policy's draft or quoted transactions (pending changes), oldest first. */
export function openTransactionsOf(db: DbOrTrx, policyId: string): Promise<{ id: string; transaction_number: string; type: string; status: string }[]> {
  return db('policy_transactions')
    .where({ policy_id: policyId })
    .whereIn('status', ['draft', 'quoted'])
    .whereNot('type', 'reinstatement')
    .orderBy('created_at')
    .select('id', 'transaction_number', 'type', 'status');
}
