// Fraud indicators and referrals: the documented rules run at submission (fraud-rules.ts) and refer
// a claim above the threshold; an adjuster may refer one too. A manager clears a referral (approval
// and payment may go ahead) or upholds it (the claim is rejected and its reserves released).
import { type Claim, type DecideReferralBody, type ReferClaimBody } from '../../contracts/claims';
import { withTransaction, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { addDays, businessDaysBetween } from '../../platform/calendar';
import { ForbiddenError, PreconditionFailedError } from '../../platform/errors';
import type { ClaimReads } from './claim-reads';
import type { ClaimInformationRequests } from './claim-information-requests';
import type { ClaimReserves } from './claim-reserves';
import { claimConflict as conflict, lockedClaim, RESERVABLE, type ClaimsDeps } from './claim-state';
import { evaluateFraud } from './fraud-rules';
import * as repo from './claims.repository';

export class ClaimReferrals {
  constructor(
    private readonly d: Pick<ClaimsDeps, 'db' | 'clock' | 'audit' | 'policyFacts' | 'customerProfiles' | 'approvalLimits'>,
    private readonly reads: ClaimReads,
    private readonly reserves: ClaimReserves,
    private readonly informationRequests: ClaimInformationRequests,
  ) {}

  /** The fraud rules over the claim's facts at submission: the columns to store, and an open referral when they refer it. */
  async fraudVerdict(trx: Trx, claim: repo.ClaimRow): Promise<Partial<repo.ClaimRow>> {
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

  async record(trx: Trx, actor: Actor, claim: repo.ClaimRow, source: 'rules' | 'adjuster', reason: string): Promise<void> {
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

  /** An adjuster refers a claim being worked on to a manager, with the reason, whatever its score. */
  async refer(actor: Actor, id: string, version: number, body: ReferClaimBody): Promise<Claim> {
    if (!actor.permissions.has('claims:investigate')) throw new ForbiddenError();
    await withTransaction(this.d.db, async (trx) => {
      const claim = await lockedClaim(trx, actor, id, version);
      if (!RESERVABLE.includes(claim.status))
        throw conflict('CLAIM_NOT_OPEN', `A ${claim.status.replace(/_/g, ' ')} claim is not referred: only one lodged and not yet settled.`, { currentStatus: claim.status });
      if (claim.referral_status === 'open') throw conflict('CLAIM_ALREADY_REFERRED', 'The claim already waits for a manager’s decision on its referral.');
      const updated = await repo.updateClaim(trx, id, version, { referral_status: 'open', updated_at: this.d.clock.now() });
      if (!updated) throw new PreconditionFailedError(version + 1);
      await this.record(trx, actor, updated, 'adjuster', body.reason);
    });
    return this.reads.get(actor, id);
  }

  /**
   * A manager clears the open referral (approval and payment may go ahead) or upholds it, with the
   * reason. Upholding it rejects the claim (the note is the reason) and releases its reserves;
   * payments made before the referral stay as they are.
   */
  async decideReferral(actor: Actor, id: string, version: number, body: DecideReferralBody): Promise<Claim> {
    if (!actor.permissions.has('claims:referrals')) throw new ForbiddenError();
    await withTransaction(this.d.db, async (trx) => {
      const claim = await lockedClaim(trx, actor, id, version);
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
        await this.reserves.releaseAll(trx, actor, claim, { declined: 'The fraud referral was upheld', released: 'Released: the fraud referral was upheld' });
        await this.informationRequests.cancelOpen(trx, actor, claim, 'No longer needed: the claim was rejected');
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
    return this.reads.get(actor, id);
  }
}
