// Paying a decided claim: partial and final payments to the policyholder, a beneficiary, a hospital,
// a repair shop or a third party, and a death claim paid to the policy's beneficiaries by their
// shares. Once per Idempotency-Key, under the claim's row lock, never above the approved amount, the
// coverage's reserve or the payer's limit; each payment posts through the ledger (claims payable →
// cash) and consumes the reserve, and the final one releases what is left and settles the claim.
import { randomUUID } from 'node:crypto';
import type { ClaimPayment, PayBeneficiariesBody, PayClaimBody } from '../../contracts/claims';
import type { DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { PreconditionFailedError, ValidationError } from '../../platform/errors';
import type { IdempotencyRequest, IdempotentOutcome } from '../../platform/idempotency';
import { visibleOr404 } from '../../platform/scope';
import { entitledBeneficiaries, splitByShares } from './beneficiary-split';
import type { ClaimReserves } from './claim-reserves';
import { assertNotReferred, claimConflict as conflict, PAYABLE, type ClaimsDeps } from './claim-state';
import * as repo from './claims.repository';

export class ClaimPayments {
  constructor(
    private readonly d: Pick<ClaimsDeps, 'db' | 'clock' | 'audit' | 'billing' | 'approvalLimits' | 'policyFacts' | 'idempotency'>,
    private readonly reserves: ClaimReserves,
  ) {}

  /** The claim's payments, read beside the claim (those of a claim the reader may not see are dropped). */
  async payments(actor: Actor, id: string, db: DbOrTrx = this.d.db) {
    const [row, payments] = await Promise.all([repo.findClaim(db, id), repo.paymentsOf(db, id)]);
    const claim = visibleOr404(actor, row, 'claim');
    const paid = Number(claim.paid_amount);
    return {
      currency: claim.currency.trim(),
      items: payments.map(paymentDto),
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
  pay(actor: Actor, id: string, idem: IdempotencyRequest, body: PayClaimBody): Promise<IdempotentOutcome<Awaited<ReturnType<ClaimPayments['payments']>>>> {
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
  payBeneficiaries(actor: Actor, id: string, idem: IdempotencyRequest, body: PayBeneficiariesBody): Promise<IdempotentOutcome<Awaited<ReturnType<ClaimPayments['payments']>>>> {
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

  /**
   * Fast-track: the approved amount paid to the policyholder in full by bank transfer, in the
   * caller's transaction, under the same caps (approved amount, reserve, the payer's limit) and
   * through the same ledger entries as any payment; the final payment settles the claim. Its number.
   */
  async payStraightThrough(trx: Trx, system: Actor, id: string, how: { coverage: string; amount: number; note: string }): Promise<string> {
    const claim = await this.lockedPayable(trx, system, id);
    const name = await this.policyholderName(trx, id);
    return this.payParts(trx, system, claim, { coverage: how.coverage, method: 'bank_transfer', final: true, note: how.note }, [
      { payee: { kind: 'policyholder', name, account: null }, amount: how.amount },
    ]);
  }

  /** The claim, row-locked, in the caller's branches, approved and not held by a fraud referral. */
  private async lockedPayable(trx: Trx, actor: Actor, id: string): Promise<repo.ClaimRow> {
    const claim = visibleOr404(actor, await repo.lockClaim(trx, id), 'claim');
    if (!PAYABLE.includes(claim.status))
      throw conflict('CLAIM_NOT_PAYABLE', `A ${claim.status.replace(/_/g, ' ')} claim is not paid: only an approved one.`, { currentStatus: claim.status });
    assertNotReferred(claim, 'paid');
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
  ): Promise<string> {
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
      await this.reserves.releaseAll(trx, actor, claim, { declined: `The claim was settled by ${lastNumber}`, released: `Released at the final payment ${lastNumber}` });
      await repo.insertHistory(trx, { claim_id: id, from_status: claim.status, to_status: 'paid', reason: `Settled by ${lastNumber}`, changed_by: actor.userId, changed_at: now });
    }
    const updated = await repo.updateClaim(trx, id, claim.version, { paid_amount: paidBefore + total, updated_at: now, ...(settles ? { status: 'paid' as const } : {}) }, PAYABLE);
    if (!updated) throw new PreconditionFailedError(claim.version);
    return lastNumber;
  }

  private async policyholderName(db: DbOrTrx, id: string): Promise<string> {
    const view = await repo.findClaim(db, id);
    return `${view!.first_name} ${view!.last_name}`;
  }
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
