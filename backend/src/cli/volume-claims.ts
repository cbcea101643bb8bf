// `npm run seed:volume -- --claims N`: N claims on the volume policies (volume-policies.ts), written
// in bulk (multi-row INSERT … SELECT from one JSON document per table and batch) but row for row what
// the claims service writes at each step of a claim's life (claims.service.ts):
//
//   first notice (ClaimsService.create): the claim with its coverage check (`checkCoverage` on
//   `services.policyFacts.onDate` and the version's claims catalog, as the service reads them),
//   history, `claim.create` audit → submit: the fraud verdict (`evaluateFraud` over the same facts the
//   service gathers), history, audit, the initial indemnity reserve (posted with its
//   `claim-reserve:<change id>` entry, or pending above the adjuster's claim_amount limit) and, when
//   the rules refer it, the referral → assignment (`claim.assign`) → start of the investigation (the
//   starter takes it) with a manager's decision on a pending reserve and on the rules' referral, an
//   investigation note → assessment (`assessLine`, `approvalsRequired`) → the decision (approval row
//   within the approver's limit, four-eyes) → one final payment (`claim-payment:<id>` entry through
//   POSTING_SCHEME.claimPaid + claimPaidIncurred, the reserve consumed, the rest released, settled)
//   → closed, reopened; or withdrawn. A rejection or a withdrawal releases the reserves left.
//
// The book: claims on policies without one (one claim per policy, so no rule sees another claim of
// the policy or customer), 85% on non-life policies; the statuses a real book has (`BOOK_MIX`),
// open claims reported in the last weeks, settled ones over the year. Death claims stop before an
// approval: an approved death claim ends its policy through policy servicing (a termination with its
// billing settlement), which this seed does not write. No documents are uploaded (every checklist
// item reads missing). Each branch gets claims adjusters (one per ~500 of its claims) and a claims
// manager; the claim_amount approval limits are the demo's when none are set.
//
// The ledger's guards stay on (deferred balance triggers, one transaction per batch). Deterministic
// apart from the generated ids; tops up to N (claims already in the database count).
import crypto from 'node:crypto';
import { ASSESSMENT_REASON_CODES, type AssessmentLine, type ClaimStatus, type CoverageCheck, type LossType } from '../contracts/claims';
import type { Db, Trx } from '../db';
import { diffForAudit } from '../modules/audit/audit.service';
import { POSTING_SCHEME } from '../modules/billing/chart-of-accounts';
import { approvalsRequired, assessLine } from '../modules/claims/assessment';
import { checkCoverage } from '../modules/claims/coverage-check';
import { evaluateFraud, FRAUD_REFERRAL_THRESHOLD, type FraudEvaluation } from '../modules/claims/fraud-rules';
import { hashPassword } from '../modules/identity/passwords';
import type { PolicyFacts, PolicyOnDate } from '../modules/policies/policy-facts';
import type { QuoteBook } from '../modules/products/quote-book';
import { addDays, businessDaysBetween, daysBetween } from '../platform/calendar';
import type { Clock } from '../platform/clock';
import { DEMO_LIMITS } from '../../../seeds/demo/002_approval_limits';
import { insertPostings, insertRows, reserve, type Posting } from './volume-rows';

const BATCH = 500;
/** Claims per adjuster over the book (about 150 of them open at a time). */
const CLAIMS_PER_ADJUSTER = 500;
const LIFE_SHARE = 0.15;

export interface VolumeClaimsOptions {
  /** Claims wanted in total (existing ones count). */
  target: number;
  clock: Clock;
  /** The product's own readers: the policy on the loss date and the version's claims catalog. */
  services: { policyFacts: PolicyFacts; quotes: Pick<QuoteBook, 'claimsCatalogOf'> };
  progress?: (done: number, total: number) => void;
}

/** The tables this seeding fills: the caller refreshes their planner statistics (ANALYZE, as the owner). */
export const VOLUME_CLAIM_TABLES = [
  'claims',
  'claim_status_history',
  'claim_reserves',
  'claim_reserve_changes',
  'claim_approvals',
  'claim_payments',
  'claim_referrals',
  'claim_notes',
  'journal_entries',
  'postings',
  'ledger_accounts',
  'audit_log',
  'users',
];

// --- Pure planning (unit-tested)

