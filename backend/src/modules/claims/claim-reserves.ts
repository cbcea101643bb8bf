// Claim reserves, per coverage and kind (indemnity, expense): set at submission from the claimed
// amount, changed only with a reason, each change posted to the ledger — or held pending above the
// requester's claim_amount limit until someone else with the limit approves it — and released when
// the claim settles or its fraud referral is upheld.
import { randomUUID } from 'node:crypto';
import type { ChangeReserveBody, DecideReserveChangeBody, ReserveChange, ReserveKind } from '../../contracts/claims';
import { withTransaction, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { NotFoundError, ValidationError } from '../../platform/errors';
import type { ClaimReads } from './claim-reads';
import { claimConflict as conflict, lockedClaim, RESERVABLE, type ClaimsDeps } from './claim-state';
import * as repo from './claims.repository';

export class ClaimReserves {
  constructor(
    private readonly d: Pick<ClaimsDeps, 'db' | 'clock' | 'audit' | 'billing' | 'approvalLimits'>,
    private readonly reads: ClaimReads,
  ) {}

  /** The claim's reserves and their changes, read at once (the changes of a claim the reader may not see are dropped). */
  async reserves(actor: Actor, id: string) {
    const [claim, changes] = await Promise.all([this.reads.get(actor, id), repo.reserveChangesOf(this.d.db, id)]);
    return { currency: claim.currency, reserves: claim.reserves, outstandingReserve: claim.outstandingReserve, changes: changes.map(changeDto), claimVersion: claim.version };
  }

  /** Changes one reserve (coverage × kind) with a reason: posted to the ledger, or pending above the requester's claim_amount limit. */
  async changeReserve(actor: Actor, id: string, version: number, body: ChangeReserveBody) {
    await withTransaction(this.d.db, async (trx) => {
      const claim = await lockedClaim(trx, actor, id, version);
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
    await withTransaction(this.d.db, async (trx) => {
      const claim = await lockedClaim(trx, actor, id, version);
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
  async setAtSubmission(trx: Trx, actor: Actor, claim: repo.ClaimRow): Promise<void> {
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

  /** Releases every reserve the claim still holds, declining a change still pending: at settlement, or when a fraud referral is upheld. */
  async releaseAll(trx: Trx, actor: Actor, claim: repo.ClaimRow, why: { declined: string; released: string }): Promise<void> {
    await repo.declinePendingChanges(trx, claim.id, { decided_by: actor.userId, decided_at: this.d.clock.now(), decision_note: why.declined });
    for (const r of await repo.reservesOf(trx, claim.id)) {
      if (Number(r.amount) === 0) continue;
      await this.recordChange(trx, actor, claim, { coverage: r.coverage_code, kind: r.kind, previous: Number(r.amount), amount: 0, reason: why.released, pending: false });
    }
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
