// SQL for claims. First argument: the db or the transaction. Only the claims tables (and the names
// of users and customers a page shows).
import type {
  AssessmentDecision,
  AssessmentLine,
  AssessmentReasonCode,
  ClaimListQuery,
  ClaimPayeeKind,
  ClaimPaymentMethod,
  ClaimReporter,
  ClaimStatus,
  CoverageCheck,
  FastTrackReason,
  FastTrackStatus,
  FraudIndicator,
  LossType,
  ReferralStatus,
  ReserveKind,
} from '../../contracts/claims';
import { OPEN_CLAIM_STATUSES } from '../../contracts/claims';
import type { FastTrackRule } from '../../contracts/products';
import { preparedQuery, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { keysetPage, sortKeys, type SortKey } from '../../platform/pagination';
import { customerStatusChanges, nextRecordNumber } from '../../platform/records';
import type { TimelineEntry, TimelineWindow } from '../../platform/timeline';
import { scoped } from '../../platform/scope';
import type { InformationRequestRow } from './information-requests.repository';

export interface ClaimRow {
  id: string;
  claim_number: string;
  policy_id: string;
  customer_id: string;
  branch_id: string;
  product_version_id: string;
  status: ClaimStatus;
  loss_date: string;
  loss_time: string | null;
  loss_type: LossType;
  description: string;
  location: string;
  reporter: ClaimReporter;
  claimed_amount: string | number | null;
  currency: string;
  coverage_check: CoverageCheck;
  coverage_doubtful: boolean;
  terms_version: number | null;
  assignee_id: string | null;
  submitted_at: Date | null;
  decided_at: Date | null;
  processing_business_days: number | null;
  assessment: StoredAssessment | null;
  assessment_round: number;
  assessed_by: string | null;
  assessed_amount: string | number | null;
  approvals_required: number | null;
  approved_amount: string | number | null;
  paid_amount: string | number;
  fraud_indicators: FraudIndicator[] | null;
  fraud_score: number | null;
  fraud_evaluated_at: Date | null;
  referral_status: ReferralStatus | null;
  fast_track_status: FastTrackStatus | null;
  fast_track: StoredFastTrack | null;
  fast_tracked_at: Date | null;
  fast_track_review: 'pending' | 'reviewed' | null;
  fast_track_reviewer_id: string | null;
  fast_track_review_note: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
  created_by: string;
}

/** The fast-track outcome as stored on the claim: the reasons, and the rule applied as it stood (the audit keeps the same snapshot). */
export interface StoredFastTrack {
  reasons: FastTrackReason[];
  rule: FastTrackRule | null;
  productVersion: { id: string; productName: string; versionNumber: number };
  suspended: boolean;
  evaluatedAt: string;
  paymentNumber: string | null;
}

/** The assessment as stored on the claim (its approvals are rows of claim_approvals). */
export interface StoredAssessment {
  lines: AssessmentLine[];
  total: number;
  decision: AssessmentDecision;
  reasonCode: AssessmentReasonCode;
  reason: string | null;
  assessedAt: string;
}

/** A claim with the names its page and list show. */
export type ClaimView = ClaimRow & {
  customer_number: string;
  first_name: string;
  last_name: string;
  assignee_name: string | null;
  created_by_name: string;
  assessed_by_name: string | null;
};

function withNames(db: DbOrTrx) {
  return db('claims as cl')
    .join('customers as c', 'c.id', 'cl.customer_id')
    .join('users as cb', 'cb.id', 'cl.created_by')
    .leftJoin('users as a', 'a.id', 'cl.assignee_id')
    .leftJoin('users as ab', 'ab.id', 'cl.assessed_by')
    .select('cl.*', 'c.customer_number', 'c.first_name', 'c.last_name', 'a.name as assignee_name', 'cb.name as created_by_name', 'ab.name as assessed_by_name');
}

export function findClaim(db: DbOrTrx, id: string): Promise<ClaimView | undefined> {
  return withNames(db).where('cl.id', id).first();
}

export function lockClaim(trx: Trx, id: string): Promise<ClaimRow | undefined> {
  return trx('claims').where({ id }).forUpdate().first();
}

type AssessmentColumns = 'assessment' | 'assessment_round' | 'assessed_by' | 'assessed_amount' | 'approvals_required' | 'approved_amount';
type FraudColumns = 'fraud_indicators' | 'fraud_score' | 'fraud_evaluated_at' | 'referral_status';
type FastTrackColumns = 'fast_track_status' | 'fast_track' | 'fast_tracked_at' | 'fast_track_review' | 'fast_track_reviewer_id' | 'fast_track_review_note';
export async function insertClaim(
  trx: Trx,
  row: Omit<
    ClaimRow,
    | 'id'
    | 'claim_number'
    | 'version'
    | 'assignee_id'
    | 'submitted_at'
    | 'decided_at'
    | 'processing_business_days'
    | 'paid_amount'
    | AssessmentColumns
    | FraudColumns
    | FastTrackColumns
  >,
) {
  const [created] = await trx('claims')
    .insert({
      ...row,
      reporter: JSON.stringify(row.reporter),
      coverage_check: JSON.stringify(row.coverage_check),
      claim_number: nextRecordNumber(trx, 'CL', 'claim_number_seq'),
    })
    .returning<{ id: string; claim_number: string }[]>(['id', 'claim_number']);
  return created!;
}

/** Applies `changes` when the claim is still at `version` (and, if given, in one of `from`); the new row, or undefined when someone else won. */
export async function updateClaim(trx: Trx, id: string, version: number, changes: Partial<ClaimRow>, from?: readonly ClaimStatus[]): Promise<ClaimRow | undefined> {
  const q = trx('claims')
    .where({ id, version })
    .update({
      ...changes,
      ...(changes.assessment ? { assessment: JSON.stringify(changes.assessment) } : {}),
      // A JS array would go to pg as a PostgreSQL array, not JSON.
      ...(changes.fraud_indicators ? { fraud_indicators: JSON.stringify(changes.fraud_indicators) } : {}),
      ...(changes.fast_track ? { fast_track: JSON.stringify(changes.fast_track) } : {}),
      version: version + 1,
    })
    .returning<ClaimRow[]>('*');
  if (from) q.whereIn('status', from);
  const [row] = await q;
  return row;
}

export function insertHistory(
  trx: Trx,
  row: { claim_id: string; from_status: ClaimStatus | null; to_status: ClaimStatus; reason: string | null; changed_by: string; changed_at: Date },
) {
  return trx('claim_status_history').insert(row);
}

const LIST_ORDER: SortKey[] = [
  { column: 'cl.created_at', field: 'created_at', dir: 'desc' },
  { column: 'cl.id', field: 'id', dir: 'desc' },
];
/** The list's order: newest first, or oldest first (an index on created_at, id is read backwards for it). */
const listOrder = (sort: string | undefined): SortKey[] => (sort ? sortKeys(sort, { createdAt: [['cl.created_at', 'created_at']] }, ['cl.id', 'id']) : LIST_ORDER);

/** A row of the claims list: what a summary shows (the claim's coverage check, assessment, fraud verdict and reporter stay out). */
export type ClaimListRow = Pick<
  ClaimView,
  | 'id'
  | 'claim_number'
  | 'status'
  | 'policy_id'
  | 'customer_id'
  | 'branch_id'
  | 'loss_date'
  | 'loss_type'
  | 'claimed_amount'
  | 'currency'
  | 'coverage_doubtful'
  | 'assignee_id'
  | 'created_at'
  | 'referral_status'
  | 'fraud_score'
  | 'fast_track_status'
  | 'fast_track_review'
  | 'customer_number'
  | 'first_name'
  | 'last_name'
  | 'assignee_name'
> & { policy_number: string };

/**
 * A page of claims in the actor's branches, newest first. Only the summary's columns: the whole row
 * (coverage check, assessment) was four times the bytes and twice the time for a page of 25.
 */
export function listPage(db: DbOrTrx, actor: Actor, filter: ClaimListQuery) {
  const q = scoped(
    db('claims as cl')
      .join('customers as c', 'c.id', 'cl.customer_id')
      .leftJoin('users as a', 'a.id', 'cl.assignee_id')
      .select(
        ...['id', 'claim_number', 'status', 'policy_id', 'customer_id', 'branch_id', 'loss_date', 'loss_type', 'claimed_amount', 'currency', 'coverage_doubtful'].map(
          (c) => `cl.${c}`,
        ),
        ...['assignee_id', 'created_at', 'referral_status', 'fraud_score', 'fast_track_status', 'fast_track_review'].map((c) => `cl.${c}`),
        db.raw(`cl.coverage_check->>'policyNumber' AS policy_number`),
        'c.customer_number',
        'c.first_name',
        'c.last_name',
        'a.name as assignee_name',
      ),
    actor,
    'cl.branch_id',
  );
  if (filter.fastTrack) q.where('cl.fast_track_status', filter.fastTrack);
  if (filter.fastTrackReview) q.where('cl.fast_track_review', filter.fastTrackReview);
  if (filter.fastTrackReviewer === 'me') q.where('cl.fast_track_reviewer_id', actor.userId);
  if (filter.status) q.where('cl.status', filter.status);
  if (filter.assignee === 'me') q.where('cl.assignee_id', actor.userId);
  if (filter.assignee === 'unassigned') q.whereNull('cl.assignee_id');
  if (filter.policyId) q.where('cl.policy_id', filter.policyId);
  if (filter.customerId) q.where('cl.customer_id', filter.customerId);
  if (filter.referral) q.where('cl.referral_status', filter.referral);
  if (filter.coverageDoubtful !== undefined) q.where('cl.coverage_doubtful', filter.coverageDoubtful);
  return keysetPage<ClaimListRow & Record<string, unknown>>(q, listOrder(filter.sort), filter);
}

/** The adjuster among `candidates` with the fewest open claims (then by name order given, i.e. the first). */
export async function leastLoaded(db: DbOrTrx, candidates: readonly string[]): Promise<string | undefined> {
  if (!candidates.length) return undefined;
  const loads = await db('claims')
    .whereIn('assignee_id', candidates)
    .whereIn('status', OPEN_CLAIM_STATUSES)
    .groupBy('assignee_id')
    .select('assignee_id', db.raw('count(*)::int AS n'));
  const load = new Map(loads.map((r: { assignee_id: string; n: number }) => [r.assignee_id, r.n]));
  let best: string | undefined;
  for (const id of candidates) if (best === undefined || (load.get(id) ?? 0) < (load.get(best) ?? 0)) best = id;
  return best;
}

export interface NoteRow {
  id: string;
  body: string;
  created_by: string;
  created_by_name: string;
  created_at: Date;
}

export function notesOf(db: DbOrTrx, claimId: string): Promise<NoteRow[]> {
  return db('claim_notes as n').join('users as u', 'u.id', 'n.created_by').where('n.claim_id', claimId).orderBy('n.seq').select('n.*', 'u.name as created_by_name');
}

export async function insertNote(trx: Trx, row: { claim_id: string; body: string; created_by: string; created_at: Date }): Promise<string> {
  const [created] = await trx('claim_notes').insert(row).returning<{ id: string }[]>('id');
  return created!.id;
}

export interface ReserveRow {
  claim_id: string;
  coverage_code: string;
  kind: ReserveKind;
  amount: string | number;
}

export function reservesOf(db: DbOrTrx, claimId: string): Promise<ReserveRow[]> {
  return db('claim_reserves').where({ claim_id: claimId }).orderBy(['coverage_code', 'kind']);
}

export async function reserveOf(db: DbOrTrx, claimId: string, coverage: string, kind: ReserveKind): Promise<number> {
  const row = await db('claim_reserves').where({ claim_id: claimId, coverage_code: coverage, kind }).first('amount');
  return Number(row?.amount ?? 0);
}

export function setReserve(trx: Trx, claimId: string, coverage: string, kind: ReserveKind, amount: number, now: Date) {
  return trx('claim_reserves')
    .insert({ claim_id: claimId, coverage_code: coverage, kind, amount, updated_at: now })
    .onConflict(['claim_id', 'coverage_code', 'kind'])
    .merge({ amount, updated_at: now });
}

export interface ReserveChangeRow {
  id: string;
  claim_id: string;
  coverage_code: string;
  kind: ReserveKind;
  previous_amount: string | number;
  new_amount: string | number;
  reason: string;
  status: 'posted' | 'pending' | 'declined';
  requested_by: string;
  requested_by_name: string;
  requested_at: Date;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  journal_entry_id: string | null;
}

const changesWithNames = (db: DbOrTrx) =>
  db('claim_reserve_changes as rc')
    .join('users as r', 'r.id', 'rc.requested_by')
    .leftJoin('users as d', 'd.id', 'rc.decided_by')
    .select('rc.*', 'r.name as requested_by_name', 'd.name as decided_by_name');

export function reserveChangesOf(db: DbOrTrx, claimId: string): Promise<ReserveChangeRow[]> {
  return changesWithNames(db).where('rc.claim_id', claimId).orderBy('rc.seq');
}

export function findReserveChange(db: DbOrTrx, id: string): Promise<ReserveChangeRow | undefined> {
  return changesWithNames(db).where('rc.id', id).first();
}

export async function insertReserveChange(
  trx: Trx,
  row: Pick<ReserveChangeRow, 'id' | 'claim_id' | 'coverage_code' | 'kind' | 'reason' | 'status' | 'requested_by' | 'requested_at' | 'journal_entry_id'> & {
    previous_amount: number;
    new_amount: number;
  },
): Promise<void> {
  await trx('claim_reserve_changes').insert(row);
}

export function updateReserveChange(trx: Trx, id: string, changes: Record<string, unknown>) {
  return trx('claim_reserve_changes').where({ id }).update(changes);
}

/** Declines every change of the claim's reserves still waiting for approval (a settled claim's). */
export function declinePendingChanges(trx: Trx, claimId: string, decided: { decided_by: string; decided_at: Date; decision_note: string }) {
  return trx('claim_reserve_changes')
    .where({ claim_id: claimId, status: 'pending' })
    .update({ ...decided, status: 'declined' });
}

export async function hasPendingChange(db: DbOrTrx, claimId: string, coverage: string, kind: ReserveKind): Promise<boolean> {
  return !!(await db('claim_reserve_changes').where({ claim_id: claimId, coverage_code: coverage, kind, status: 'pending' }).first('id'));
}

/** Claim numbers by id, for the audit trail's record names. */
export async function numbersOf(db: DbOrTrx, ids: readonly string[]): Promise<Map<string, string>> {
  const rows = await db('claims').whereIn('id', ids).select('id', 'claim_number');
  return new Map(rows.map((r: { id: string; claim_number: string }) => [r.id, r.claim_number]));
}

/** The policy's claims not yet settled, closed, rejected or withdrawn (they keep a policy in grace from lapsing unattended). */
export function unsettledClaimsOfPolicy(db: DbOrTrx, policyId: string): Promise<{ claim_number: string; status: ClaimStatus }[]> {
  return db('claims')
    .where({ policy_id: policyId })
    .whereIn('status', [...OPEN_CLAIM_STATUSES, 'approved', 'partially_approved'])
    .orderBy('claim_number')
    .select('claim_number', 'status');
}

export interface ApprovalRow {
  level: number;
  amount: string | number;
  approved_by: string;
  approved_by_name: string;
  approved_at: Date;
}

/** The approvals of one assessment round, level order. */
export function approvalsOf(db: DbOrTrx, claimId: string, round: number): Promise<ApprovalRow[]> {
  return db('claim_approvals as ap')
    .join('users as u', 'u.id', 'ap.approved_by')
    .where({ 'ap.claim_id': claimId, 'ap.assessment_round': round })
    .orderBy('ap.level')
    .select('ap.level', 'ap.amount', 'ap.approved_by', 'u.name as approved_by_name', 'ap.approved_at');
}

export async function insertApproval(
  trx: Trx,
  row: { claim_id: string; assessment_round: number; level: number; amount: number; approver_limit: number | null; approved_by: string; approved_at: Date },
): Promise<void> {
  await trx('claim_approvals').insert(row);
}

/**
 * What the policy's other claims were approved on each coverage (their assessments' payable
 * amounts), for the remaining sum insured: claims approved, partially approved, paid, or closed
 * after an approval.
 */
export async function approvedOnCoverages(db: DbOrTrx, policyId: string, exceptClaimId: string): Promise<Map<string, number>> {
  const rows: { coverage: string; total: string }[] = (
    await db.raw(
      `SELECT line->>'coverage' AS coverage, sum((line->>'payable')::bigint) AS total
         FROM claims cl, jsonb_array_elements(cl.assessment->'lines') AS line
        WHERE cl.policy_id = ? AND cl.id <> ? AND cl.approved_amount IS NOT NULL
          AND cl.status IN ('approved', 'partially_approved', 'paid', 'closed')
        GROUP BY 1`,
      [policyId, exceptClaimId],
    )
  ).rows;
  return new Map(rows.map((r) => [r.coverage, Number(r.total)]));
}

export interface PaymentRow {
  id: string;
  payment_number: string;
  claim_id: string;
  coverage_code: string;
  payee_kind: ClaimPayeeKind;
  payee_name: string;
  payee_account: string | null;
  method: ClaimPaymentMethod;
  amount: string | number;
  currency: string;
  final: boolean;
  note: string | null;
  journal_entry_id: string;
  paid_by: string;
  paid_by_name: string;
  paid_at: Date;
}

export function paymentsOf(db: DbOrTrx, claimId: string): Promise<PaymentRow[]> {
  return db('claim_payments as p')
    .join('users as u', 'u.id', 'p.paid_by')
    .where('p.claim_id', claimId)
    .orderBy([{ column: 'p.paid_at' }, { column: 'p.payment_number' }])
    .select('p.*', 'u.name as paid_by_name');
}

/** A new payment's id and number (drawn before posting: the ledger entry names the payment). */
export async function nextPaymentNumber(trx: Trx): Promise<string> {
  const { rows } = await trx.raw<{ rows: { n: string }[] }>('SELECT ? AS n', [nextRecordNumber(trx, 'CP', 'claim_payment_number_seq')]);
  return rows[0]!.n;
}

export async function insertPayment(trx: Trx, row: Omit<PaymentRow, 'paid_by_name'>): Promise<void> {
  await trx('claim_payments').insert(row);
}

// --- Fraud indicators and referrals

/** Numbers of the other lodged claims (not drafts, not withdrawn) on the policy or the customer with a loss from `from` to `to`. */
export async function recentClaimNumbers(db: DbOrTrx, claim: { id: string; policy_id: string; customer_id: string }, from: string, to: string): Promise<string[]> {
  const rows = await db('claims')
    .where((w) => w.where('policy_id', claim.policy_id).orWhere('customer_id', claim.customer_id))
    .whereNot('id', claim.id)
    .whereNotIn('status', ['draft', 'withdrawn'])
    .whereBetween('loss_date', [from, to])
    .orderBy('claim_number')
    .select('claim_number');
  return rows.map((r: { claim_number: string }) => r.claim_number);
}

/** Numbers of the other lodged claims (not drafts, not withdrawn) with the same policy, loss type and loss date. */
export async function duplicateClaimNumbers(db: DbOrTrx, claim: { id: string; policy_id: string; loss_type: LossType; loss_date: string }): Promise<string[]> {
  const rows = await db('claims')
    .where({ policy_id: claim.policy_id, loss_type: claim.loss_type, loss_date: claim.loss_date })
    .whereNot('id', claim.id)
    .whereNotIn('status', ['draft', 'withdrawn'])
    .orderBy('claim_number')
    .select('claim_number');
  return rows.map((r: { claim_number: string }) => r.claim_number);
}

export interface ReferralRow {
  id: string;
  claim_id: string;
  source: 'rules' | 'adjuster';
  reason: string;
  score: number;
  status: ReferralStatus;
  referred_by: string;
  referred_by_name: string;
  referred_at: Date;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
}

/** The claim's latest referral, with names. */
export function latestReferral(db: DbOrTrx, claimId: string): Promise<ReferralRow | undefined> {
  return db('claim_referrals as r')
    .join('users as rb', 'rb.id', 'r.referred_by')
    .leftJoin('users as db', 'db.id', 'r.decided_by')
    .where('r.claim_id', claimId)
    .orderBy('r.referred_at', 'desc')
    .first('r.*', 'rb.name as referred_by_name', 'db.name as decided_by_name');
}

export async function insertReferral(trx: Trx, row: Pick<ReferralRow, 'claim_id' | 'source' | 'reason' | 'score' | 'referred_by' | 'referred_at'>): Promise<string> {
  const [created] = await trx('claim_referrals')
    .insert({ ...row, status: 'open' })
    .returning<{ id: string }[]>('id');
  return created!.id;
}

/** Decides the claim's open referral; its id, or undefined when none is open. */
export async function decideOpenReferral(
  trx: Trx,
  claimId: string,
  decision: { status: 'cleared' | 'upheld'; decided_by: string; decided_at: Date; decision_note: string },
): Promise<string | undefined> {
  const [row] = await trx('claim_referrals').where({ claim_id: claimId, status: 'open' }).update(decision).returning<{ id: string }[]>('id');
  return row?.id;
}

// --- What claims add to customers (the 360° view, lifetime value, risk factors, merges)

/** The customer's newest claims in the caller's branches, and how many there are. */
export async function newestClaimsOfCustomer(db: DbOrTrx, actor: Actor, customerId: string, limit: number) {
  const base = () => scoped(db('claims').where({ customer_id: customerId }), actor, 'branch_id');
  const [{ count }] = await base().count<{ count: string }[]>('* as count');
  const items: Pick<ClaimRow, 'id' | 'claim_number' | 'status' | 'loss_date' | 'loss_type' | 'claimed_amount' | 'paid_amount' | 'currency' | 'policy_id'>[] = await base()
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit)
    .select('id', 'claim_number', 'status', 'loss_date', 'loss_type', 'claimed_amount', 'paid_amount', 'currency', 'policy_id');
  return { count: Number(count), items };
}

