// Claims use cases: the coverage check and first notice of loss, the lifecycle (one transition per
// endpoint, with the approvals by amount and four-eyes), the assessment, assignment and notes.
// Reads policies through `services.policyFacts` and the catalog through `services.quotes`; reserves,
// referrals, payments and documents are their own use cases beside this one (claims-services.ts).
import {
  ASSESSMENT_REASON_CODES,
  CLAIM_TRANSITIONS,
  DECISION_STATUSES,
  type AssessClaimBody,
  type AssignClaimBody,
  type Claim,
  type ClaimNote,
  type ClaimStatus,
  type ClaimTransition,
  type ClaimTransitionBody,
  type CoverageCheck,
  type CoverageCheckBody,
  type CreateClaimBody,
} from '../../contracts/claims';
import { withTransaction, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { businessDaysBetween } from '../../platform/calendar';
import { ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import { assertInScope, visibleOr404 } from '../../platform/scope';
import type { PolicyFacts } from '../policies/policy-facts';
import { approvalsRequired, assessLine } from './assessment';
import type { ClaimInformationRequests } from './claim-information-requests';
import type { ClaimMessages } from './claim-messages';
import type { ClaimReads } from './claim-reads';
import type { ClaimReferrals } from './claim-referrals';
import type { ClaimReserves } from './claim-reserves';
import { assertNotReferred, claimConflict as conflict, lockedClaim, OPEN, type ClaimsDeps } from './claim-state';
import { checkCoverage } from './coverage-check';
import { FRAUD_REFERRAL_THRESHOLD } from './fraud-rules';
import * as repo from './claims.repository';

/** What fast-track does around a submission (claim-fast-track.ts; bound after both are built). */
export interface SubmissionFastTrack {
  /** In the submission's transaction: the claim's fast-track columns (pending when admitted, else refused with the reasons). */
  atSubmission(trx: Trx, actor: Actor, claim: repo.ClaimRow): Promise<Partial<repo.ClaimRow>>;
  /** After the submission committed, for an admitted claim: approve and pay it straight through (never throws: a failure is retried by a job). */
  afterSubmission(claimId: string): Promise<void>;
}

export class ClaimsService {
  private fastTrack: SubmissionFastTrack | undefined;

  /** Binds fast-track (built after this service, which it uses). */
  bindFastTrack(fastTrack: SubmissionFastTrack): void {
    this.fastTrack = fastTrack;
  }

  constructor(
    private readonly d: Pick<ClaimsDeps, 'db' | 'clock' | 'audit' | 'policyFacts' | 'policyEndings' | 'quotes' | 'approvalLimits' | 'agents'>,
    private readonly reads: ClaimReads,
    private readonly reserves: ClaimReserves,
    private readonly referrals: ClaimReferrals,
    private readonly messages: ClaimMessages,
    private readonly informationRequests: ClaimInformationRequests,
  ) {}

  // --- Coverage check and first notice of loss

  /** The coverage check alone (nothing written): what the console shows as the first notice is typed. */
  async coverageCheck(
    actor: Actor,
    body: CoverageCheckBody,
    db: DbOrTrx = this.d.db,
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
    const id = await withTransaction(this.d.db, async (trx) => {
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
    return this.reads.get(actor, id);
  }

  /** One transition (CLAIM_TRANSITIONS): permission, scope, version, current status; history and audit in the same transaction. */
  async transition(actor: Actor, id: string, version: number, action: ClaimTransition, body: ClaimTransitionBody): Promise<Claim> {
    const rule = CLAIM_TRANSITIONS[action];
    if (!actor.permissions.has(rule.permission)) throw new ForbiddenError();
    if (action === 'assess') throw new ValidationError([{ path: 'lines', message: 'An assessment gives the amounts per coverage and the decision' }]);
    const reason = body.reason ?? null;
    let fastTrackPending = false;
    await withTransaction(this.d.db, async (trx) => {
      const claim = await lockedClaim(trx, actor, id, version);
      this.assertFrom(claim, action);
      if (rule.reasonRequired && !reason) throw new ValidationError([{ path: 'reason', message: 'Give the reason' }]);
      const extra: Partial<repo.ClaimRow> = {};
      if (action === 'approve' || action === 'partially-approve') assertNotReferred(claim, 'approved');
      if (action === 'submit') Object.assign(extra, await this.referrals.fraudVerdict(trx, claim));
      // Fast-track weighs the claim with its fraud verdict; refused, the reasons are stored with the submission itself.
      if (action === 'submit' && this.fastTrack) Object.assign(extra, await this.fastTrack.atSubmission(trx, actor, { ...claim, ...extra }));
      fastTrackPending = extra.fast_track_status === 'pending';
      // A claim whose coverage is doubtful goes to an adjuster first: the least loaded of its branch takes it at submission.
      const doubtfulTo = action === 'submit' && claim.coverage_doubtful && !claim.assignee_id ? await this.leastLoadedAdjuster(trx, claim.branch_id) : undefined;
      if (doubtfulTo) extra.assignee_id = doubtfulTo;
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
      // Nothing will be paid on a rejected or withdrawn claim: what it holds in reserve goes back (incurred = paid + outstanding).
      if (action === 'reject' || action === 'withdraw')
        await this.reserves.releaseAll(trx, actor, updated, {
          declined: `The claim was ${action === 'reject' ? 'rejected' : 'withdrawn'}`,
          released: `Released: the claim was ${action === 'reject' ? 'rejected' : 'withdrawn'}`,
        });
      // Decided or withdrawn: what was still asked of the claimant is no longer needed.
      if (action === 'approve' || action === 'partially-approve' || action === 'reject' || action === 'withdraw')
        await this.informationRequests.cancelOpen(trx, actor, updated, `No longer needed: the claim was ${rule.to.replace('_', ' ')}`);
      if (action === 'approve' || action === 'partially-approve' || action === 'reject')
        await this.messages.decided(trx, updated, rule.to as 'approved' | 'partially_approved' | 'rejected', {
          approvedAmount: updated.approved_amount === null ? null : Number(updated.approved_amount),
          reason,
        });
      if (action === 'submit') {
        if (doubtfulTo)
          await this.d.audit.record(trx, {
            actor,
            action: 'claim.assign',
            entity: { type: 'claim', id },
            branchId: claim.branch_id,
            before: { assigneeId: null },
            after: { assigneeId: doubtfulTo },
            metadata: { mode: 'coverage_doubtful', reasons: claim.coverage_check.reasons },
          });
        await this.messages.acknowledged(trx, updated);
        await this.reserves.setAtSubmission(trx, actor, updated);
        if (updated.referral_status === 'open')
          await this.referrals.record(
            trx,
            actor,
            updated,
            'rules',
            `Fraud indicators scored ${updated.fraud_score} (threshold ${FRAUD_REFERRAL_THRESHOLD}${updated.fraud_indicators?.some((i) => i.severe) ? ', with a severe one' : ''}): ${updated.fraud_indicators?.map((i) => i.reason).join(' ')}`,
          );
      }
    });
    // Admitted by the fast-track rule: approved and paid straight through now that the submission is committed.
    if (fastTrackPending) await this.fastTrack?.afterSubmission(id);
    return this.reads.get(actor, id);
  }

  /**
   * Fast-track (claim-fast-track.ts), in the caller's transaction on the locked, submitted claim: the
   * system actor investigates, assesses the claimed loss on the coverage (less its deductible, within
   * the sum insured left) and approves it — the same transitions, history, approvals and messages as
   * any claim. Four-eyes does not apply (the rule decided; a daily sample is reviewed by an adjuster),
   * the approval limit does: the claims automation role's own.
   */
  async straightThrough(trx: Trx, system: Actor, claim: repo.ClaimRow, line: { coverage: string; lossAmount: number }, why: string): Promise<repo.ClaimRow> {
    this.assertFrom(claim, 'start-investigation');
    let row = await this.move(trx, system, claim, claim.version, 'start-investigation', why);
    row = await this.assessLocked(trx, system, row, { lines: [line], decision: 'approve', reasonCode: ASSESSMENT_REASON_CODES.approve[0], reason: why });
    assertNotReferred(row, 'approved');
    const outcome = await this.approvalGate(trx, system, row, 'approve', { straightThrough: true });
    if (outcome !== 'decide')
      throw conflict('CLAIM_DECISION_MISMATCH', 'Above the manager’s limit a claim needs two approvals: not fast-tracked.', { assessmentDecision: 'approve' });
    const approved = await this.move(trx, system, row, row.version, 'approve', why, { approved_amount: Number(row.assessed_amount) });
    if (row.loss_type === 'death') await this.endLifePolicy(trx, system, row);
    await this.informationRequests.cancelOpen(trx, system, approved, 'No longer needed: the claim was approved');
    await this.messages.decided(trx, approved, 'approved', { approvedAmount: Number(approved.approved_amount), reason: null });
    return approved;
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
  private async approvalGate(
    trx: Trx,
    actor: Actor,
    claim: repo.ClaimRow,
    action: 'approve' | 'partially-approve' | 'reject',
    { straightThrough = false }: { straightThrough?: boolean } = {},
  ): Promise<'decide' | 'first_level'> {
    const expected = { approve: 'approve', 'partially-approve': 'partially_approve', reject: 'reject' }[action];
    if (!claim.assessment) throw conflict('CLAIM_DECISION_MISMATCH', 'The claim has no assessment to decide on.', { assessmentDecision: null });
    if (claim.assessment.decision !== expected)
      throw conflict('CLAIM_DECISION_MISMATCH', `The assessment decided “${claim.assessment.decision.replace(/_/g, ' ')}”; decide that, or reopen the investigation.`, {
        assessmentDecision: claim.assessment.decision,
      });
    const approvals = await repo.approvalsOf(trx, claim.id, claim.assessment_round);
    if (!straightThrough) this.d.approvalLimits.assertFourEyes(actor, [claim.assessed_by, ...approvals.map((a) => a.approved_by)]);
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
        metadata: { level, of: claim.approvals_required ?? 1, amount, currency, limit, ...(straightThrough ? { mode: 'fast_track' } : {}) },
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
    await withTransaction(this.d.db, async (trx) => {
      const claim = await lockedClaim(trx, actor, id, version);
      await this.assessLocked(trx, actor, claim, body);
    });
    return this.reads.get(actor, id);
  }

  /** The assessment of the locked claim (checked body), in the caller's transaction: the claim as assessed. */
  private async assessLocked(trx: Trx, actor: Actor, claim: repo.ClaimRow, body: AssessClaimBody): Promise<repo.ClaimRow> {
    const { id, version } = claim;
    const invalid = (path: string, message: string) => new ValidationError([{ path, message }], 'The assessment does not hold together.', 'CLAIM_ASSESSMENT_INVALID');
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
    const assessed = await this.move(trx, actor, claim, version, 'assess', `${body.reasonCode}${body.reason ? `: ${body.reason}` : ''}`, {
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
    return assessed;
  }

  // --- Assignment and notes

  /** Assigns the claim to the named handler, or to the least loaded adjuster of its branch. */
  async assign(actor: Actor, id: string, version: number, body: AssignClaimBody): Promise<Claim> {
    await withTransaction(this.d.db, async (trx) => {
      const claim = await lockedClaim(trx, actor, id, version);
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
        assignee = await this.leastLoadedAdjuster(trx, claim.branch_id);
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
    return this.reads.get(actor, id);
  }

  /** The active claims adjuster of the branch with the fewest open claims (undefined: the branch has none). */
  private async leastLoadedAdjuster(trx: Trx, branchId: string): Promise<string | undefined> {
    const adjusters = await this.d.agents.adjusters(trx, branchId);
    return repo.leastLoaded(
      trx,
      adjusters.map((a) => a.id),
    );
  }

  /** An internal investigation note (staff only; never in a customer-facing document). */
  async addNote(actor: Actor, id: string, body: string): Promise<ClaimNote> {
    const now = this.d.clock.now();
    const noteId = await withTransaction(this.d.db, async (trx) => {
      const claim = visibleOr404(actor, await repo.lockClaim(trx, id), 'claim');
      const created = await repo.insertNote(trx, { claim_id: id, body, created_by: actor.userId, created_at: now });
      // The note's text stays out of the audit trail (it may hold health details); its id is enough.
      await this.d.audit.record(trx, { actor, action: 'claim.note', entity: { type: 'claim', id }, branchId: claim.branch_id, metadata: { noteId: created } });
      return created;
    });
    return (await this.reads.notes(actor, id)).find((n) => n.id === noteId)!;
  }
}
