// Claims use cases: the coverage check, first notice of loss, reads, the lifecycle (one transition
// per endpoint), assignment, investigation notes and reserves. Reads policies through
// `services.policyFacts`, the catalog through `services.quotes`, posts reserves through
// `services.billing` and checks limits through `services.approvalLimits`.
import { randomUUID } from 'node:crypto';
import {
  ASSESSMENT_REASON_CODES,
  CLAIM_DOCUMENTS,
  REQUIRED_CLAIM_DOCUMENTS,
  CLAIM_TRANSITIONS,
  type AssessClaimBody,
  type ClaimAssessment,
  DECISION_STATUSES,
  OPEN_CLAIM_STATUSES,
  type AssignClaimBody,
  type ChangeReserveBody,
  type Claim,
  type ClaimPayment,
  type PayClaimBody,
  type PayBeneficiariesBody,
  type ClaimListQuery,
  type ClaimNote,
  type ClaimStatus,
  type ClaimSummary,
  type ClaimTransition,
  type ClaimTransitionBody,
  type ClaimsErrorCode,
  type CoverageCheck,
  type CoverageCheckBody,
  type CreateClaimBody,
  type DecideReserveChangeBody,
  type DecideReferralBody,
  type ClaimReferral,
  type ReferClaimBody,
  type ReserveChange,
  type ReserveKind,
} from '../../contracts/claims';
import type { ChecklistItem, DocumentMeta } from '../../contracts/documents';
import { withTransaction, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { UploadedFile } from '../../platform/http';
import { addDays, businessDaysBetween, daysBetween } from '../../platform/calendar';
import type { Clock } from '../../platform/clock';
import type { IdempotencyRequest, IdempotencyStore, IdempotentOutcome } from '../../platform/idempotency';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import { readStatusHistory, type StatusHistoryEntry } from '../../platform/records';
import { assertInScope, visibleOr404 } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { BillingHooks } from '../billing/billing-policies';
import type { CustomerProfiles } from '../customers/customer-profiles';
import type { DocumentsService } from '../documents/documents.service';
import type { AgentDirectory } from '../identity/agent-directory';
import type { ApprovalLimitsService } from '../identity/approval-limits.service';
import type { PolicyEndings } from '../policies/policy-endings';
import type { PolicyFacts } from '../policies/policy-facts';
import type { QuoteBook } from '../products/quote-book';
import { approvalsRequired, assessLine } from './assessment';
import { entitledBeneficiaries, splitByShares } from './beneficiary-split';
import { checkCoverage } from './coverage-check';
import { evaluateFraud, FRAUD_REFERRAL_THRESHOLD } from './fraud-rules';
import * as repo from './claims.repository';

const conflict = (code: ClaimsErrorCode, detail: string, extras?: Record<string, unknown>) => new ConflictError(code, detail, extras);
/** While a claim is in one of these, its reserves may change. */
const RESERVABLE: readonly ClaimStatus[] = ['submitted', 'under_investigation', 'assessed', 'approved', 'partially_approved', 'reopened'];
const OPEN: readonly ClaimStatus[] = OPEN_CLAIM_STATUSES;
/** A decided claim is paid from these; the payment that settles it moves it to `paid`. */
const PAYABLE: readonly ClaimStatus[] = ['approved', 'partially_approved'];

export interface ClaimsDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  policyFacts: PolicyFacts;
  policyEndings: PolicyEndings;
  quotes: QuoteBook;
  billing: BillingHooks;
  approvalLimits: ApprovalLimitsService;
  agents: AgentDirectory;
  customerProfiles: CustomerProfiles;
  documents: DocumentsService;
  idempotency: IdempotencyStore;
}

export class ClaimsService {
  constructor(private readonly d: ClaimsDeps) {}

  private get db() {
    return this.d.db;
  }

  // --- Coverage check and first notice of loss

  /** The coverage check alone (nothing written): what the console shows as the first notice is typed. */
  async coverageCheck(
    actor: Actor,
    body: CoverageCheckBody,
    db: DbOrTrx = this.db,
  ): Promise<CoverageCheck & { policyFacts: NonNullable<Awaited<ReturnType<PolicyFacts['onDate']>>> }> {
    if (body.lossDate > this.d.clock.businessDate())
      throw new ValidationError([{ path: 'lossDate', message: 'The loss date cannot be in the future' }], 'A loss cannot be reported before it happens.', 'CLAIM_LOSS_IN_FUTURE');
    const policy = await this.d.policyFacts.onDate(db, body.policyId, body.lossDate);
    if (!policy) throw new NotFoundError('policy');
    assertInScope(actor, policy.branchId, 'policy');
    const catalog = await this.d.quotes.claimsCatalogOf(db, policy.productVersionId);
    return { ...checkCoverage({ policy, catalog, lossDate: body.lossDate, lossType: body.lossType, description: body.description }), policyFacts: policy };
  }

  /** Records a first notice of loss as a draft claim, with its coverage check (a doubtful claim is recorded too). */
  async create(actor: Actor, body: CreateClaimBody): Promise<Claim> {
    const now = this.d.clock.now();
    const id = await withTransaction(this.db, async (trx) => {
      const { policyFacts: policy, ...check } = await this.coverageCheck(actor, body, trx);
      const created = await repo.insertClaim(trx, {
        policy_id: policy.id,
        customer_id: policy.customer.id,
        branch_id: policy.branchId,
        product_version_id: policy.productVersionId,
        status: 'draft',
        loss_date: body.lossDate,
        loss_time: body.lossTime ?? null,
        loss_type: body.lossType,
        description: body.description,
        location: body.location,
        reporter: body.reporter,
        claimed_amount: body.claimedAmount ?? null,
        currency: policy.currency,
        coverage_check: check,
        coverage_doubtful: check.coverageDoubtful,
        terms_version: check.termsVersion,
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
      });
      await repo.insertHistory(trx, {
        claim_id: created.id,
        from_status: null,
        to_status: 'draft',
        reason: check.coverageDoubtful ? `Coverage doubtful: ${check.reasons.join(' ')}` : 'First notice of loss',
        changed_by: actor.userId,
        changed_at: now,
      });
      await this.d.audit.record(trx, {
        actor,
        action: 'claim.create',
        entity: { type: 'claim', id: created.id },
        branchId: policy.branchId,
        after: { claimNumber: created.claim_number, policyId: policy.id, lossDate: body.lossDate, lossType: body.lossType, coverageDoubtful: check.coverageDoubtful },
      });
      return created.id;
    });
    return this.get(actor, id);
  }

  // --- Reads