/** Σ claim payments to the customer's claims in `currency` (minor units). */
export async function claimsPaidTo(db: DbOrTrx, customerId: string, currency: string): Promise<number> {
  const row = await db('claim_payments as p')
    .join('claims as c', 'c.id', 'p.claim_id')
    .where({ 'c.customer_id': customerId, 'p.currency': currency })
    .first(db.raw('COALESCE(SUM(p.amount), 0)::bigint AS paid'));
  return Number(row?.paid ?? 0);
}

/** The customer's lodged claims (not drafts, not withdrawn) with a loss on or after `since`: how many, and Σ paid in `currency`. */
export async function claimsSince(db: DbOrTrx, customerId: string, since: string, currency: string): Promise<{ count: number; paid: number }> {
  const row = await db('claims')
    .where({ customer_id: customerId })
    .whereNotIn('status', ['draft', 'withdrawn'])
    .where('loss_date', '>=', since)
    .first(db.raw('count(*)::int AS count'), db.raw('COALESCE(SUM(paid_amount) FILTER (WHERE currency = ?), 0)::bigint AS paid', [currency]));
  return { count: Number(row?.count ?? 0), paid: Number(row?.paid ?? 0) };
}

/** A customer merge: the source's claims follow their policies to the target. */
export async function moveClaims(trx: Trx, sourceId: string, targetId: string, now: Date): Promise<void> {
  await trx('claims')
    .where({ customer_id: sourceId })
    .update({ customer_id: targetId, updated_at: now, version: trx.raw('version + 1') });
}