/** A deterministic number in [0, 1) for claim n and a purpose (salt). */
export function unit(n: number, salt: number): number {
  let x = (Math.imul(n + 1, 0x9e3779b1) ^ Math.imul(salt + 1, 0x85ebca6b)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  x ^= x >>> 16;
  return (x >>> 0) / 2 ** 32;
}

/**
 * Where claims of a real book stand (shares of 100): most open or settled, some rejected or
 * withdrawn. `closed` is split by what came before: settled by payment or rejected.
 */
export const BOOK_MIX: readonly [Target, number][] = [
  ['draft', 2],
  ['submitted', 12],
  ['under_investigation', 18],
  ['assessed', 8],
  ['approved', 5],
  ['partially_approved', 2],
  ['paid', 17],
  ['closed_paid', 16],
  ['rejected', 8],
  ['closed_rejected', 6],
  ['withdrawn', 4],
  ['reopened', 2],
];
export type Target = Exclude<ClaimStatus, 'closed'> | 'closed_paid' | 'closed_rejected';

export function targetOf(n: number): Target {
  let k = unit(n, 1) * 100;
  for (const [target, share] of BOOK_MIX) {
    if (k < share) return target;
    k -= share;
  }
  return 'submitted';
}

/** Days between the first notice and today for a claim that ends up at `target` (open ones are recent). */
const AGE_DAYS: Record<Target, [number, number]> = {
  draft: [1, 6],
  submitted: [1, 12],
  under_investigation: [4, 45],
  assessed: [10, 60],
  approved: [15, 80],
  partially_approved: [15, 80],
  paid: [20, 300],
  closed_paid: [30, 340],
  rejected: [20, 300],
  closed_rejected: [30, 340],
  withdrawn: [5, 300],
  reopened: [60, 340],
};
/** Steps beyond these need an approval, which a death claim does not get here (see the header). */
const APPROVED_TARGETS: readonly Target[] = ['approved', 'partially_approved', 'paid', 'closed_paid', 'reopened'];

export interface CandidatePolicy {
  id: string;
  start_date: string;
  end_date: string;
  category: string;
  coverages: { code: string; sumInsured: number; deductible?: number }[];
}

export interface LossChoice {
  target: Target;
  lossType: LossType;
  lossDate: string;
  lossTime: string | null;
  /** The first notice's date (on or after the loss, before today). */
  reportedOn: string;
  claimedAmount: number | null;
}

/** Of a loss type's answering coverages, those the policy holds. */
const heldAnswering = (policy: CandidatePolicy, coverages: readonly string[]) => coverages.filter((c) => policy.coverages.some((h) => h.code === c));

/** Claimed as a share of the first answering coverage's sum insured, by kind of loss. */
const CLAIM_SHARE: Partial<Record<LossType, [number, number]>> = {
  death: [1, 1],
  vehicle_collision: [0.05, 0.45],
  accident: [0.01, 0.1],
  fire: [0.02, 0.4],
  water_damage: [0.01, 0.08],
  storm: [0.01, 0.1],
  burglary: [0.02, 0.2],
  hospitalisation: [0.01, 0.12],
  critical_illness: [0.05, 0.3],
  travel_medical: [0.005, 0.08],
};

/**
 * What was lost, when, and what is claimed, for claim n on `policy` (the version's claims catalog):
 * a loss type the policy holds a coverage for (1 in 30 one it does not: a doubtful claim), a loss
 * within the cover before today, reported 0–5 days later, as long ago as the target status makes
 * likely. Null when nothing in the catalog concerns the policy.
 */
export function chooseLoss(n: number, policy: CandidatePolicy, lossTypes: readonly { lossType: LossType; coverages: readonly string[] }[], today: string): LossChoice | null {
  const yesterday = addDays(today, -1);
  if (policy.start_date > yesterday) return null;
  const covered = lossTypes.filter((l) => heldAnswering(policy, l.coverages).length > 0);
  const uncovered = lossTypes.filter((l) => heldAnswering(policy, l.coverages).length === 0);
  if (!covered.length) return null;
  const pickUncovered = uncovered.length > 0 && policy.category !== 'life' && unit(n, 2) < 1 / 30;
  const pool = pickUncovered ? uncovered : covered;
  const lossType = pool[Math.floor(unit(n, 3) * pool.length)]!.lossType;
  let target = targetOf(n);
  if (lossType === 'death' && APPROVED_TARGETS.includes(target)) target = unit(n, 4) < 0.5 ? 'under_investigation' : 'assessed';

  const [minAge, maxAge] = AGE_DAYS[target];
  const age = minAge + Math.floor(unit(n, 5) * (maxAge - minAge + 1));
  const lag = Math.floor(unit(n, 6) * 6);
  const lastCovered = policy.end_date < yesterday ? policy.end_date : yesterday;
  // The loss within the cover (a trip's days, say), then reported `lag` days later but before today.
  let lossDate = addDays(today, -(age + lag));
  if (lossDate < policy.start_date) lossDate = addDays(policy.start_date, Math.min(lag, daysBetween(policy.start_date, lastCovered)));
  if (lossDate > lastCovered) lossDate = addDays(lastCovered, -Math.min(lag, daysBetween(policy.start_date, lastCovered)));
  let reportedOn = addDays(lossDate, lag);
  if (reportedOn > yesterday) reportedOn = yesterday;
  if (reportedOn < lossDate) reportedOn = lossDate;

  const answering = heldAnswering(policy, lossTypes.find((l) => l.lossType === lossType)!.coverages)[0];
  const cover = policy.coverages.find((c) => c.code === answering);
  const [lo, hi] = CLAIM_SHARE[lossType] ?? [0.01, 0.1];
  const base = cover?.sumInsured ?? 10_000_00;
  // Always above the deductible (something is payable), in whole currency units; a few open claims state no amount.
  const noAmount = !APPROVED_TARGETS.includes(target) && target !== 'rejected' && target !== 'closed_rejected' && lossType !== 'death' && unit(n, 7) < 0.1;
  const claimed = Math.round((base * (lo + (hi - lo) * unit(n, 8))) / 100) * 100 + (cover?.deductible ?? 0) + 100_00;
  const minutes = Math.floor(unit(n, 9) * 24 * 60);
  return {
    target,
    lossType,
    lossDate,
    lossTime: unit(n, 10) < 0.7 ? `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}` : null,
    reportedOn,
    claimedAmount: noAmount ? null : lossType === 'death' ? base : Math.min(claimed, base),
  };
}

/** The assessment a claim gets: rejected for the check it failed, else approved or partly approved. */
export function assessmentOf(
  n: number,
  target: Target,
  check: CoverageCheck,
  claimed: number,
): { decision: 'approve' | 'partially_approve' | 'reject'; reasonCode: string; reason: string | null; lossAmount: number } {
  const failed = check.checks.find((c) => !c.passed);
  const rejects = target === 'rejected' || target === 'closed_rejected';
  if (failed || rejects || (target === 'assessed' && unit(n, 11) < 0.15)) {
    const byCheck = { POLICY_IN_FORCE: 'NOT_IN_FORCE', LOSS_TYPE_COVERED: 'LOSS_NOT_COVERED', WAITING_PERIOD_PASSED: 'WAITING_PERIOD', NO_EXCLUSION: 'EXCLUSION_APPLIES' } as const;
    const reasonCode = failed ? byCheck[failed.code] : unit(n, 12) < 0.5 ? 'NO_EVIDENCE_OF_LOSS' : 'MISREPRESENTATION';
    return { decision: 'reject', reasonCode, reason: failed ? failed.detail : 'The loss could not be established from the evidence given.', lossAmount: claimed };
  }
  if (target === 'partially_approved' || unit(n, 13) < 0.2) {
    const codes = ASSESSMENT_REASON_CODES.partially_approve;
    return {
      decision: 'partially_approve',
      reasonCode: codes[Math.floor(unit(n, 14) * 3) + 2]!,
      reason: 'Part of the amount claimed is not covered or not substantiated.',
      lossAmount: Math.round((claimed * (0.6 + 0.3 * unit(n, 15))) / 100) * 100,
    };
  }
  return { decision: 'approve', reasonCode: 'APPROVED_IN_FULL', reason: null, lossAmount: claimed };
}

// --- Writing

/** An instant on a business date; times around noon UTC fall on that date in zones from UTC−10 to UTC+9. */
const at = (date: string, minutes: number) => new Date(`${date}T${String(11 + Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00.000Z`);
const formatNumber = (prefix: string, n: number) => `${prefix}-${String(n).padStart(Math.max(6, String(n).length), '0')}`;
const uuid = () => crypto.randomUUID();

/** Everything one batch writes, table by table, in insertion order. */
class BatchRows {
  claims: Record<string, unknown>[] = [];
  history: Record<string, unknown>[] = [];
  entries: Record<string, unknown>[] = [];
  postings: Posting[] = [];
  changes: Record<string, unknown>[] = [];
  reserves: Record<string, unknown>[] = [];
  referrals: Record<string, unknown>[] = [];
  approvals: Record<string, unknown>[] = [];
  payments: Record<string, unknown>[] = [];
  notes: Record<string, unknown>[] = [];
  audit: Record<string, unknown>[] = [];
}

interface Person {
  id: string;
  role: 'agent' | 'claims_adjuster' | 'manager';
}

interface BranchStaff {
  agent: Person;
  adjusters: Person[];
  manager: Person;
}

interface Limits {
  adjuster: number | null;
  manager: number | null;
}

/** The claim_amount limits the claims service reads (the demo's, as an admin would set them, when none are set). */
async function claimLimits(db: Db, now: Date): Promise<Limits> {
  const existing = await db('approval_limits').where({ kind: 'claim_amount', currency: 'USD' }).select('role', 'max_amount');
  if (!existing.length) {
    const { rows } = await db.raw("SELECT nextval('approval_limits_revision_seq')::bigint AS r");
    await db('approval_limits')
      .insert(
        DEMO_LIMITS.filter((l) => l.kind === 'claim_amount').map((l) => ({ role: l.role, kind: l.kind, currency: 'USD', max_amount: l.max, revision: rows[0].r, updated_at: now })),
      )
      .onConflict(['role', 'kind', 'currency'])
      .ignore();
  }
  const rows: { role: string; max_amount: string }[] = await db('approval_limits').where({ kind: 'claim_amount', currency: 'USD' }).select('role', 'max_amount');
  const of = (role: string) => {
    const r = rows.find((x) => x.role === role);
    return r ? Number(r.max_amount) : null;
  };
  return { adjuster: of('claims_adjuster'), manager: of('manager') };
}

/** Per branch: the volume agent who takes first notices, `adjusters` claims adjusters and a claims manager (created once). */
async function branchStaff(db: Db, branchIds: string[], adjusters: number, now: Date): Promise<Map<string, BranchStaff>> {
  const passwordHash = await hashPassword(crypto.randomBytes(24).toString('base64'), 4);
  const wanted = branchIds.flatMap((b) => [
    { email: `volume-agent-${b}@volume.test`, name: 'Volume Agent', role: 'agent', branch_id: b },
    { email: `volume-claims-manager-${b}@volume.test`, name: 'Volume Claims Manager', role: 'manager', branch_id: b },
    ...Array.from({ length: adjusters }, (_, i) => ({
      email: `volume-adjuster-${i + 1}-${b}@volume.test`,
      name: `Volume Adjuster ${i + 1}`,
      role: 'claims_adjuster',
      branch_id: b,
    })),
  ]);
  await db('users')
    .insert(wanted.map((r) => ({ ...r, password_hash: passwordHash, password_changed_at: now, created_at: now, updated_at: now })))
    .onConflict('email')
    .ignore();
  const users: { id: string; email: string; role: Person['role']; branch_id: string }[] = await db('users')
    .where('email', 'like', 'volume-%@volume.test')
    .whereIn('role', ['agent', 'manager', 'claims_adjuster'])
    .orderBy('email')
    .select('id', 'email', 'role', 'branch_id');
  const staff = new Map<string, BranchStaff>();
  for (const b of branchIds) {
    const mine = users.filter((u) => u.branch_id === b);
    const one = (email: string) => {
      const u = mine.find((x) => x.email.toLowerCase() === email);
      if (!u) throw new Error(`Volume user ${email} is missing`);
      return { id: u.id, role: u.role };
    };
    staff.set(b, {
      agent: one(`volume-agent-${b}@volume.test`),
      manager: one(`volume-claims-manager-${b}@volume.test`),
      adjusters: mine
        .filter((u) => u.role === 'claims_adjuster' && /^volume-adjuster-\d+-/.test(u.email))
        .sort((x, y) => Number(x.email.split('-')[2]) - Number(y.email.split('-')[2]))
        .map((u) => ({ id: u.id, role: u.role })),
    });
  }
  return staff;
}

interface Planned {
  n: number;
  policy: CandidatePolicy & { branch_id: string; customer_id: string; kyc_status: string; product_version_id: string };
  loss: LossChoice;
  facts: PolicyOnDate;
  check: CoverageCheck;
  fraud: FraudEvaluation;
}

/** Seeds claims until there are `target`; returns how many it added. */
export async function seedVolumeClaims(db: Db, options: VolumeClaimsOptions): Promise<{ existing: number; added: number }> {
  const [{ count }] = await db('claims').count<{ count: string }[]>('* as count');
  const existing = Number(count);
  const toAdd = options.target - existing;
  if (toAdd <= 0) return { existing, added: 0 };
  const { clock, services } = options;
  const now = clock.now();
  const today = clock.businessDate(now);

  // Policies without a claim, life and the rest apart (a book's claims are mostly not deaths).
  const candidates: Planned['policy'][] = await db('policies as p')
    .join('products as pr', 'pr.id', 'p.product_id')
    .join('customers as c', 'c.id', 'p.customer_id')
    .where('p.status', 'active')
    .where('p.start_date', '<', today)
    .whereNotExists(db('claims as cl').whereRaw('cl.policy_id = p.id'))
    .orderBy('p.policy_number')
    .select(
      'p.id',
      'p.branch_id',
      'p.customer_id',
      'p.product_version_id',
      'p.coverages',
      'pr.category',
      'c.kyc_status',
      db.raw(`to_char(p.start_date, 'YYYY-MM-DD') AS start_date`),
      db.raw(`to_char(p.end_date, 'YYYY-MM-DD') AS end_date`),
    );
  const life = candidates.filter((p) => p.category === 'life');
  const other = candidates.filter((p) => p.category !== 'life');
  if (life.length + other.length < toAdd) throw new Error(`Only ${candidates.length} active policies without a claim for ${toAdd} claims: seed more policies first (--policies).`);
  const lifeWanted = Math.min(life.length, Math.max(toAdd - other.length, Math.round(toAdd * LIFE_SHARE)));
  // Spread over each list (every k-th policy), so claims fall on every product and branch.
  const spread = <T>(list: T[], k: number) => Array.from({ length: k }, (_, i) => list[Math.floor((i * list.length) / k)]!);
  const chosenLife = spread(life, lifeWanted);
  const chosenOther = spread(other, toAdd - lifeWanted);
  const chosen: Planned['policy'][] = [];
  for (let i = 0, l = 0, o = 0; i < toAdd; i++) {
    const wantLife = l < chosenLife.length && (o >= chosenOther.length || unit(existing + i, 0) < lifeWanted / toAdd);
    chosen.push(wantLife ? chosenLife[l++]! : chosenOther[o++]!);
  }

  const branches = [...new Set(candidates.map((p) => p.branch_id))].sort();
  const perBranch = Math.max(2, Math.ceil(options.target / Math.max(1, branches.length) / CLAIMS_PER_ADJUSTER));
  const staff = await branchStaff(db, branches, perBranch, now);
  const limits = await claimLimits(db, now);
  const catalogs = new Map<string, Awaited<ReturnType<QuoteBook['claimsCatalogOf']>>>();

  for (let done = 0; done < toAdd; done += BATCH) {
    // Read as the service reads at the first notice and the submission: the policy on the loss date, the catalog, KYC.
    const planned: Planned[] = [];
    for (const [i, policy] of chosen.slice(done, done + BATCH).entries()) {
      const n = existing + done + i;
      if (!catalogs.has(policy.product_version_id)) catalogs.set(policy.product_version_id, await services.quotes.claimsCatalogOf(db, policy.product_version_id));
      const catalog = catalogs.get(policy.product_version_id)!;
      const loss = chooseLoss(n, policy, catalog.lossTypes, today);
      if (!loss) throw new Error(`Policy ${policy.id}: its product's claims catalog covers none of its coverages`);
      const facts = (await services.policyFacts.onDate(db, policy.id, loss.lossDate))!;
      const check = checkCoverage({ policy: facts, catalog, lossDate: loss.lossDate, lossType: loss.lossType, description: describe(loss.lossType) });
      const changes = await services.policyFacts.coverChangesUpTo(db, policy.id, loss.lossDate);
      const covering = check.coverages.map((c) => c.sumInsured);
      const fraud = evaluateFraud({
        lossDate: loss.lossDate,
        currency: facts.currency,
        policyStartDate: facts.startDate,
        reinstatedOn: changes.reinstatedOn,
        sumInsuredIncreases: changes.sumInsuredIncreases,
        claimedAmount: loss.claimedAmount,
        sumInsured: covering.length ? Math.max(...covering) : null,
        // One claim per policy (and per customer): no other claims for the rules to see.
        recentClaims: [],
        inGrace: facts.inGrace,
        kycVerified: policy.kyc_status === 'verified',
        duplicates: [],
      });
      planned.push({ n, policy, loss, facts, check, fraud });
    }
    // The ledger's balance triggers are deferred to the commit: each batch's entries are checked there.
    await db.transaction(async (trx) => {
      const b = new BatchRows();
      const claimNos = await reserve(trx, 'claim_number_seq', planned.length);
      const paymentNos = await reserve(trx, 'claim_payment_number_seq', planned.length);
      let paymentAt = 0;
      planned.forEach((p, i) => {
        new ClaimLife(b, p, formatNumber('CL', claimNos[i]!), staff.get(p.policy.branch_id)!, limits, today, () => formatNumber('CP', paymentNos[paymentAt++]!)).live();
      });
      await writeBatch(trx, b);
    });
    options.progress?.(Math.min(done + BATCH, toAdd), toAdd);
  }
  return { existing, added: toAdd };
}

const DESCRIPTIONS: Record<LossType, string> = {
  death: 'The insured died at home; the family reports the death.',
  critical_illness: 'Diagnosed with a critical illness after tests at the clinic.',
  hospitalisation: 'Admitted to hospital for four nights after a fall.',
  accident: 'Injured in an accident while walking on a wet pavement.',
  vehicle_collision: 'Rear-ended at a junction; bumper and boot damaged.',
  vehicle_theft: 'The car was taken from the street overnight.',
  fire: 'A kitchen fire damaged the kitchen and the living room.',
  water_damage: 'A burst pipe soaked the ceiling and the floor below.',
  storm: 'Roof tiles blown off in a storm; rain came in.',
  burglary: 'Break-in through the back door; laptop and jewellery taken.',
  travel_medical: 'Treated at a hospital abroad for a fever.',
  trip_cancellation: 'The trip was cancelled after a family emergency.',
  baggage: 'Checked baggage lost on the return flight.',
};
const describe = (lossType: LossType) => DESCRIPTIONS[lossType];
const LOCATIONS = ['Home address', 'Main Street and 3rd Avenue', 'Office car park', 'City hospital', 'Holiday resort'];

/** One claim, step by step as the service writes it, into the batch's rows. */
class ClaimLife {
  private readonly id = uuid();
  private status: ClaimStatus = 'draft';
  private version = 1;
  private date: string;
  private minutes = 0;
  private assignee: Person | null = null;
  private submittedOn: string | null = null;
  private reserves = new Map<string, number>();
  private pendingChange: { row: Record<string, unknown>; amount: number; coverage: string } | null = null;
  private row: Record<string, unknown> = {};
  private readonly currency: string;

  constructor(
    private readonly b: BatchRows,
    private readonly p: Planned,
    private readonly number: string,
    private readonly staff: BranchStaff,
    private readonly limits: Limits,
    private readonly today: string,
    private readonly nextPaymentNumber: () => string,
  ) {
    this.date = p.loss.reportedOn;
    this.currency = p.facts.currency;
  }

  private get n() {
    return this.p.n;
  }

  /** The next step's instant: `days` later (never today or after), a few minutes after the last one that day. */
  private step(days: number): Date {
    const yesterday = addDays(this.today, -1);
    const next = addDays(this.date, days) > yesterday ? yesterday : addDays(this.date, days);
    this.minutes = next === this.date ? this.minutes + 10 : 0;
    this.date = next;
    return at(next, Math.min(this.minutes, 220));
  }

  private audit(actor: Person, when: Date, action: string, extra: { before?: Record<string, unknown>; after?: Record<string, unknown>; metadata?: Record<string, unknown> }) {
    this.b.audit.push({
      occurred_at: when,
      actor_user_id: actor.id,
      actor_role: actor.role,
      action,
      outcome: 'success',
      entity_type: 'claim',
      entity_id: this.id,
      branch_id: this.p.policy.branch_id,
      changes: diffForAudit(extra.before, extra.after),
      metadata: extra.metadata ?? null,
    });
  }

  private history(actor: Person, when: Date, to: ClaimStatus, reason: string | null) {
    this.b.history.push({ claim_id: this.id, from_status: this.status, to_status: to, reason, changed_by: actor.id, changed_at: when });
  }

  /** ClaimsService.move: the status, history and the `claim.transition` audit row. */
  private move(actor: Person, when: Date, action: string, to: ClaimStatus, reason: string | null) {
    this.history(actor, when, to, reason);
    this.audit(actor, when, 'claim.transition', { before: { status: this.status }, after: { status: to }, metadata: { action, reason } });
    if (action === 'submit') {
      this.row.submitted_at = when;
      this.submittedOn = this.date;
    }
    if (to === 'approved' || to === 'partially_approved' || to === 'rejected') {
      this.row.decided_at = when;
      this.row.processing_business_days = businessDaysBetween(this.submittedOn ?? this.p.loss.reportedOn, this.date);
    }
    if (action === 'start-investigation' && !this.assignee) this.assignee = actor;
    this.status = to;
    this.version++;
    this.row.updated_at = when;
  }

  /** BillingHooks.claimReserveChanged / claimPaid: one balanced entry under the product's external id. */
  private entry(
    actor: Person,
    when: Date,
    e: { externalId: string; sourceType: string; sourceId: string; description: string },
    postings: [string, 'debit' | 'credit', number, string?][],
  ) {
    const id = uuid();
    this.b.entries.push({
      id,
      external_id: e.externalId,
      effective_date: this.date,
      source_type: e.sourceType,
      source_id: e.sourceId,
      reverses_entry_id: null,
      description: `${this.number}: ${e.description}`,
      policy_id: this.p.policy.id,
      customer_id: this.p.policy.customer_id,
      branch_id: this.p.policy.branch_id,
      created_at: when,
      created_by: actor.id,
    });
    for (const [kind, direction, amount, method] of postings) {
      this.b.postings.push({
        entry_id: id,
        kind,
        owner_type: method ? 'payment_method' : 'company',
        owner_key: method ?? '',
        direction,
        amount,
        currency: this.currency,
        invoice_id: null,
      });
    }
    return id;
  }

  private postReserve(actor: Person, when: Date, changeId: string, delta: number, reason: string) {
    const scheme = delta > 0 ? POSTING_SCHEME.claimReserveRaised : POSTING_SCHEME.claimReserveReleased;
    const amount = Math.abs(delta);
    return this.entry(
      actor,
      when,
      {
        externalId: `claim-reserve:${changeId}`,
        sourceType: 'claim_reserve',
        sourceId: changeId,
        description: `reserve ${delta > 0 ? 'raised' : 'lowered'} by ${amount} (${reason})`,
      },
      [
        [scheme.debit, 'debit', amount],
        [scheme.credit, 'credit', amount],
      ],
    );
  }

  /** ClaimsService.recordChange: posted (entry, reserve) or pending; the `claim.reserve_change` audit row. */
  private recordChange(actor: Person, when: Date, c: { coverage: string; previous: number; amount: number; reason: string; pending: boolean }) {
    const changeId = uuid();
    const entryId = c.pending ? null : this.postReserve(actor, when, changeId, c.amount - c.previous, c.reason);
    const row: Record<string, unknown> = {
      id: changeId,
      claim_id: this.id,
      coverage_code: c.coverage,
      kind: 'indemnity',
      previous_amount: c.previous,
      new_amount: c.amount,
      reason: c.reason,
      status: c.pending ? 'pending' : 'posted',
      requested_by: actor.id,
      requested_at: when,
      decided_by: null,
      decided_at: null,
      decision_note: null,
      journal_entry_id: entryId,
    };
    this.b.changes.push(row);
    if (c.pending) this.pendingChange = { row, amount: c.amount, coverage: c.coverage };
    else this.reserves.set(c.coverage, c.amount);
    this.audit(actor, when, 'claim.reserve_change', {
      before: { reserve: c.previous },
      after: { reserve: c.amount },
      metadata: { changeId, coverage: c.coverage, kind: 'indemnity', status: c.pending ? 'pending' : 'posted', reason: c.reason },
    });
  }

  live(): void {
    const { loss, check, fraud, policy, facts } = this.p;
    const target = loss.target;
    const agent = this.staff.agent;
    const adjusters = this.staff.adjusters;
    const adjuster = adjusters[Math.floor(unit(this.n, 20) * adjusters.length)]!;
    const colleague = adjusters[(adjusters.indexOf(adjuster) + 1) % adjusters.length]!;
    const manager = this.staff.manager;

    // First notice (create).
    const created = at(this.date, 0);
    this.row = {
      id: this.id,
      claim_number: this.number,
      policy_id: policy.id,
      customer_id: policy.customer_id,
      branch_id: policy.branch_id,
      product_version_id: facts.productVersionId,
      status: 'draft',
      loss_date: loss.lossDate,
      loss_time: loss.lossTime,
      loss_type: loss.lossType,
      description: describe(loss.lossType),
      location: LOCATIONS[this.n % LOCATIONS.length],
      reporter: { kind: 'policyholder', name: facts.customer.name, phone: `+1 555 01${String(this.n % 100).padStart(2, '0')}` },
      claimed_amount: loss.claimedAmount,
      currency: this.currency,
      coverage_check: check,
      coverage_doubtful: check.coverageDoubtful,
      terms_version: check.termsVersion,
      assignee_id: null,
      submitted_at: null,
      decided_at: null,
      processing_business_days: null,
      created_at: created,
      updated_at: created,
      created_by: agent.id,
    };
    this.b.history.push({
      claim_id: this.id,
      from_status: null,
      to_status: 'draft',
      reason: check.coverageDoubtful ? `Coverage doubtful: ${check.reasons.join(' ')}` : 'First notice of loss',
      changed_by: agent.id,
      changed_at: created,
    });
    this.audit(agent, created, 'claim.create', {
      after: { claimNumber: this.number, policyId: policy.id, lossDate: loss.lossDate, lossType: loss.lossType, coverageDoubtful: check.coverageDoubtful },
    });
    if (target === 'draft') return this.finish();
    if (target === 'withdrawn' && unit(this.n, 21) < 0.3) {
      this.move(agent, this.step(1), 'withdraw', 'withdrawn', 'The customer withdrew the claim before it was submitted.');
      return this.finish();
    }

    // Submit: the fraud verdict, the initial reserve, the rules' referral.
    const submitted = this.step(0);
    this.row.fraud_indicators = fraud.indicators;
    this.row.fraud_score = fraud.score;
    this.row.fraud_evaluated_at = submitted;
    if (fraud.referred) this.row.referral_status = 'open';
    this.move(agent, submitted, 'submit', 'submitted', null);
    // A doubtful claim goes to an adjuster at its submission (in the submission's own update: no version of its own).
    if (check.coverageDoubtful) {
      this.audit(agent, submitted, 'claim.assign', {
        before: { assigneeId: null },
        after: { assigneeId: adjuster.id },
        metadata: { mode: 'coverage_doubtful', reasons: check.reasons },
      });
      this.assignee = adjuster;
    }
    const first = check.coverages[0];
    if (first && loss.claimedAmount !== null) {
      const amount = Math.min(loss.claimedAmount, first.sumInsured);
      this.recordChange(agent, submitted, {
        coverage: first.code,
        previous: 0,
        amount,
        reason: amount < loss.claimedAmount ? 'Set at submission: the claimed amount, capped at the sum insured' : 'Set at submission: the claimed amount',
        pending: this.limits.adjuster === null || amount > this.limits.adjuster,
      });
    }
    let referralId: string | null = null;
    if (fraud.referred) {
      referralId = uuid();
      const severe = fraud.indicators.some((i) => i.severe);
      this.b.referrals.push({
        id: referralId,
        claim_id: this.id,
        source: 'rules',
        reason: `Fraud indicators scored ${fraud.score} (threshold ${FRAUD_REFERRAL_THRESHOLD}${severe ? ', with a severe one' : ''}): ${fraud.indicators.map((i) => i.reason).join(' ')}`,
        score: fraud.score,
        status: 'open',
        referred_by: agent.id,
        referred_at: submitted,
        decided_by: null,
        decided_at: null,
        decision_note: null,
      });
      this.audit(agent, submitted, 'claim.refer', {
        after: { referralStatus: 'open' },
        metadata: { referralId, source: 'rules', score: fraud.score, indicators: fraud.indicators.map((i) => i.code) },
      });
    }
    if (target === 'withdrawn') {
      const withdrawnAt = this.step(1 + Math.floor(unit(this.n, 22) * 5));
      this.move(agent, withdrawnAt, 'withdraw', 'withdrawn', 'The customer no longer pursues the claim.');
      this.releaseAll(agent, withdrawnAt, 'withdrawn');
      return this.finish();
    }
    if (target === 'submitted') {
      // Half of the new claims already have an adjuster (the manager assigned them); the rest wait.
      if (!this.assignee && unit(this.n, 23) < 0.5) this.assign(manager, adjuster, this.step(0));
      return this.finish();
    }

    // The investigation, with the manager's decisions on what waits for one.
    this.move(adjuster, this.step(1 + Math.floor(unit(this.n, 24) * 3)), 'start-investigation', 'under_investigation', null);
    if (this.pendingChange) this.approvePendingReserve(manager, this.step(0));
    if (referralId) this.clearReferral(manager, this.step(1), referralId);
    if (unit(this.n, 25) < 0.6) this.note(adjuster, this.step(0), 'Called the reporter; the documents the loss needs were requested.');
    if (target === 'under_investigation') return this.finish();

    // Assessment and decision.
    const assessment = assessmentOf(this.n, target, check, loss.claimedAmount ?? 0);
    const assessedAt = this.step(2 + Math.floor(unit(this.n, 26) * 10));
    this.assess(adjuster, assessedAt, assessment);
    if (target === 'assessed') return this.finish();
    const total = this.row.assessed_amount as number;
    const decidedAt = this.step(1 + Math.floor(unit(this.n, 27) * 3));
    if (assessment.decision === 'reject') {
      this.move(colleague, decidedAt, 'reject', 'rejected', assessment.reason);
      this.releaseAll(colleague, decidedAt, 'rejected');
    } else {
      // Within an adjuster's limit another adjuster decides (four-eyes); above it the manager.
      const approver = this.limits.adjuster !== null && total <= this.limits.adjuster ? colleague : manager;
      const limit = approver === manager ? this.limits.manager : this.limits.adjuster;
      this.b.approvals.push({ claim_id: this.id, assessment_round: 1, level: 1, amount: total, approver_limit: limit, approved_by: approver.id, approved_at: decidedAt });
      this.audit(approver, decidedAt, 'claim.approve', { metadata: { level: 1, of: this.row.approvals_required, amount: total, currency: this.currency, limit } });
      this.row.approved_amount = total;
      if (assessment.decision === 'approve') this.move(approver, decidedAt, 'approve', 'approved', null);
      else this.move(approver, decidedAt, 'partially-approve', 'partially_approved', assessment.reason);
      if (target === 'approved' || target === 'partially_approved') return this.finish();
      this.pay(this.limits.adjuster !== null && total <= this.limits.adjuster ? adjuster : manager, this.step(2 + Math.floor(unit(this.n, 28) * 8)));
    }
    if (target === 'paid' || target === 'rejected') return this.finish();
    this.move(adjuster, this.step(5 + Math.floor(unit(this.n, 29) * 20)), 'close', 'closed', null);
    if (target === 'reopened') this.move(adjuster, this.step(10 + Math.floor(unit(this.n, 30) * 30)), 'reopen', 'reopened', 'New evidence of a further loss arrived.');
    this.finish();
  }

  private assign(actor: Person, to: Person, when: Date) {
    this.audit(actor, when, 'claim.assign', { before: { assigneeId: this.assignee?.id ?? null }, after: { assigneeId: to.id }, metadata: { mode: 'manual' } });
    this.assignee = to;
    this.version++;
    this.row.updated_at = when;
  }

  /** ClaimReserves.releaseAll at a rejection or withdrawal: a pending change declined, every reserve left posted back to 0. */
  private releaseAll(actor: Person, when: Date, what: 'rejected' | 'withdrawn') {
    if (this.pendingChange) {
      Object.assign(this.pendingChange.row, { status: 'declined', decided_by: actor.id, decided_at: when, decision_note: `The claim was ${what}` });
      this.pendingChange = null;
    }
    for (const [coverage, left] of [...this.reserves.entries()].sort(([x], [y]) => (x < y ? -1 : 1))) {
      if (left === 0) continue;
      this.recordChange(actor, when, { coverage, previous: left, amount: 0, reason: `Released: the claim was ${what}`, pending: false });
    }
  }

  /** ClaimsService.decideReserveChange (approve): the change posted under its own id, the reserve set. */
  private approvePendingReserve(manager: Person, when: Date) {
    const c = this.pendingChange!;
    const current = this.reserves.get(c.coverage) ?? 0;
    const entryId = this.postReserve(manager, when, c.row.id as string, c.amount - current, c.row.reason as string);
    Object.assign(c.row, {
      status: 'posted',
      decided_by: manager.id,
      decided_at: when,
      decision_note: 'Amount supported by the first notice.',
      journal_entry_id: entryId,
      previous_amount: current,
    });
    this.reserves.set(c.coverage, c.amount);
    this.pendingChange = null;
    this.version++;
    this.row.updated_at = when;
    this.audit(manager, when, 'claim.reserve_decide', {
      metadata: { changeId: c.row.id, decision: 'approve', coverage: c.coverage, kind: 'indemnity', amount: c.amount, note: 'Amount supported by the first notice.' },
    });
  }

  /** ClaimsService.decideReferral (clear). */
  private clearReferral(manager: Person, when: Date, referralId: string) {
    const note = 'The indicators are explained by the documents on file.';
    const referral = this.b.referrals.find((r) => r.id === referralId)!;
    Object.assign(referral, { status: 'cleared', decided_by: manager.id, decided_at: when, decision_note: note });
    this.row.referral_status = 'cleared';
    this.version++;
    this.row.updated_at = when;
    this.audit(manager, when, 'claim.referral_decide', {
      before: { referralStatus: 'open', status: this.status },
      after: { referralStatus: 'cleared', status: this.status },
      metadata: { referralId, decision: 'clear', note },
    });
  }

  private note(actor: Person, when: Date, body: string) {
    const noteId = uuid();
    this.b.notes.push({ id: noteId, claim_id: this.id, body, created_by: actor.id, created_at: when });
    this.audit(actor, when, 'claim.note', { metadata: { noteId } });
  }

  /** ClaimsService.assess: one line on the first coverage answering the loss. */
  private assess(adjuster: Person, when: Date, a: ReturnType<typeof assessmentOf>) {
    const coverage = this.p.check.coverages[0] ?? this.p.facts.terms?.coverages[0];
    const terms = this.p.facts.terms?.coverages.find((c) => c.code === coverage?.code);
    const lines: AssessmentLine[] =
      coverage && terms ? [assessLine(a.lossAmount, { code: coverage.code, sumInsured: terms.sumInsured, deductible: terms.deductible ?? 0 }, 0)] : [];
    const total = a.decision === 'reject' ? 0 : lines.reduce((s, l) => s + l.payable, 0);
    const required = a.decision === 'reject' ? 1 : approvalsRequired(total, this.limits.manager);
    // Two approvals (above the manager's limit) are not written here: no volume claim is that large.
    if (required !== 1) throw new Error(`${this.number}: ${total} needs two approvals`);
    Object.assign(this.row, {
      assessment: { lines, total, decision: a.decision, reasonCode: a.reasonCode, reason: a.reason, assessedAt: when.toISOString() },
      assessment_round: 1,
      assessed_by: adjuster.id,
      assessed_amount: total,
      approvals_required: required,
      approved_amount: null,
    });
    this.move(adjuster, when, 'assess', 'assessed', `${a.reasonCode}${a.reason ? `: ${a.reason}` : ''}`);
    this.audit(adjuster, when, 'claim.assess', {
      after: { decision: a.decision, reasonCode: a.reasonCode, total, approvalsRequired: required },
      metadata: { lines: lines.map((l) => ({ coverage: l.coverage, lossAmount: l.lossAmount, deductible: l.deductible, payable: l.payable })) },
    });
  }

  /** ClaimsService.pay: one final payment of the approved amount, the reserve consumed and the rest released; the claim settled. */
  private pay(payer: Person, when: Date) {
    const line = (this.row.assessment as { lines: AssessmentLine[] }).lines.find((l) => l.payable > 0)!;
    const amount = this.row.approved_amount as number;
    const paymentId = uuid();
    const paymentNumber = this.nextPaymentNumber();
    const method = unit(this.n, 31) < 0.8 ? 'bank_transfer' : 'check';
    const repairShop = this.p.loss.lossType === 'vehicle_collision' && unit(this.n, 32) < 0.5;
    const payee = repairShop
      ? { kind: 'repair_shop', name: 'Northside Body Repairs', account: 'US00 0000 4242' }
      : { kind: 'policyholder', name: this.p.facts.customer.name, account: null };
    const { claimPaid, claimPaidIncurred } = POSTING_SCHEME;
    const entryId = this.entry(
      payer,
      when,
      {
        externalId: `claim-payment:${paymentId}`,
        sourceType: 'claim_payment',
        sourceId: paymentId,
        description: `${paymentNumber} paid to ${payee.name} (${method.replace('_', ' ')})`,
      },
      [
        [claimPaid.debit, 'debit', amount],
        [claimPaid.credit, 'credit', amount, method],
        [claimPaidIncurred.debit, 'debit', amount],
        [claimPaidIncurred.credit, 'credit', amount],
      ],
    );
    this.b.payments.push({
      id: paymentId,
      payment_number: paymentNumber,
      claim_id: this.id,
      coverage_code: line.coverage,
      payee_kind: payee.kind,
      payee_name: payee.name,
      payee_account: payee.account,
      method,
      amount,
      currency: this.currency,
      final: true,
      note: null,
      journal_entry_id: entryId,
      paid_by: payer.id,
      paid_at: when,
    });
    const held = this.reserves.get(line.coverage) ?? 0;
    if (amount > held) throw new Error(`${this.number}: pays ${amount} with ${held} reserved`);
    this.b.changes.push({
      id: uuid(),
      claim_id: this.id,
      coverage_code: line.coverage,
      kind: 'indemnity',
      previous_amount: held,
      new_amount: held - amount,
      reason: `Paid by ${paymentNumber}`,
      status: 'posted',
      requested_by: payer.id,
      requested_at: when,
      decided_by: null,
      decided_at: null,
      decision_note: null,
      journal_entry_id: entryId,
    });
    this.audit(payer, when, 'claim.pay', {
      before: { paidAmount: 0, status: this.status },
      after: { paidAmount: amount, status: 'paid' },
      metadata: { paymentId, paymentNumber, coverage: line.coverage, amount, method, payeeKind: payee.kind, final: true },
    });
    this.reserves.set(line.coverage, held - amount);
    // Settled: every reserve left released (releaseReserves), history, the claim paid.
    for (const [coverage, left] of [...this.reserves.entries()].sort(([x], [y]) => (x < y ? -1 : 1))) {
      if (left === 0) continue;
      this.recordChange(payer, when, { coverage, previous: left, amount: 0, reason: `Released at the final payment ${paymentNumber}`, pending: false });
    }
    this.history(payer, when, 'paid', `Settled by ${paymentNumber}`);
    this.row.paid_amount = amount;
    this.status = 'paid';
    this.version++;
    this.row.updated_at = when;
  }

  private finish() {
    Object.assign(this.row, { status: this.status, version: this.version, assignee_id: this.assignee?.id ?? null });
    this.b.claims.push(this.row);
    for (const [coverage, amount] of this.reserves)
      this.b.reserves.push({ claim_id: this.id, coverage_code: coverage, kind: 'indemnity', amount, updated_at: this.row.updated_at });
  }
}

async function writeBatch(trx: Trx, b: BatchRows): Promise<void> {
  // Every claim row has the same columns (jsonb_populate_recordset takes them from the first).
  const columns = [...new Set(b.claims.flatMap((c) => Object.keys(c)))];
  const claims = b.claims.map((c) => Object.fromEntries(columns.map((k) => [k, c[k] ?? null])));
  // Defaults the columns would take: a never-assessed claim is round 0 and has paid nothing.
  for (const c of claims) {
    c.assessment_round ??= 0;
    c.paid_amount ??= 0;
  }
  await insertRows(trx, 'claims', claims);
  await insertRows(trx, 'claim_status_history', b.history);
  // Entries before what points at them (reserve changes, payments), postings in the same transaction.
  await insertRows(trx, 'journal_entries', b.entries);
  await insertPostings(trx, b.postings);
  await insertRows(trx, 'claim_reserve_changes', b.changes);
  await insertRows(trx, 'claim_reserves', b.reserves);
  await insertRows(trx, 'claim_referrals', b.referrals);
  await insertRows(trx, 'claim_approvals', b.approvals);
  await insertRows(trx, 'claim_payments', b.payments);
  await insertRows(trx, 'claim_notes', b.notes);
  await insertRows(trx, 'audit_log', b.audit);
}