  async get(actor: Actor, id: string, db: DbOrTrx = this.db): Promise<Claim> {
    const r = visibleOr404(actor, await repo.findClaim(db, id), 'claim');
    const reserves = await repo.reservesOf(db, id);
    return {
      ...this.summary(r),
      lossTime: r.loss_time ? r.loss_time.slice(0, 5) : null,
      description: r.description,
      location: r.location,
      reporter: r.reporter,
      coverageCheck: r.coverage_check,
      submittedAt: r.submitted_at?.toISOString() ?? null,
      decidedAt: r.decided_at?.toISOString() ?? null,
      processingBusinessDays: r.processing_business_days,
      reserves: reserves.map((x) => ({ coverage: x.coverage_code, kind: x.kind, amount: Number(x.amount) })),
      outstandingReserve: reserves.reduce((s, x) => s + Number(x.amount), 0),
      assessment: await this.assessmentOf(db, r),
      approvedAmount: r.approved_amount === null ? null : Number(r.approved_amount),
      paidAmount: Number(r.paid_amount),
      fraud:
        r.fraud_evaluated_at && r.fraud_indicators
          ? { indicators: r.fraud_indicators, score: r.fraud_score ?? 0, threshold: FRAUD_REFERRAL_THRESHOLD, evaluatedAt: r.fraud_evaluated_at.toISOString() }
          : null,
      referral: await this.referralOf(db, id),
      documents: await this.checklist(db, r),
      createdBy: { id: r.created_by, name: r.created_by_name },
      version: r.version,
    };
  }

  private async assessmentOf(db: DbOrTrx, r: repo.ClaimView): Promise<ClaimAssessment | null> {
    if (!r.assessment || !r.assessed_by) return null;
    const approvals = await repo.approvalsOf(db, r.id, r.assessment_round);
    return {
      round: r.assessment_round,
      lines: r.assessment.lines,
      total: r.assessment.total,
      decision: r.assessment.decision,
      reasonCode: r.assessment.reasonCode,
      reason: r.assessment.reason,
      assessedBy: { id: r.assessed_by, name: r.assessed_by_name ?? '' },
      assessedAt: r.assessment.assessedAt,
      approvalsRequired: r.approvals_required ?? 1,
      approvals: approvals.map((a) => ({
        level: a.level,
        approvedBy: { id: a.approved_by, name: a.approved_by_name },
        approvedAt: a.approved_at.toISOString(),
        amount: Number(a.amount),
      })),
    };
  }