// --- The claim page in one statement

/** A claim with its names, reserves, the approvals of its current assessment round and its latest referral (JSON carries times as text). */
export type ClaimPageRow = ClaimView & {
  policy_number: string;
  fast_track_reviewer_name: string | null;
  reserves: { coverage_code: string; kind: ReserveKind; amount: number }[];
  approvals: (Omit<ApprovalRow, 'approved_at'> & { approved_at: string })[];
  referral: (Omit<ReferralRow, 'referred_at' | 'decided_at'> & { referred_at: string; decided_at: string | null }) | null;
  /** The open information requests, earliest due first (as `openRequestsOf` reads them). */
  open_information_requests: Pick<InformationRequestRow, 'id' | 'items' | 'document_code' | 'due_on'>[];
};

// The same rows as findClaim, reservesOf, approvalsOf (the claim's round) and latestReferral, read on
// one snapshot in one round trip. Five reads held the claim page at ~170 ms p95 under 10 concurrent
// requests on 20,000 claims (docs/performance.md, Claims): each round trip, not any plan, was the cost.
export const CLAIM_PAGE_SQL = `
SELECT cl.*, cl.coverage_check->>'policyNumber' AS policy_number,
  c.customer_number, c.first_name, c.last_name, a.name AS assignee_name, cb.name AS created_by_name, ab.name AS assessed_by_name,
  fr.name AS fast_track_reviewer_name,
  (SELECT coalesce(json_agg(json_build_object('coverage_code', r.coverage_code, 'kind', r.kind, 'amount', r.amount) ORDER BY r.coverage_code, r.kind), '[]')
     FROM claim_reserves r WHERE r.claim_id = cl.id) AS reserves,
  (SELECT coalesce(json_agg(json_build_object('level', ap.level, 'amount', ap.amount, 'approved_by', ap.approved_by, 'approved_by_name', u.name,
                                              'approved_at', ap.approved_at) ORDER BY ap.level), '[]')
     FROM claim_approvals ap JOIN users u ON u.id = ap.approved_by WHERE ap.claim_id = cl.id AND ap.assessment_round = cl.assessment_round) AS approvals,
  (SELECT row_to_json(x) FROM (SELECT r.*, rb.name AS referred_by_name, db.name AS decided_by_name
                                 FROM claim_referrals r JOIN users rb ON rb.id = r.referred_by LEFT JOIN users db ON db.id = r.decided_by
                                WHERE r.claim_id = cl.id ORDER BY r.referred_at DESC LIMIT 1) x) AS referral,
  (SELECT coalesce(json_agg(json_build_object('id', q.id, 'items', q.items, 'document_code', q.document_code, 'due_on', q.due_on) ORDER BY q.due_on, q.seq), '[]')
     FROM claim_information_requests q WHERE q.claim_id = cl.id AND q.status = 'open') AS open_information_requests
FROM claims cl
JOIN customers c ON c.id = cl.customer_id
JOIN users cb ON cb.id = cl.created_by
LEFT JOIN users a ON a.id = cl.assignee_id
LEFT JOIN users ab ON ab.id = cl.assessed_by
LEFT JOIN users fr ON fr.id = cl.fast_track_reviewer_id
WHERE cl.id = $1`;

