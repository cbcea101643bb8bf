// Fast-track claims (issue 21). At submission the product version's fast-track rule weighs the claim
// (fast-track.ts): refused, the claim stays in the adjusters' queue with the reasons, stored in the
// submission's own transaction; admitted, it is marked pending and, once the submission is committed,
// approved and paid straight through by the claims automation user in ONE transaction (investigation,
// assessment, approval within that role's own claim_amount limit, payment through the ledger, the
// claim settled) — all or nothing. A process that dies between the two leaves the claim pending: the
// retry job finishes it; the row lock and the pending status make a second run a no-op. Each outcome
// is audited with the rule as it stood. A daily job gives a sample of the day's fast-tracked claims to
// adjusters for review, once per day whatever the number of workers (the sample's date is a key).
import { randomInt } from 'node:crypto';
import type { Claim, FastTrackReason, ReviewFastTrackBody } from '../../contracts/claims';
import { withTransaction, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { addDays } from '../../platform/calendar';
import { AppError, PreconditionFailedError } from '../../platform/errors';
import type { Logger } from '../../platform/logger';
import { formatMoney } from '../../platform/money';
import type { SystemUsers } from '../identity/system-users';
import { assessLine } from './assessment';
import type { ClaimPayments } from './claim-payments';
import type { ClaimReads } from './claim-reads';
import { claimConflict as conflict, lockedClaim, type ClaimsDeps } from './claim-state';
import type { ClaimsService, SubmissionFastTrack } from './claims.service';
import { evaluateFastTrack } from './fast-track';
import * as repo from './claims.repository';

export const FAST_TRACK_RETRY_JOB = 'claims.fast-track-retry';
export const FAST_TRACK_SAMPLE_JOB = 'claims.fast-track-sample';
/** A pending claim older than this is taken over by the retry job (the submitting request normally finishes it within a second). */
export const FAST_TRACK_RETRY_AFTER_MS = 30_000;

type Deps = Pick<ClaimsDeps, 'db' | 'clock' | 'audit' | 'quotes' | 'customerProfiles' | 'approvalLimits' | 'policyFacts' | 'agents'> & { systemUsers: SystemUsers };

interface Weighed {
  reasons: FastTrackReason[];
  stored: repo.StoredFastTrack;
  /** What is paid when admitted: the claimed loss on the coverage the reserve holds, and what it pays. */
  line: { coverage: string; lossAmount: number; payable: number } | null;
}

export class ClaimFastTrack implements SubmissionFastTrack {
  constructor(
    private readonly d: Deps,
    private readonly claims: ClaimsService,
    private readonly payments: ClaimPayments,
    private readonly reads: ClaimReads,
    private readonly logger?: Logger,
  ) {}

  /** The rule over the claim's facts now (the claim carries its fraud verdict). */
  private async weigh(trx: Trx, claim: repo.ClaimRow, reservePending: boolean): Promise<Weighed> {
    const currency = claim.currency.trim();
    const coverage = claim.coverage_check.coverages[0];
    const [settings, kycVerified, open, systemLimit, facts, used] = await Promise.all([
      this.d.quotes.fastTrackOf(trx, claim.product_version_id),
      this.d.customerProfiles.kycVerified(trx, claim.customer_id),
      repo.unsettledClaimsOfPolicy(trx, claim.policy_id),
      this.d.approvalLimits.limitOf(trx, 'claims_automation', 'claim_amount', currency),
      this.d.policyFacts.onDate(trx, claim.policy_id, claim.loss_date),
      repo.approvedOnCoverages(trx, claim.policy_id, claim.id),
    ]);
    const claimed = claim.claimed_amount === null ? null : Number(claim.claimed_amount);
    const terms = coverage ? facts?.terms?.coverages.find((c) => c.code === coverage.code) : undefined;
    const line =
      coverage && terms && claimed !== null && claimed > 0
        ? {
            coverage: coverage.code,
            lossAmount: claimed,
            payable: assessLine(claimed, { code: coverage.code, sumInsured: terms.sumInsured, deductible: terms.deductible ?? 0 }, used.get(coverage.code) ?? 0).payable,
          }
        : null;
    const reasons = evaluateFastTrack({
      rule: settings.rule,
      suspended: settings.suspended,
      currency,
      lossType: claim.loss_type,
      claimedAmount: claimed,
      coverageDoubtful: claim.coverage_doubtful,
      coverageReasons: claim.coverage_check.reasons,
      fraudIndicators: claim.fraud_indicators ?? [],
      openClaims: open.filter((c) => c.claim_number !== claim.claim_number && c.status !== 'draft').map((c) => c.claim_number),
      kycVerified,
      payable: line?.payable ?? null,
      systemLimit,
      reservePending,
    });
    return {
      reasons,
      line,
      stored: {
        reasons,
        rule: settings.rule,
        productVersion: { id: claim.product_version_id, productName: settings.productName, versionNumber: settings.versionNumber },
        suspended: settings.suspended,
        evaluatedAt: this.d.clock.now().toISOString(),
        paymentNumber: null,
      },
    };
  }

  /**
   * In the submission's transaction, before the claim moves: the fast-track columns to store —
   * pending when the rule admits it (paid after commit), refused with the reasons otherwise — and the
   * audit row with the rule. The reserve the submission is about to set is pending above the
   * adjuster's limit (claim-reserves.ts `setAtSubmission`): the same test here.
   */
  async atSubmission(trx: Trx, actor: Actor, claim: repo.ClaimRow): Promise<Partial<repo.ClaimRow>> {
    const coverage = claim.coverage_check.coverages[0];
    let reservePending = false;
    if (coverage && claim.claimed_amount !== null) {
      const amount = Math.min(Number(claim.claimed_amount), coverage.sumInsured);
      const limit = await this.d.approvalLimits.limitOf(trx, 'claims_adjuster', 'claim_amount', claim.currency.trim());
      reservePending = amount > 0 && (limit === null || amount > limit);
    }
    const { reasons, stored } = await this.weigh(trx, claim, reservePending);
    const status = reasons.length ? 'refused' : 'pending';
    await this.audit(trx, actor, claim, status, stored);
    return { fast_track_status: status, fast_track: stored };
  }

  /** After the submission committed: the straight-through processing; a failure is logged and left to the retry job. */
  async afterSubmission(claimId: string): Promise<void> {
    try {
      await this.process(claimId);
    } catch (err) {
      this.logger?.error({ err, claimId }, 'fast-track: straight-through processing failed; the retry job takes it over');
    }
  }

  /**
   * Approves and pays an admitted (pending) claim straight through, all in one transaction; weighed
   * again under the claim's row lock (another claim may have been lodged meanwhile). Refused now, or
   * refused on the way by the path every claim takes (a limit, a reserve), the claim goes to the
   * queue with the reason. A claim no longer pending is left alone: running twice pays once.
   */
  async process(claimId: string): Promise<'paid' | 'refused' | 'skipped'> {
    let failure: AppError | undefined;
    try {
      const outcome = await withTransaction(this.d.db, async (trx) => {
        const claim = await repo.lockClaim(trx, claimId);
        if (!claim || claim.fast_track_status !== 'pending' || claim.status !== 'submitted') return 'skipped' as const;
        const coverage = claim.coverage_check.coverages[0];
        const reservePending = coverage ? await repo.hasPendingChange(trx, claim.id, coverage.code, 'indemnity') : false;
        const system = await this.d.systemUsers.actorFor(trx, 'claimsFastTrack', claim.branch_id);
        const weighed = await this.weigh(trx, claim, reservePending);
        if (weighed.reasons.length || !weighed.line) {
          await this.refuse(trx, system, claim, weighed.stored);
          return 'refused' as const;
        }
        const rule = weighed.stored.rule!;
        const why = `Fast-track: admitted by the rule of ${weighed.stored.productVersion.productName} version ${weighed.stored.productVersion.versionNumber} (${rule.lossTypes.join(', ')} up to ${formatMoney(rule.maxAmount, claim.currency.trim())})`;
        await this.claims.straightThrough(trx, system, claim, { coverage: weighed.line.coverage, lossAmount: weighed.line.lossAmount }, why);
        const paymentNumber = await this.payments.payStraightThrough(trx, system, claim.id, { coverage: weighed.line.coverage, amount: weighed.line.payable, note: why });
        const settled = (await repo.lockClaim(trx, claim.id))!;
        const stored = { ...weighed.stored, paymentNumber };
        const now = this.d.clock.now();
        if (!(await repo.updateClaim(trx, claim.id, settled.version, { fast_track_status: 'paid', fast_track: stored, fast_tracked_at: now, updated_at: now })))
          throw new PreconditionFailedError(settled.version);
        await this.audit(trx, system, claim, 'paid', stored);
        return 'paid' as const;
      });
      return outcome;
    } catch (err) {
      // Refused on the way by a rule every claim obeys: nothing of the attempt was written; the claim goes to the queue with why.
      if (!(err instanceof AppError)) throw err;
      failure = err;
    }
    return withTransaction(this.d.db, async (trx) => {
      const claim = await repo.lockClaim(trx, claimId);
      if (!claim || claim.fast_track_status !== 'pending') return 'skipped' as const;
      const system = await this.d.systemUsers.actorFor(trx, 'claimsFastTrack', claim.branch_id);
      const previous = claim.fast_track!;
      const reasons: FastTrackReason[] = [{ code: 'STRAIGHT_THROUGH_FAILED', reason: `${failure.code}: ${failure.detail}` }];
      await this.refuse(trx, system, claim, { ...previous, reasons, evaluatedAt: this.d.clock.now().toISOString() });
      return 'refused' as const;
    });
  }

  private async refuse(trx: Trx, system: Actor, claim: repo.ClaimRow, stored: repo.StoredFastTrack): Promise<void> {
    if (!(await repo.updateClaim(trx, claim.id, claim.version, { fast_track_status: 'refused', fast_track: stored, updated_at: this.d.clock.now() })))
      throw new PreconditionFailedError(claim.version);
    await this.audit(trx, system, claim, 'refused', stored);
  }

  private audit(trx: Trx, actor: Actor, claim: repo.ClaimRow, outcome: 'pending' | 'paid' | 'refused', stored: repo.StoredFastTrack) {
    return this.d.audit.record(trx, {
      actor,
      action: 'claim.fast_track',
      entity: { type: 'claim', id: claim.id },
      branchId: claim.branch_id,
      after: { fastTrackStatus: outcome },
      metadata: {
        outcome,
        reasons: stored.reasons,
        rule: stored.rule,
        productVersion: stored.productVersion,
        suspended: stored.suspended,
        paymentNumber: stored.paymentNumber,
      },
    });
  }

  /** The retry job: admitted claims whose straight-through did not complete (the process died, or the database refused) are processed again. */
  async retryPending(): Promise<{ processed: number }> {
    const before = new Date(this.d.clock.now().getTime() - FAST_TRACK_RETRY_AFTER_MS);
    const ids = await repo.pendingFastTrack(this.d.db, before, 100);
    for (const id of ids) await this.process(id);
    return { processed: ids.length };
  }

  /**
   * The daily review sample: of the claims fast-tracked on `date` (a business date), the share each
   * rule asks for (`samplePercent`, at least one claim per product version), chosen at random, each
   * given to the least loaded adjuster of its branch for review (a flag in the worklist). Once per
   * date: the sample's row is inserted first, so a second worker at the same time waits on it and
   * then does nothing.
   */
  async sampleDay(date: string): Promise<{ created: boolean; fastTracked: number; sampled: string[] }> {
    return withTransaction(this.d.db, async (trx) => {
      const now = this.d.clock.now();
      const inserted = await repo.insertFastTrackSample(trx, date, now);
      if (!inserted) return { created: false, fastTracked: 0, sampled: [] };
      // The business day's claims: a window wide enough around it, then each claim's own business date.
      const candidates = (await repo.fastTrackedBetween(trx, new Date(`${addDays(date, -1)}T00:00:00Z`), new Date(`${addDays(date, 2)}T00:00:00Z`))).filter(
        (c) => this.d.clock.businessDate(c.fast_tracked_at!) === date,
      );
      const byVersion = new Map<string, typeof candidates>();
      for (const c of candidates) byVersion.set(c.product_version_id, [...(byVersion.get(c.product_version_id) ?? []), c]);
      const sampled: typeof candidates = [];
      for (const group of byVersion.values()) {
        const percent = group[0]!.fast_track?.rule?.samplePercent ?? 10;
        const size = Math.max(1, Math.ceil((group.length * percent) / 100));
        const pool = [...group];
        for (let i = 0; i < size && pool.length; i++) sampled.push(pool.splice(randomInt(pool.length), 1)[0]!);
      }
      for (const c of sampled) {
        const adjusters = await this.d.agents.adjusters(trx, c.branch_id);
        const reviewer =
          (await repo.leastLoaded(
            trx,
            adjusters.map((a) => a.id),
          )) ?? null;
        await repo.markForReview(trx, c.id, reviewer, now);
        const system = await this.d.systemUsers.actorFor(trx, 'claimsFastTrack', c.branch_id);
        await this.d.audit.record(trx, {
          actor: system,
          action: 'claim.fast_track_sample',
          entity: { type: 'claim', id: c.id },
          branchId: c.branch_id,
          after: { fastTrackReview: 'pending', reviewerId: reviewer },
          metadata: { sampleDate: date, ofFastTracked: candidates.length },
        });
      }
      await repo.completeFastTrackSample(
        trx,
        date,
        candidates.length,
        sampled.map((c) => c.id),
      );
      return { created: true, fastTracked: candidates.length, sampled: sampled.map((c) => c.id) };
    });
  }

  /** An adjuster's review of a sampled claim: what they found, once (409 CLAIM_FAST_TRACK_NOT_IN_REVIEW otherwise). */
  async review(actor: Actor, id: string, version: number, body: ReviewFastTrackBody): Promise<Claim> {
    await withTransaction(this.d.db, async (trx) => {
      const claim = await lockedClaim(trx, actor, id, version);
      if (claim.fast_track_review !== 'pending')
        throw conflict('CLAIM_FAST_TRACK_NOT_IN_REVIEW', 'This claim is not in a fast-track review sample waiting for review.', { review: claim.fast_track_review });
      const now = this.d.clock.now();
      if (
        !(await repo.updateClaim(trx, id, version, {
          fast_track_review: 'reviewed',
          fast_track_reviewer_id: actor.userId,
          fast_track_review_note: body.note,
          updated_at: now,
        }))
      )
        throw new PreconditionFailedError(version + 1);
      await this.d.audit.record(trx, {
        actor,
        action: 'claim.fast_track_review',
        entity: { type: 'claim', id },
        branchId: claim.branch_id,
        before: { fastTrackReview: 'pending', reviewerId: claim.fast_track_reviewer_id },
        after: { fastTrackReview: 'reviewed' },
        metadata: { note: body.note },
      });
    });
    return this.reads.get(actor, id);
  }
}