  private summary(r: repo.ClaimView): ClaimSummary {
    return {
      id: r.id,
      claimNumber: r.claim_number,
      status: r.status,
      policy: { id: r.policy_id, policyNumber: r.coverage_check.policyNumber },
      customer: { id: r.customer_id, customerNumber: r.customer_number, name: `${r.first_name} ${r.last_name}` },
      branchId: r.branch_id,
      lossDate: r.loss_date,
      lossType: r.loss_type,
      claimedAmount: r.claimed_amount === null ? null : Number(r.claimed_amount),
      currency: r.currency.trim(),
      coverageDoubtful: r.coverage_doubtful,
      assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name! } : null,
      ageDays: OPEN.includes(r.status) ? daysBetween(this.d.clock.businessDate(r.created_at), this.d.clock.businessDate()) : null,
      createdAt: r.created_at.toISOString(),
      referralStatus: r.referral_status,
      fraudScore: r.fraud_score,
    };
  }

  private async referralOf(db: DbOrTrx, claimId: string): Promise<ClaimReferral | null> {
    const r = await repo.latestReferral(db, claimId);
    if (!r) return null;
    return {
      id: r.id,
      source: r.source,
      reason: r.reason,
      score: r.score,
      status: r.status,
      referredBy: { id: r.referred_by, name: r.referred_by_name },
      referredAt: r.referred_at.toISOString(),
      decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name ?? '' } : null,
      decidedAt: r.decided_at?.toISOString() ?? null,
      decisionNote: r.decision_note,
    };
  }

  async list(actor: Actor, filter: ClaimListQuery) {
    const page = await repo.listPage(this.db, actor, filter);
    return { items: page.items.map((r) => this.summary(r)), nextCursor: page.nextCursor };
  }

  async history(actor: Actor, id: string): Promise<StatusHistoryEntry<ClaimStatus>[]> {
    visibleOr404(actor, await repo.findClaim(this.db, id), 'claim');
    return readStatusHistory<ClaimStatus>(this.db, 'claim_status_history', 'claim_id', id);
  }

  // --- Lifecycle

  /** Locks the claim, checks scope and the If-Match version. */
  private async locked(trx: Trx, actor: Actor, id: string, version: number): Promise<repo.ClaimRow> {
    const row = visibleOr404(actor, await repo.lockClaim(trx, id), 'claim');
    if (row.version !== version) throw new PreconditionFailedError(row.version);
    return row;
  }

  /** One transition (CLAIM_TRANSITIONS): permission, scope, version, current status; history and audit in the same transaction. */
  async transition(actor: Actor, id: string, version: number, action: ClaimTransition, body: ClaimTransitionBody): Promise<Claim> {
    const rule = CLAIM_TRANSITIONS[action];
    if (!actor.permissions.has(rule.permission)) throw new ForbiddenError();
    if (action === 'assess') throw new ValidationError([{ path: 'lines', message: 'An assessment gives the amounts per coverage and the decision' }]);
    const reason = body.reason ?? null;
    await withTransaction(this.db, async (trx) => {
      const claim = await this.locked(trx, actor, id, version);
      this.assertFrom(claim, action);
      if (rule.reasonRequired && !reason) throw new ValidationError([{ path: 'reason', message: 'Give the reason' }]);
      const extra: Partial<repo.ClaimRow> = {};
      if (action === 'approve' || action === 'partially-approve') this.assertNotReferred(claim, 'approved');
      if (action === 'submit') Object.assign(extra, await this.fraudVerdict(trx, claim));
      if (action === 'approve' || action === 'partially-approve' || action === 'reject') {
        const outcome = await this.approvalGate(trx, actor, claim, action);
        if (outcome === 'first_level') {
          // Above the manager's limit: this approval is the first of two; the claim waits for the second.
          await repo.updateClaim(trx, id, version, { updated_at: this.d.clock.now() }, rule.from);
          return;
        }
        if (action !== 'reject') extra.approved_amount = Number(claim.assessed_amount);
      }
      const updated = await this.move(trx, actor, claim, version, action, reason, extra);
      if ((action === 'approve' || action === 'partially-approve') && claim.loss_type === 'death') await this.endLifePolicy(trx, actor, claim);
      if (action === 'submit') {
        await this.initialReserve(trx, actor, updated);
        if (updated.referral_status === 'open')
          await this.recordReferral(
            trx,
            actor,
            updated,
            'rules',
            `Fraud indicators scored ${updated.fraud_score} (threshold ${FRAUD_REFERRAL_THRESHOLD}${updated.fraud_indicators?.some((i) => i.severe) ? ', with a severe one' : ''}): ${updated.fraud_indicators?.map((i) => i.reason).join(' ')}`,
          );
      }
    });
    return this.get(actor, id);
  }

  /** An approved death claim on a life policy ends the policy from the day after the death, through policy servicing. */
  private async endLifePolicy(trx: Trx, actor: Actor, claim: repo.ClaimRow): Promise<void> {
    const facts = await this.d.policyFacts.onDate(trx, claim.policy_id, claim.loss_date);
    if (facts?.productCategory !== 'life') return;
    await this.d.policyEndings.onDeath(trx, actor, { policyId: claim.policy_id, dateOfDeath: claim.loss_date, claimId: claim.id, claimNumber: claim.claim_number });
  }

  private assertFrom(claim: repo.ClaimRow, action: ClaimTransition) {
    const rule = CLAIM_TRANSITIONS[action];
    if (!(rule.from as readonly ClaimStatus[]).includes(claim.status))
      throw conflict('CLAIM_INVALID_TRANSITION', `A claim that is ${claim.status.replace(/_/g, ' ')} cannot be moved by “${action}”.`, {
        currentStatus: claim.status,
        allowedFrom: rule.from,
      });
  }

  /** Moves the (locked) claim by `action`, guarded in SQL on version and status; history and audit in the caller's transaction. */
  private async move(trx: Trx, actor: Actor, claim: repo.ClaimRow, version: number, action: ClaimTransition, reason: string | null, extra: Partial<repo.ClaimRow> = {}) {
    const rule = CLAIM_TRANSITIONS[action];
    const now = this.d.clock.now();
    const changes: Partial<repo.ClaimRow> = { ...extra, status: rule.to, updated_at: now };
    if (action === 'submit') changes.submitted_at = now;
    if ((DECISION_STATUSES as readonly ClaimStatus[]).includes(rule.to)) {
      changes.decided_at = now;
      changes.processing_business_days = businessDaysBetween(this.d.clock.businessDate(claim.submitted_at ?? claim.created_at), this.d.clock.businessDate(now));
    }
    // Whoever starts investigating an unassigned claim takes it.
    if (action === 'start-investigation' && !claim.assignee_id) changes.assignee_id = actor.userId;
    const updated = await repo.updateClaim(trx, claim.id, version, changes, rule.from);
    if (!updated) throw new PreconditionFailedError(version + 1);
    await repo.insertHistory(trx, { claim_id: claim.id, from_status: claim.status, to_status: rule.to, reason, changed_by: actor.userId, changed_at: now });
    await this.d.audit.record(trx, {
      actor,
      action: 'claim.transition',
      entity: { type: 'claim', id: claim.id },
      branchId: claim.branch_id,
      before: { status: claim.status },
      after: { status: rule.to },
      metadata: { action, reason },
    });
    return updated;
  }

  /**
   * Before a decision: it must be the assessment's, taken by someone other than the assessor
   * (four-eyes). Approving needs the claim_amount limit for the assessed amount; above the manager's
   * limit two approvals are needed — the first by someone with at least the manager's limit
   * ('first_level': recorded, the claim stays assessed), the second by another person whose limit
   * covers the amount. A rejection needs no limit.
   */
  private async approvalGate(trx: Trx, actor: Actor, claim: repo.ClaimRow, action: 'approve' | 'partially-approve' | 'reject'): Promise<'decide' | 'first_level'> {
    const expected = { approve: 'approve', 'partially-approve': 'partially_approve', reject: 'reject' }[action];
    if (!claim.assessment) throw conflict('CLAIM_DECISION_MISMATCH', 'The claim has no assessment to decide on.', { assessmentDecision: null });
    if (claim.assessment.decision !== expected)
      throw conflict('CLAIM_DECISION_MISMATCH', `The assessment decided “${claim.assessment.decision.replace(/_/g, ' ')}”; decide that, or reopen the investigation.`, {
        assessmentDecision: claim.assessment.decision,
      });
    const approvals = await repo.approvalsOf(trx, claim.id, claim.assessment_round);
    this.d.approvalLimits.assertFourEyes(actor, [claim.assessed_by, ...approvals.map((a) => a.approved_by)]);
    if (action === 'reject') return 'decide';
    const amount = Number(claim.assessed_amount);
    const currency = claim.currency.trim();
    const now = this.d.clock.now();
    const limit = await this.d.approvalLimits.limitOf(trx, actor.role, 'claim_amount', currency);
    const record = async (level: number) => {
      await repo.insertApproval(trx, {
        claim_id: claim.id,
        assessment_round: claim.assessment_round,
        level,
        amount,
        approver_limit: limit,
        approved_by: actor.userId,
        approved_at: now,
      });
      await this.d.audit.record(trx, {
        actor,
        action: 'claim.approve',
        entity: { type: 'claim', id: claim.id },
        branchId: claim.branch_id,
        metadata: { level, of: claim.approvals_required ?? 1, amount, currency, limit },
      });
    };
    if ((claim.approvals_required ?? 1) === 2 && approvals.length === 0) {
      const managerLimit = await this.d.approvalLimits.limitOf(trx, 'manager', 'claim_amount', currency);
      if (limit === null || (managerLimit !== null && limit < managerLimit)) await this.d.approvalLimits.assertWithinLimit(trx, actor, 'claim_amount', amount, currency);
      await record(1);
      return 'first_level';
    }
    await this.d.approvalLimits.assertWithinLimit(trx, actor, 'claim_amount', amount, currency);
    await record(approvals.length + 1);
    return 'decide';
  }

  /**
   * The adjuster's assessment of a claim under investigation: per coverage, the loss established
   * less the policy's deductible on that coverage, never above what remains of its sum insured after
   * the policy's earlier claims; the decision with its reason code. Moves the claim to assessed; how
   * many approvals it needs follows from the total and the manager's claim_amount limit.
   */
  async assess(actor: Actor, id: string, version: number, body: AssessClaimBody): Promise<Claim> {
    const codes = ASSESSMENT_REASON_CODES[body.decision] as readonly string[];
    const invalid = (path: string, message: string) => new ValidationError([{ path, message }], 'The assessment does not hold together.', 'CLAIM_ASSESSMENT_INVALID');
    if (!codes.includes(body.reasonCode)) throw invalid('reasonCode', `For this decision use one of ${codes.join(', ')}`);
    if (body.decision !== 'approve' && !body.reason)
      throw invalid('reason', body.decision === 'reject' ? 'Give the clause the rejection rests on' : 'Give the reason for the partial approval');
    const seen = new Set<string>();
    for (const [i, line] of body.lines.entries()) {
      if (seen.has(line.coverage)) throw invalid(`lines.${i}.coverage`, 'Each coverage once');
      seen.add(line.coverage);
    }
    await withTransaction(this.db, async (trx) => {
      const claim = await this.locked(trx, actor, id, version);
      this.assertFrom(claim, 'assess');
      const facts = await this.d.policyFacts.onDate(trx, claim.policy_id, claim.loss_date);
      const held = facts?.terms?.coverages ?? [];
      const used = await repo.approvedOnCoverages(trx, claim.policy_id, claim.id);
      const lines = body.lines.map((line, i) => {
        const answering = claim.coverage_check.coverages.find((c) => c.code === line.coverage);
        const terms = held.find((c) => c.code === line.coverage);
        if (!answering || !terms)
          throw new ValidationError(
            [{ path: `lines.${i}.coverage`, message: `Choose one of ${claim.coverage_check.coverages.map((c) => c.code).join(', ') || '(none: the loss type is not covered)'}` }],
            'That coverage does not answer this claim.',
            'CLAIM_COVERAGE_INVALID',
          );
        return assessLine(line.lossAmount, { code: line.coverage, sumInsured: terms.sumInsured, deductible: terms.deductible ?? 0 }, used.get(line.coverage) ?? 0);
      });
      const total = body.decision === 'reject' ? 0 : lines.reduce((sum, l) => sum + l.payable, 0);
      if (body.decision !== 'reject' && total <= 0) throw invalid('lines', 'Nothing is payable: reject the claim with the clause instead');
      const managerLimit = await this.d.approvalLimits.limitOf(trx, 'manager', 'claim_amount', claim.currency.trim());
      const required = body.decision === 'reject' ? 1 : approvalsRequired(total, managerLimit);
      const now = this.d.clock.now();
      const assessment: repo.StoredAssessment = { lines, total, decision: body.decision, reasonCode: body.reasonCode, reason: body.reason ?? null, assessedAt: now.toISOString() };
      await this.move(trx, actor, claim, version, 'assess', `${body.reasonCode}${body.reason ? `: ${body.reason}` : ''}`, {
        assessment,
        assessment_round: claim.assessment_round + 1,
        assessed_by: actor.userId,
        assessed_amount: total,
        approvals_required: required,
        approved_amount: null,
      });
      await this.d.audit.record(trx, {
        actor,
        action: 'claim.assess',
        entity: { type: 'claim', id },
        branchId: claim.branch_id,
        after: { decision: body.decision, reasonCode: body.reasonCode, total, approvalsRequired: required },
        metadata: { lines: lines.map((l) => ({ coverage: l.coverage, lossAmount: l.lossAmount, deductible: l.deductible, payable: l.payable })) },
      });
    });
    return this.get(actor, id);
  }

  // --- Assignment and notes

  /** Assigns the claim to the named handler, or to the least loaded adjuster of its branch. */
  async assign(actor: Actor, id: string, version: number, body: AssignClaimBody): Promise<Claim> {
    await withTransaction(this.db, async (trx) => {
      const claim = await this.locked(trx, actor, id, version);
      if (!OPEN.includes(claim.status)) throw conflict('CLAIM_NOT_OPEN', 'Only an open claim is assigned.', { currentStatus: claim.status });
      let assignee = body.assigneeId;
      if (assignee) {
        if (!(await this.d.agents.canHandleClaims(trx, assignee, claim.branch_id)))
          throw new ValidationError(
            [{ path: 'assigneeId', message: 'Choose an active adjuster, senior agent or manager of the claim’s branch' }],
            'That person cannot handle this claim.',
            'CLAIM_ASSIGNEE_INVALID',
          );
      } else {
        const adjusters = await this.d.agents.adjusters(trx, claim.branch_id);
        assignee = await repo.leastLoaded(
          trx,
          adjusters.map((a) => a.id),
        );
        if (!assignee) throw conflict('CLAIM_NO_ADJUSTER', 'The claim’s branch has no active claims adjuster: name the person to assign.');
      }
      const now = this.d.clock.now();
      await repo.updateClaim(trx, id, version, { assignee_id: assignee, updated_at: now });
      await this.d.audit.record(trx, {
        actor,
        action: 'claim.assign',
        entity: { type: 'claim', id },
        branchId: claim.branch_id,
        before: { assigneeId: claim.assignee_id },
        after: { assigneeId: assignee },
        metadata: { mode: body.assigneeId ? 'manual' : 'least_loaded' },
      });
    });
    return this.get(actor, id);
  }

  async notes(actor: Actor, id: string): Promise<ClaimNote[]> {
    visibleOr404(actor, await repo.findClaim(this.db, id), 'claim');
    return (await repo.notesOf(this.db, id)).map((n) => ({
      id: n.id,
      body: n.body,
      createdBy: { id: n.created_by, name: n.created_by_name },
      createdAt: n.created_at.toISOString(),
    }));
  }

  /** An internal investigation note (staff only; never in a customer-facing document). */
  async addNote(actor: Actor, id: string, body: string): Promise<ClaimNote> {
    const now = this.d.clock.now();
    const noteId = await withTransaction(this.db, async (trx) => {
      const claim = visibleOr404(actor, await repo.lockClaim(trx, id), 'claim');
      const created = await repo.insertNote(trx, { claim_id: id, body, created_by: actor.userId, created_at: now });
      // The note's text stays out of the audit trail (it may hold health details); its id is enough.
      await this.d.audit.record(trx, { actor, action: 'claim.note', entity: { type: 'claim', id }, branchId: claim.branch_id, metadata: { noteId: created } });
      return created;
    });
    return (await this.notes(actor, id)).find((n) => n.id === noteId)!;
  }

  // --- Reserves

  async reserves(actor: Actor, id: string) {
    const claim = await this.get(actor, id);
    const changes = await repo.reserveChangesOf(this.db, id);
    return { currency: claim.currency, reserves: claim.reserves, outstandingReserve: claim.outstandingReserve, changes: changes.map(changeDto), claimVersion: claim.version };
  }

  /** Changes one reserve (coverage × kind) with a reason: posted to the ledger, or pending above the requester's claim_amount limit. */
  async changeReserve(actor: Actor, id: string, version: number, body: ChangeReserveBody) {
    await withTransaction(this.db, async (trx) => {
      const claim = await this.locked(trx, actor, id, version);
      if (!RESERVABLE.includes(claim.status))
        throw conflict('CLAIM_NOT_OPEN', `The reserves of a ${claim.status.replace(/_/g, ' ')} claim do not change.`, { currentStatus: claim.status });
      const coverage = claim.coverage_check.coverages.find((c) => c.code === body.coverage);
      if (!coverage)
        throw new ValidationError(
          [{ path: 'coverage', message: `Choose one of ${claim.coverage_check.coverages.map((c) => c.code).join(', ') || '(none: the loss type is not covered)'}` }],
          'That coverage does not answer this claim.',
          'CLAIM_COVERAGE_INVALID',
        );
      if (body.kind === 'indemnity' && body.amount > coverage.sumInsured)
        throw new ValidationError([{ path: 'amount', message: `At most the coverage's sum insured, ${coverage.sumInsured}` }]);
      const current = await repo.reserveOf(trx, id, body.coverage, body.kind);
      if (current === body.amount) throw conflict('CLAIM_RESERVE_UNCHANGED', 'That is the reserve already held.');
      if (await repo.hasPendingChange(trx, id, body.coverage, body.kind)) throw conflict('CLAIM_RESERVE_PENDING', 'A change of this reserve already waits for approval.');
      const total = (await repo.reservesOf(trx, id)).reduce((s, x) => s + Number(x.amount), 0) - current + body.amount;
      const limit = await this.d.approvalLimits.limitOf(trx, actor.role, 'claim_amount', claim.currency.trim());
      const pending = body.amount > current && (limit === null || total > limit);
      await this.recordChange(trx, actor, claim, { coverage: body.coverage, kind: body.kind, previous: current, amount: body.amount, reason: body.reason, pending });
      await repo.updateClaim(trx, id, version, { updated_at: this.d.clock.now() });
    });
    return this.reserves(actor, id);
  }

  /** Approves (posts) or declines a pending reserve change: someone else than who asked, with the claim_amount limit for the claim's total reserve. */
  async decideReserveChange(actor: Actor, id: string, changeId: string, version: number, body: DecideReserveChangeBody) {
    await withTransaction(this.db, async (trx) => {
      const claim = await this.locked(trx, actor, id, version);
      const change = await repo.findReserveChange(trx, changeId);
      if (!change || change.claim_id !== id) throw new NotFoundError('reserve change');
      if (body.decision === 'approve' && !RESERVABLE.includes(claim.status))
        throw conflict('CLAIM_NOT_OPEN', `The reserves of a ${claim.status.replace(/_/g, ' ')} claim do not change.`, { currentStatus: claim.status });
      if (change.status !== 'pending') throw conflict('CLAIM_RESERVE_NOT_PENDING', `This reserve change is already ${change.status}.`, { currentStatus: change.status });
      this.d.approvalLimits.assertFourEyes(actor, change.requested_by);
      const now = this.d.clock.now();
      const decided = { decided_by: actor.userId, decided_at: now, decision_note: body.note ?? null };
      if (body.decision === 'decline') {
        await repo.updateReserveChange(trx, changeId, { ...decided, status: 'declined' });
      } else {
        const current = await repo.reserveOf(trx, id, change.coverage_code, change.kind);
        const total = (await repo.reservesOf(trx, id)).reduce((s, x) => s + Number(x.amount), 0) - current + Number(change.new_amount);
        await this.d.approvalLimits.assertWithinLimit(trx, actor, 'claim_amount', total, claim.currency.trim());
        const entryId = await this.post(trx, actor, claim, changeId, Number(change.new_amount) - current, change.reason);
        await repo.setReserve(trx, id, change.coverage_code, change.kind, Number(change.new_amount), now);
        await repo.updateReserveChange(trx, changeId, { ...decided, status: 'posted', journal_entry_id: entryId, previous_amount: current });
      }
      await repo.updateClaim(trx, id, version, { updated_at: now });
      await this.d.audit.record(trx, {
        actor,
        action: 'claim.reserve_decide',
        entity: { type: 'claim', id },
        branchId: claim.branch_id,
        metadata: { changeId, decision: body.decision, coverage: change.coverage_code, kind: change.kind, amount: Number(change.new_amount), note: body.note ?? null },
      });
    });
    return this.reserves(actor, id);
  }

  /**
   * At submission: the indemnity reserve of the first coverage answering the loss, from the claimed
   * amount capped at that coverage's sum insured. Set by the system on the submitter's behalf, it is
   * held pending when above what an adjuster may approve (the claims_adjuster role's claim_amount limit).
   */
  private async initialReserve(trx: Trx, actor: Actor, claim: repo.ClaimRow): Promise<void> {
    const coverage = claim.coverage_check.coverages[0];
    if (!coverage || claim.claimed_amount === null) return;
    const amount = Math.min(Number(claim.claimed_amount), coverage.sumInsured);
    if (amount <= 0) return;
    const limit = await this.d.approvalLimits.limitOf(trx, 'claims_adjuster', 'claim_amount', claim.currency.trim());
    await this.recordChange(trx, actor, claim, {
      coverage: coverage.code,
      kind: 'indemnity',
      previous: 0,
      amount,
      reason: amount < Number(claim.claimed_amount) ? 'Set at submission: the claimed amount, capped at the sum insured' : 'Set at submission: the claimed amount',
      pending: limit === null || amount > limit,
    });
  }

  private async recordChange(
    trx: Trx,
    actor: Actor,
    claim: repo.ClaimRow,
    c: { coverage: string; kind: ReserveKind; previous: number; amount: number; reason: string; pending: boolean },
  ): Promise<void> {
    const now = this.d.clock.now();
    const changeId = randomUUID();
    // A posted change carries its ledger entry (a CHECK holds them together): post first, under the change's id.
    const entryId = c.pending ? null : await this.post(trx, actor, claim, changeId, c.amount - c.previous, c.reason);
    await repo
      .insertReserveChange(trx, {
        id: changeId,
        journal_entry_id: entryId,
        claim_id: claim.id,
        coverage_code: c.coverage,
        kind: c.kind,
        previous_amount: c.previous,
        new_amount: c.amount,
        reason: c.reason,
        status: c.pending ? 'pending' : 'posted',
        requested_by: actor.userId,
        requested_at: now,
      })
      .catch((err: unknown) => {
        // The partial unique index: another pending change of this reserve won a race.
        if ((err as { code?: string }).code === '23505') throw conflict('CLAIM_RESERVE_PENDING', 'A change of this reserve already waits for approval.');
        throw err;
      });
    if (!c.pending) await repo.setReserve(trx, claim.id, c.coverage, c.kind, c.amount, now);
    await this.d.audit.record(trx, {
      actor,
      action: 'claim.reserve_change',
      entity: { type: 'claim', id: claim.id },
      branchId: claim.branch_id,
      before: { reserve: c.previous },
      after: { reserve: c.amount },
      metadata: { changeId, coverage: c.coverage, kind: c.kind, status: c.pending ? 'pending' : 'posted', reason: c.reason },
    });
  }

  // --- Payments

  // --- Documents

  /** Each document the loss type needs, with its latest upload: missing, uploaded, verified or rejected. */
  private async checklist(db: DbOrTrx, claim: Pick<repo.ClaimRow, 'id' | 'loss_type'>): Promise<ChecklistItem[]> {
    const uploads = await this.d.documents.forOwner(db, 'claim', claim.id);
    return REQUIRED_CLAIM_DOCUMENTS[claim.loss_type].map((code) => {
      const latest = uploads.find((d) => d.code === code) ?? null;
      return { code, name: CLAIM_DOCUMENTS[code], status: latest?.status ?? 'missing', document: latest, waiver: null };
    });
  }

  /** Uploads one of the documents the claim's loss type needs (a new upload replaces a rejected one on the checklist). */
  async uploadDocument(actor: Actor, id: string, code: string, file: UploadedFile): Promise<DocumentMeta> {
    return withTransaction(this.db, async (trx) => {
      const claim = visibleOr404(actor, await repo.lockClaim(trx, id), 'claim');
      if (claim.status === 'closed' || claim.status === 'withdrawn')
        throw conflict('CLAIM_CLOSED', `The claim is ${claim.status}: it takes no more documents.`, { currentStatus: claim.status });
      const needed = REQUIRED_CLAIM_DOCUMENTS[claim.loss_type];
      if (!(needed as readonly string[]).includes(code)) throw new ValidationError([{ path: 'code', message: `Not a document this claim needs (${needed.join(', ')})` }]);
      return this.d.documents.store(trx, actor, { type: 'claim', id, branchId: claim.branch_id }, code, file);
    });
  }

  /** An adjuster verifies or rejects (saying why) an uploaded document of a lodged claim. */
  async reviewDocument(actor: Actor, id: string, documentId: string, decision: { verified: true } | { verified: false; reason: string }): Promise<Claim> {
    await withTransaction(this.db, async (trx) => {
      const claim = visibleOr404(actor, await repo.lockClaim(trx, id), 'claim');
      if (claim.status === 'draft' || claim.status === 'closed' || claim.status === 'withdrawn')
        throw conflict('CLAIM_CLOSED', `Documents are reviewed on a lodged claim; this one is ${claim.status}.`, { currentStatus: claim.status });
      await this.d.documents.review(trx, actor, { type: 'claim', id }, documentId, decision);
    });
    return this.get(actor, id);
  }

  // --- Fraud indicators and referrals

  /** The fraud rules over the claim's facts at submission: the columns to store, and an open referral when they refer it. */
  private async fraudVerdict(trx: Trx, claim: repo.ClaimRow): Promise<Partial<repo.ClaimRow>> {
    const [changes, recentClaims, duplicates, kycVerified, facts] = await Promise.all([
      this.d.policyFacts.coverChangesUpTo(trx, claim.policy_id, claim.loss_date),
      repo.recentClaimNumbers(trx, claim, addDays(claim.loss_date, -365), addDays(claim.loss_date, 365)),
      repo.duplicateClaimNumbers(trx, claim),
      this.d.customerProfiles.kycVerified(trx, claim.customer_id),
      this.d.policyFacts.onDate(trx, claim.policy_id, claim.loss_date),
    ]);
    const covering = claim.coverage_check.coverages.map((c) => c.sumInsured);
    const verdict = evaluateFraud({
      lossDate: claim.loss_date,
      currency: claim.currency.trim(),
      policyStartDate: facts?.startDate ?? claim.loss_date,
      reinstatedOn: changes.reinstatedOn,
      sumInsuredIncreases: changes.sumInsuredIncreases,
      claimedAmount: claim.claimed_amount === null ? null : Number(claim.claimed_amount),
      sumInsured: covering.length ? Math.max(...covering) : null,
      recentClaims,
      inGrace: facts?.inGrace ?? false,
      kycVerified,
      duplicates,
    });
    return {
      fraud_indicators: verdict.indicators,
      fraud_score: verdict.score,
      fraud_evaluated_at: this.d.clock.now(),
      ...(verdict.referred ? { referral_status: 'open' as const } : {}),
    };
  }

  /** Releases every reserve the claim still holds, declining a change still pending: at settlement, or when a fraud referral is upheld. */
  private async releaseReserves(trx: Trx, actor: Actor, claim: repo.ClaimRow, why: { declined: string; released: string }): Promise<void> {
    await repo.declinePendingChanges(trx, claim.id, { decided_by: actor.userId, decided_at: this.d.clock.now(), decision_note: why.declined });
    for (const r of await repo.reservesOf(trx, claim.id)) {
      if (Number(r.amount) === 0) continue;
      await this.recordChange(trx, actor, claim, { coverage: r.coverage_code, kind: r.kind, previous: Number(r.amount), amount: 0, reason: why.released, pending: false });
    }
  }

  private async recordReferral(trx: Trx, actor: Actor, claim: repo.ClaimRow, source: 'rules' | 'adjuster', reason: string): Promise<void> {
    const referralId = await repo.insertReferral(trx, {
      claim_id: claim.id,
      source,
      reason,
      score: claim.fraud_score ?? 0,
      referred_by: actor.userId,
      referred_at: this.d.clock.now(),
    });
    await this.d.audit.record(trx, {
      actor,
      action: 'claim.refer',
      entity: { type: 'claim', id: claim.id },
      branchId: claim.branch_id,
      after: { referralStatus: 'open' },
      metadata: { referralId, source, score: claim.fraud_score, indicators: claim.fraud_indicators?.map((i) => i.code) ?? [] },
    });
  }

  /** A referral open or upheld stops approval and payment (a rejection stays possible). */
  private assertNotReferred(claim: repo.ClaimRow, what: 'approved' | 'paid') {
    if (claim.referral_status === 'open' || claim.referral_status === 'upheld')
      throw conflict(
        'CLAIM_REFERRED',
        claim.referral_status === 'open'
          ? `The claim is referred to a manager for its fraud indicators: it cannot be ${what} until the referral is cleared.`
          : `A manager upheld the fraud referral: the claim cannot be ${what}.`,
        { referralStatus: claim.referral_status },
      );
  }

  /** An adjuster refers a claim being worked on to a manager, with the reason, whatever its score. */
  async refer(actor: Actor, id: string, version: number, body: ReferClaimBody): Promise<Claim> {
    if (!actor.permissions.has('claims:investigate')) throw new ForbiddenError();
    await withTransaction(this.db, async (trx) => {
      const claim = await this.locked(trx, actor, id, version);
      if (!RESERVABLE.includes(claim.status))
        throw conflict('CLAIM_NOT_OPEN', `A ${claim.status.replace(/_/g, ' ')} claim is not referred: only one lodged and not yet settled.`, { currentStatus: claim.status });
      if (claim.referral_status === 'open') throw conflict('CLAIM_ALREADY_REFERRED', 'The claim already waits for a manager’s decision on its referral.');
      const updated = await repo.updateClaim(trx, id, version, { referral_status: 'open', updated_at: this.d.clock.now() });
      if (!updated) throw new PreconditionFailedError(version + 1);
      await this.recordReferral(trx, actor, updated, 'adjuster', body.reason);
    });
    return this.get(actor, id);
  }

  /**
   * A manager clears the open referral (approval and payment may go ahead) or upholds it, with the
   * reason. Upholding it rejects the claim (the note is the reason) and releases its reserves;
   * payments made before the referral stay as they are.
   */
  async decideReferral(actor: Actor, id: string, version: number, body: DecideReferralBody): Promise<Claim> {
    if (!actor.permissions.has('claims:referrals')) throw new ForbiddenError();
    await withTransaction(this.db, async (trx) => {
      const claim = await this.locked(trx, actor, id, version);
      if (claim.referral_status !== 'open')
        throw conflict('CLAIM_REFERRAL_NOT_OPEN', 'The claim has no referral waiting for a decision.', { referralStatus: claim.referral_status });
      const open = await repo.latestReferral(trx, id);
      // Whoever referred the claim (or submitted it, for the rules' referral) does not clear it.
      this.d.approvalLimits.assertFourEyes(actor, [open?.referred_by ?? null]);
      const status = body.decision === 'clear' ? 'cleared' : 'upheld';
      const now = this.d.clock.now();
      const referralId = await repo.decideOpenReferral(trx, id, { status, decided_by: actor.userId, decided_at: now, decision_note: body.note });
      const rejects = status === 'upheld' && RESERVABLE.includes(claim.status);
      const changes: Partial<repo.ClaimRow> = { referral_status: status, updated_at: now };
      if (rejects) {
        changes.status = 'rejected';
        if (!claim.decided_at) {
          changes.decided_at = now;
          changes.processing_business_days = businessDaysBetween(this.d.clock.businessDate(claim.submitted_at ?? claim.created_at), this.d.clock.businessDate(now));
        }
        await this.releaseReserves(trx, actor, claim, { declined: 'The fraud referral was upheld', released: 'Released: the fraud referral was upheld' });
        await repo.insertHistory(trx, {
          claim_id: id,
          from_status: claim.status,
          to_status: 'rejected',
          reason: `Fraud referral upheld: ${body.note}`,
          changed_by: actor.userId,
          changed_at: now,
        });
      }
      if (!referralId || !(await repo.updateClaim(trx, id, version, changes))) throw new PreconditionFailedError(version + 1);
      await this.d.audit.record(trx, {
        actor,
        action: 'claim.referral_decide',
        entity: { type: 'claim', id },
        branchId: claim.branch_id,
        before: { referralStatus: 'open', status: claim.status },
        after: { referralStatus: status, status: changes.status ?? claim.status },
        metadata: { referralId, decision: body.decision, note: body.note },
      });
    });
    return this.get(actor, id);
  }

  async payments(actor: Actor, id: string, db: DbOrTrx = this.db) {
    const claim = visibleOr404(actor, await repo.findClaim(db, id), 'claim');
    const paid = Number(claim.paid_amount);
    return {
      currency: claim.currency.trim(),
      items: (await repo.paymentsOf(db, id)).map(paymentDto),
      paidAmount: paid,
      payableLeft: PAYABLE.includes(claim.status) ? Number(claim.approved_amount ?? 0) - paid : 0,
      claimStatus: claim.status,
      claimVersion: claim.version,
    };
  }

  /**
   * Pays an approved claim once per Idempotency-Key, under the claim's row lock (concurrent payments
   * queue; none takes the total paid above the approved amount or a coverage's indemnity reserve).
   * Each payment consumes its coverage's reserve and posts through the ledger; the final one (asked
   * for, or the one that reaches the approved amount) releases every reserve left and settles the claim.
   */
  pay(actor: Actor, id: string, idem: IdempotencyRequest, body: PayClaimBody): Promise<IdempotentOutcome<Awaited<ReturnType<ClaimsService['payments']>>>> {
    return this.d.idempotency.run(idem, async (trx) => {
      const claim = await this.lockedPayable(trx, actor, id);
      const payeeName = body.payee.kind === 'policyholder' ? await this.policyholderName(trx, id) : body.payee.name;
      if (!payeeName) throw new ValidationError([{ path: 'payee.name', message: 'Name the payee' }], 'Who is paid must be named.', 'CLAIM_PAYEE_INVALID');
      await this.payParts(trx, actor, claim, body, [{ payee: { kind: body.payee.kind, name: payeeName, account: body.payee.account ?? null }, amount: body.amount }]);
      return { status: 201, body: await this.payments(actor, id, trx), location: `/api/claims/${id}/payments` };
    });
  }

  /**
   * Pays a death claim to the policy's beneficiaries (its terms on the loss date) by their shares, to
   * the cent: the primary ones who survived the insured, else the contingent ones. One payment each,
   * in one transaction, once per Idempotency-Key, under the same caps as any payment.
   */
  payBeneficiaries(actor: Actor, id: string, idem: IdempotencyRequest, body: PayBeneficiariesBody): Promise<IdempotentOutcome<Awaited<ReturnType<ClaimsService['payments']>>>> {
    return this.d.idempotency.run(idem, async (trx) => {
      const claim = await this.lockedPayable(trx, actor, id);
      if (claim.loss_type !== 'death')
        throw conflict('CLAIM_NOT_A_DEATH_CLAIM', 'Only a death claim is paid to the beneficiaries by their shares; pay a named beneficiary instead.');
      const facts = await this.d.policyFacts.onDate(trx, claim.policy_id, claim.loss_date);
      const named = facts?.terms?.beneficiaries ?? [];
      const names = new Set(named.map((b) => b.name));
      const unknown = (path: string, list: readonly string[]) =>
        list.flatMap((name, i) =>
          names.has(name) ? [] : [{ path: `${path}.${i}`, message: `${name} is not a beneficiary of the policy (${[...names].join(', ') || 'none named'})` }],
        );
      const errors = [
        ...unknown('predeceased', body.predeceased),
        ...unknown(
          'accounts',
          body.accounts.map((a) => a.name),
        ),
      ];
      if (errors.length) throw new ValidationError(errors, 'Name the beneficiaries as the policy does.', 'CLAIM_PAYEE_INVALID');
      const entitled = entitledBeneficiaries(named, new Set(body.predeceased));
      if (!entitled.length)
        throw conflict('CLAIM_NO_BENEFICIARY', 'No beneficiary named on the policy survived the insured: pay the estate (a third party) by name instead.', {
          beneficiaries: named.map((b) => b.name),
        });
      const accounts = new Map(body.accounts.map((a) => [a.name, a.account]));
      const parts = splitByShares(body.amount, entitled)
        .filter((p) => p.amount > 0)
        .map((p) => ({ payee: { kind: 'beneficiary' as const, name: p.name, account: accounts.get(p.name) ?? null }, amount: p.amount, share: p.share }));
      await this.payParts(trx, actor, claim, body, parts);
      return { status: 201, body: await this.payments(actor, id, trx), location: `/api/claims/${id}/payments` };
    });
  }

  /** The claim, row-locked, in the caller's branches, approved and not held by a fraud referral. */
  private async lockedPayable(trx: Trx, actor: Actor, id: string): Promise<repo.ClaimRow> {
    const claim = visibleOr404(actor, await repo.lockClaim(trx, id), 'claim');
    if (!PAYABLE.includes(claim.status))
      throw conflict('CLAIM_NOT_PAYABLE', `A ${claim.status.replace(/_/g, ' ')} claim is not paid: only an approved one.`, { currentStatus: claim.status });
    this.assertNotReferred(claim, 'paid');
    return claim;
  }

  /**
   * Pays `parts` (one payment each) under one coverage, their total within the approved amount left,
   * the coverage's indemnity reserve and the payer's claim_amount limit; each posts through the
   * ledger and consumes the reserve. The last settles the claim when asked (`final`) or when the
   * approved amount is reached: every reserve left is released and the claim is paid.
   */
  private async payParts(
    trx: Trx,
    actor: Actor,
    claim: repo.ClaimRow,
    how: { coverage: string; method: PayClaimBody['method']; final: boolean; note?: string | undefined },
    parts: { payee: { kind: PayClaimBody['payee']['kind']; name: string; account: string | null }; amount: number; share?: number }[],
  ): Promise<void> {
    const id = claim.id;
    const currency = claim.currency.trim();
    const line = claim.assessment?.lines.find((l) => l.coverage === how.coverage && l.payable > 0);
    if (!line)
      throw new ValidationError(
        [
          {
            path: 'coverage',
            message: `Choose one the assessment pays: ${claim.assessment?.lines
              .filter((l) => l.payable > 0)
              .map((l) => l.coverage)
              .join(', ')}`,
          },
        ],
        'The assessment pays nothing under that coverage.',
        'CLAIM_COVERAGE_INVALID',
      );
    const total = parts.reduce((s, p) => s + p.amount, 0);
    const paidBefore = Number(claim.paid_amount);
    const payableLeft = Number(claim.approved_amount) - paidBefore;
    if (total > payableLeft) throw conflict('CLAIM_PAYMENT_EXCEEDS_APPROVED', `Only ${payableLeft} of the approved amount is left to pay.`, { payableLeft });
    const reserve = await repo.reserveOf(trx, id, how.coverage, 'indemnity');
    if (total > reserve) throw conflict('CLAIM_PAYMENT_EXCEEDS_RESERVE', `The ${how.coverage} indemnity reserve holds ${reserve}: raise it first.`, { reserve });
    await this.d.approvalLimits.assertWithinLimit(trx, actor, 'claim_amount', total, currency);

    const now = this.d.clock.now();
    const settles = how.final || paidBefore + total === Number(claim.approved_amount);
    let held = reserve;
    let paid = paidBefore;
    let lastNumber = '';
    for (const [i, part] of parts.entries()) {
      const paymentId = randomUUID();
      const paymentNumber = await repo.nextPaymentNumber(trx);
      lastNumber = paymentNumber;
      const entryId = await this.d.billing.claimPaid(trx, actor, {
        paymentId,
        paymentNumber,
        claimNumber: claim.claim_number,
        policyId: claim.policy_id,
        customerId: claim.customer_id,
        branchId: claim.branch_id,
        currency,
        method: how.method,
        amount: part.amount,
        payeeName: part.payee.name,
      });
      const last = i === parts.length - 1;
      await repo.insertPayment(trx, {
        id: paymentId,
        payment_number: paymentNumber,
        claim_id: id,
        coverage_code: how.coverage,
        payee_kind: part.payee.kind,
        payee_name: part.payee.name,
        payee_account: part.payee.account,
        method: how.method,
        amount: part.amount,
        currency,
        final: settles && last,
        note: how.note ?? (part.share === undefined ? null : `${part.share}% share`),
        journal_entry_id: entryId,
        paid_by: actor.userId,
        paid_at: now,
      });
      await repo.insertReserveChange(trx, {
        id: randomUUID(),
        journal_entry_id: entryId,
        claim_id: id,
        coverage_code: how.coverage,
        kind: 'indemnity',
        previous_amount: held,
        new_amount: held - part.amount,
        reason: `Paid by ${paymentNumber}`,
        status: 'posted',
        requested_by: actor.userId,
        requested_at: now,
      });
      held -= part.amount;
      await this.d.audit.record(trx, {
        actor,
        action: 'claim.pay',
        entity: { type: 'claim', id },
        branchId: claim.branch_id,
        before: { paidAmount: paid, status: claim.status },
        after: { paidAmount: paid + part.amount, status: settles && last ? 'paid' : claim.status },
        metadata: { paymentId, paymentNumber, coverage: how.coverage, amount: part.amount, method: how.method, payeeKind: part.payee.kind, final: settles && last },
      });
      paid += part.amount;
    }
    await repo.setReserve(trx, id, how.coverage, 'indemnity', held, now);
    if (settles) {
      await this.releaseReserves(trx, actor, claim, { declined: `The claim was settled by ${lastNumber}`, released: `Released at the final payment ${lastNumber}` });
      await repo.insertHistory(trx, { claim_id: id, from_status: claim.status, to_status: 'paid', reason: `Settled by ${lastNumber}`, changed_by: actor.userId, changed_at: now });
    }
    const updated = await repo.updateClaim(trx, id, claim.version, { paid_amount: paidBefore + total, updated_at: now, ...(settles ? { status: 'paid' as const } : {}) }, PAYABLE);
    if (!updated) throw new PreconditionFailedError(claim.version);
  }

  private async policyholderName(db: DbOrTrx, id: string): Promise<string> {
    const view = await repo.findClaim(db, id);
    return `${view!.first_name} ${view!.last_name}`;
  }

  private post(trx: Trx, actor: Actor, claim: repo.ClaimRow, changeId: string, delta: number, reason: string): Promise<string> {
    return this.d.billing.claimReserveChanged(trx, actor, {
      changeId,
      claimId: claim.id,
      claimNumber: claim.claim_number,
      policyId: claim.policy_id,
      customerId: claim.customer_id,
      branchId: claim.branch_id,
      currency: claim.currency.trim(),
      delta,
      description: `reserve ${delta > 0 ? 'raised' : 'lowered'} by ${Math.abs(delta)} (${reason})`,
    });
  }
}