/** The claim page's rows; a prepared statement (planned once per connection) outside a transaction. */
export async function findClaimPage(db: DbOrTrx, id: string): Promise<ClaimPageRow | undefined> {
  if (db.isTransaction) return ((await db.raw(CLAIM_PAGE_SQL.replace('$1', '?'), [id])).rows as ClaimPageRow[])[0];
  return (await preparedQuery<ClaimPageRow & Record<string, unknown>>(db as Db, 'claims_claim_page_v3', CLAIM_PAGE_SQL, [id]))[0];
}

/** The status changes of the customer's claims in the actor's branches, for the customer timeline. */
export function statusChangesOfCustomer(db: DbOrTrx, actor: Actor, customerId: string, window: TimelineWindow): Promise<TimelineEntry[]> {
  return customerStatusChanges(
    db,
    actor,
    { kind: 'claim', records: 'claims', numberColumn: 'claim_number', history: 'claim_status_history', foreignKey: 'claim_id' },
    customerId,
    window,
  );
}

/** "My work": the open claims assigned to the caller, in their branches, oldest submission first (drafts last). */
export function openClaimsAssignedTo(
  db: DbOrTrx,
  actor: Actor,
  limit: number,
): Promise<Pick<ClaimView, 'id' | 'claim_number' | 'status' | 'branch_id' | 'loss_type' | 'submitted_at' | 'first_name' | 'last_name'>[]> {
  return scoped(db('claims as cl').join('customers as c', 'c.id', 'cl.customer_id'), actor, 'cl.branch_id')
    .where('cl.assignee_id', actor.userId)
    .whereIn('cl.status', OPEN_CLAIM_STATUSES)
    .orderByRaw('cl.submitted_at ASC NULLS LAST, cl.id')
    .limit(limit)
    .select('cl.id', 'cl.claim_number', 'cl.status', 'cl.branch_id', 'cl.loss_type', 'cl.submitted_at', 'c.first_name', 'c.last_name');
}

/** A row of the claims register report (`claims.register`). */
export interface ClaimRegisterRow {
  id: string;
  created_at: Date;
  claim_number: string;
  status: ClaimStatus;
  branch_name: string;
  policy_number: string;
  customer_number: string;
  customer_name: string;
  loss_type: LossType;
  loss_date: string;
  submitted_at: Date | null;
  claimed_amount: number | null;
  assessed_amount: number | null;
  approved_amount: number | null;
  paid_amount: number;
  currency: string;
  assignee_name: string | null;
  decided_at: Date | null;
  processing_business_days: number | null;
}

/**
 * The claims register: claims in the actor's branches (as the claims list scopes them) with a loss
 * date in [from, to] and optionally one status, in the order they were recorded; `size` rows after
 * the keyset `after` (created_at, id).
 */
export function registerPage(
  db: DbOrTrx,
  actor: Actor,
  filter: { lossFrom?: string; lossTo?: string; status?: ClaimStatus },
  after: { createdAt: Date; id: string } | null,
  size: number,
): Promise<ClaimRegisterRow[]> {
  const q = scoped(
    db('claims as cl')
      .join('customers as c', 'c.id', 'cl.customer_id')
      .join('branches as b', 'b.id', 'cl.branch_id')
      .leftJoin('users as a', 'a.id', 'cl.assignee_id')
      .select(
        ...['id', 'created_at', 'claim_number', 'status', 'loss_type', 'loss_date', 'submitted_at', 'currency', 'decided_at', 'processing_business_days'].map((col) => `cl.${col}`),
        ...['claimed_amount', 'assessed_amount', 'approved_amount', 'paid_amount'].map((col) => `cl.${col}`),
        'b.name as branch_name',
        db.raw(`cl.coverage_check->>'policyNumber' AS policy_number`),
        'c.customer_number',
        db.raw(`c.first_name || ' ' || c.last_name AS customer_name`),
        'a.name as assignee_name',
      ),
    actor,
    'cl.branch_id',
  );
  if (filter.lossFrom) q.where('cl.loss_date', '>=', filter.lossFrom);
  if (filter.lossTo) q.where('cl.loss_date', '<=', filter.lossTo);
  if (filter.status) q.where('cl.status', filter.status);
  if (after) q.whereRaw('(cl.created_at, cl.id) > (?, ?::uuid)', [after.createdAt, after.id]);
  return q.orderBy([{ column: 'cl.created_at' }, { column: 'cl.id' }]).limit(size);
}