function changeDto(c: repo.ReserveChangeRow): ReserveChange {
  return {
    id: c.id,
    coverage: c.coverage_code,
    kind: c.kind,
    previousAmount: Number(c.previous_amount),
    newAmount: Number(c.new_amount),
    reason: c.reason,
    status: c.status,
    requestedBy: { id: c.requested_by, name: c.requested_by_name },
    requestedAt: c.requested_at.toISOString(),
    decidedBy: c.decided_by ? { id: c.decided_by, name: c.decided_by_name! } : null,
    decidedAt: c.decided_at?.toISOString() ?? null,
    decisionNote: c.decision_note,
    journalEntryId: c.journal_entry_id,
  };
}

function paymentDto(p: repo.PaymentRow): ClaimPayment {
  return {
    id: p.id,
    paymentNumber: p.payment_number,
    claimId: p.claim_id,
    coverage: p.coverage_code,
    payee: { kind: p.payee_kind, name: p.payee_name, account: p.payee_account },
    method: p.method,
    amount: Number(p.amount),
    currency: p.currency.trim(),
    final: p.final,
    note: p.note,
    journalEntryId: p.journal_entry_id,
    paidBy: { id: p.paid_by, name: p.paid_by_name },
    paidAt: p.paid_at.toISOString(),
  };
}