/** The customer's open claims (the screen pop's caller card): the count and the newest five. */
export async function openClaimsOfCustomer(db: DbOrTrx, customerId: string, limit: number) {
  const open = () =>
    db('claims')
      .where({ customer_id: customerId })
      .whereIn('status', [...OPEN_CLAIM_STATUSES]);
  const [rows, total] = await Promise.all([
    open()
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit)
      .select<{ id: string; claim_number: string; status: string; loss_type: string; loss_date: string }[]>(
        'id',
        'claim_number',
        'status',
        'loss_type',
        db.raw('loss_date::text AS loss_date'),
      ),
    open().count<{ count: string }>('* as count').first(),
  ]);
  return { count: Number(total?.count ?? 0), rows };
}

// --- Fast-track (issue 21)

/** Admitted claims whose straight-through processing has not completed, submitted before `before`. */
export async function pendingFastTrack(db: DbOrTrx, before: Date, limit: number): Promise<string[]> {
  const rows: { id: string }[] = await db('claims').where({ fast_track_status: 'pending' }).where('submitted_at', '<', before).orderBy('submitted_at').limit(limit).select('id');
  return rows.map((r) => r.id);
}

/** The day's sample row, first (its primary key makes the sample once per date); false: already taken. */
export async function insertFastTrackSample(trx: Trx, date: string, now: Date): Promise<boolean> {
  const { rows } = await trx.raw<{ rows: unknown[] }>(
    `INSERT INTO claim_fast_track_samples (sample_date, fast_tracked, claim_ids, created_at) VALUES (?, 0, '{}', ?) ON CONFLICT (sample_date) DO NOTHING RETURNING sample_date`,
    [date, now],
  );
  return rows.length === 1;
}

export async function completeFastTrackSample(trx: Trx, date: string, fastTracked: number, claimIds: string[]): Promise<void> {
  await trx('claim_fast_track_samples')
    .where({ sample_date: date })
    .update({ fast_tracked: fastTracked, claim_ids: trx.raw('?::uuid[]', [claimIds]) });
}

/** Claims paid straight through in [from, to). */
export function fastTrackedBetween(db: DbOrTrx, from: Date, to: Date): Promise<Pick<ClaimRow, 'id' | 'branch_id' | 'product_version_id' | 'fast_track' | 'fast_tracked_at'>[]> {
  return db('claims')
    .where({ fast_track_status: 'paid' })
    .where('fast_tracked_at', '>=', from)
    .where('fast_tracked_at', '<', to)
    .orderBy('fast_tracked_at')
    .select('id', 'branch_id', 'product_version_id', 'fast_track', 'fast_tracked_at') as never;
}

/** Flags a fast-tracked claim for review by `reviewerId` (null: the branch has no adjuster; the worklist still shows it). */
export async function markForReview(trx: Trx, id: string, reviewerId: string | null, now: Date): Promise<void> {
  await trx('claims')
    .where({ id, fast_track_status: 'paid' })
    .whereNull('fast_track_review')
    .update({ fast_track_review: 'pending', fast_track_reviewer_id: reviewerId, updated_at: now, version: trx.raw('version + 1') });
}

/** "My work": fast-tracked claims of the daily sample the caller is to review, in their branches, oldest first. */
export function fastTrackReviewsOf(
  db: DbOrTrx,
  actor: Actor,
  limit: number,
): Promise<Pick<ClaimView, 'id' | 'claim_number' | 'status' | 'branch_id' | 'loss_type' | 'submitted_at' | 'fast_tracked_at' | 'first_name' | 'last_name'>[]> {
  return scoped(db('claims as cl').join('customers as c', 'c.id', 'cl.customer_id'), actor, 'cl.branch_id')
    .where({ 'cl.fast_track_reviewer_id': actor.userId, 'cl.fast_track_review': 'pending' })
    .orderBy([{ column: 'cl.fast_tracked_at' }, { column: 'cl.id' }])
    .limit(limit)
    .select('cl.id', 'cl.claim_number', 'cl.status', 'cl.branch_id', 'cl.loss_type', 'cl.submitted_at', 'cl.fast_tracked_at', 'c.first_name', 'c.last_name');
}

/** A customer's claims in the given statuses, newest first (the customer portal). */
export function openClaimsOfHolder(db: DbOrTrx, customerId: string, statuses: readonly string[], limit: number) {
  return db('claims')
    .where({ customer_id: customerId })
    .whereIn('status', [...statuses])
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(limit)
    .select<{ id: string; claim_number: string; policy_id: string; status: string; loss_date: string; loss_type: string }[]>(
      'id',
      'claim_number',
      'policy_id',
      'status',
      'loss_date',
      'loss_type',
    );
}
