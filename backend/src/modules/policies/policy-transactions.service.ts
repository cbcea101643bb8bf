// Policy transactions: every change to an issued policy is quoted first (the re-rating worksheet on
// the policy's own product version and the pro-rata amount for the rest of the policy year), then
// issued — a new version of the terms effective from its date, and its billing effect posted
// through billing in the same database transaction — or discarded. Issued transactions never
// change; a mistake is undone by another transaction.
import {
  INSURER_CANCELLATION_REASONS,
  type CancellationDetails,
  type CreatePolicyTransactionBody,
  type LapseDetails,
  type TerminationDetails,
  type ReinstatementDetails,
  type ReinstatementQuote,
  type DecideReferralBody,
  type PolicyBillingEffect,
  type PolicyTerms,
  type PolicyTransaction,
  type PolicyTransactionQuote,
} from '../../contracts/policies';
import type { PoliciesErrorCode } from '../../contracts/policies';
import type { Db, DbOrTrx, Trx } from '../../db';
import { withTransaction } from '../../db';
import type { Actor } from '../../platform/actor';
import { addDays, daysBetween } from '../../platform/calendar';
import type { Clock } from '../../platform/clock';
import { ConflictError, ForbiddenError, PreconditionFailedError, ValidationError, type ProblemExtras } from '../../platform/errors';
import { readStatusHistory } from '../../platform/records';
import { visibleOr404 } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { BillingHooks } from '../billing/billing-policies';
import { beneficiaryErrors } from '../orders/application-checks';
import type { ApprovalLimitsService } from '../identity/approval-limits.service';
import type { QuoteBook } from '../products/quote-book';
import { cashValueOn } from './cash-value';
import { policyYearOf, premiumBetween, premiumFrom, proRataChange } from './pro-rata';
import * as policiesRepo from './policies.repository';
import type { PolicySchedules } from './policy-schedules.service';
import { nextVersionRow, ratingRequest, termsColumns, termsOf, type RatingInputs } from './policy-terms';
import * as repo from './policy-transactions.repository';
import * as standingRepo from './policy-standing.repository';
import { reinstatableUntil, reinstatementNeedsUnderwriting, reinstatementWindowDays, REINSTATEMENT_UNDERWRITING_AFTER_DAYS } from './standing';

/** How far back a change may take effect (and only with `policies:backdate` when before today). */
export const MAX_BACKDATE_DAYS = 30;
/** Days after issue in which a cancellation returns the whole premium (products will set their own). */
export const FREE_LOOK_DAYS = 30;

/** `amount` × basis points / 10,000, half-even to the minor unit (exact integer arithmetic). */
export function basisPointsOf(amount: number, basisPoints: number): number {
  const product = BigInt(amount) * BigInt(basisPoints);
  const quotient = product / 10_000n;
  const twice = (product % 10_000n) * 2n;
  const roundUp = twice > 10_000n || (twice === 10_000n && quotient % 2n === 1n);
  return Number(roundUp ? quotient + 1n : quotient);
}

/** A policy in grace is still in force: it can be changed or cancelled like an active one. */
/** How a policy ended before its term (what its open renewal is withdrawn for). */
export interface PolicyEnding {
  kind: 'cancellation' | 'surrender' | 'lapse' | 'termination';
  byInsurer: boolean;
  transactionNumber: string;
  effectiveDate: string;
  changedBy: string | null;
}

const IN_FORCE: readonly string[] = ['active', 'grace'];

type EndorsementBody = Extract<CreatePolicyTransactionBody, { type: 'endorsement' }>;

const conflict = (code: PoliciesErrorCode, detail: string, extras?: ProblemExtras) => new ConflictError(code, detail, extras);

type PolicyRow = NonNullable<Awaited<ReturnType<typeof policiesRepo.findPolicy>>>;

interface Quoted {
  /** null for a cancellation: the terms in force stay as they are until it ends the policy. */
  newTerms: (PolicyTerms & { ratingInputs: RatingInputs | null }) | null;
  quote: PolicyTransactionQuote;
  rerated: boolean;
  /** New medical evidence or referral rules the change brings: it waits for an underwriter. */
  referral?: { medicalExams: { exam: string; rule: string; description: string }[]; referrals: { code: string; message: string }[] } | null;
}

export class PolicyTransactionsService {
  /** Accepts renewals when they are issued (renewals.service.ts, wired by the module). */
  renewals?: {
    acceptLocked(trx: Trx, actor: Actor, tx: repo.TransactionRow & { transaction_number: string }): Promise<void>;
    /** The policy ended before its renewal: open renewals are withdrawn. */
    withdrawOpen(trx: Trx, policyId: string, ending: PolicyEnding): Promise<string[]>;
  };

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly quotes: QuoteBook,
    private readonly billing: BillingHooks,
    private readonly schedules: PolicySchedules,
    private readonly approvalLimits: ApprovalLimitsService,
  ) {}

  /** Quotes a change: validated, re-rated, priced pro rata; stored as a quoted transaction (nothing on the policy changes yet). */
  async create(actor: Actor, policyId: string, body: CreatePolicyTransactionBody): Promise<PolicyTransaction> {
    const policy = visibleOr404(actor, await policiesRepo.findPolicy(this.db, policyId), 'policy');
    if (body.type === 'reinstatement') {
      if (policy.status !== 'lapsed')
        throw conflict('POLICY_NOT_SERVICEABLE', `Only a lapsed policy can be reinstated; this one is ${policy.status}.`, { currentStatus: policy.status });
    } else if (!IN_FORCE.includes(policy.status)) {
      throw conflict('POLICY_NOT_SERVICEABLE', `A ${policy.status} policy cannot be changed.`, { currentStatus: policy.status });
    }
    const current = (await repo.versionInForce(this.db, policyId))!;
    // A reinstatement takes effect the day it is issued: cover resumes once the arrears are paid.
    const effectiveDate = body.type === 'reinstatement' ? this.clock.businessDate() : body.effectiveDate;
    if (body.type !== 'reinstatement') this.checkEffectiveDate(actor, policy, await this.earliestDateOf(this.db, policyId, body.type, effectiveDate), effectiveDate);
    if (body.type === 'cancellation' && INSURER_CANCELLATION_REASONS.includes(body.cancellationReason)) {
      if (!actor.permissions.has('policies:cancel-for-cause')) throw new ForbiddenError('FORBIDDEN', 'Only a manager may cancel a policy for misrepresentation or fraud.');
      if (body.requestedBy !== 'insurer') throw new ValidationError([{ path: 'requestedBy', message: 'A cancellation for cause is the insurer’s' }]);
    }
    const quoted: Quoted =
      body.type === 'cancellation'
        ? await this.quoteCancellation(this.db, policy, effectiveDate, { freeLook: true, requestedBy: body.requestedBy })
        : body.type === 'surrender'
          ? await this.quoteSurrender(this.db, policy, effectiveDate)
          : body.type === 'reinstatement'
            ? await this.quoteReinstatement(this.db, policy, current, effectiveDate, body.healthDeclaration ?? null)
            : await this.quoteChange(policy, current, body);
    const details: CancellationDetails | ReinstatementDetails | EndorsementBody['changes'] =
      body.type === 'cancellation'
        ? { cancellationReason: body.cancellationReason }
        : body.type === 'reinstatement'
          ? { healthDeclaration: body.healthDeclaration ?? null }
          : body.type === 'surrender'
            ? {}
            : body.changes;
    const now = this.clock.now();
    const id = await withTransaction(this.db, async (trx) => {
      const tx = await repo.insertTransaction(trx, {
        policy_id: policyId,
        branch_id: policy.branch_id,
        type: body.type,
        status: quoted.referral ? 'draft' : 'quoted',
        referral: quoted.referral ? JSON.stringify({ status: 'pending', ...quoted.referral, decidedBy: null, decidedAt: null, note: null }) : null,
        effective_date: effectiveDate,
        requested_by: body.requestedBy,
        reason: body.reason,
        changes: JSON.stringify(details),
        base_terms_version: current.version_number,
        new_terms: quoted.newTerms ? JSON.stringify(quoted.newTerms) : null,
        worksheet: JSON.stringify(quoted.quote),
        old_annual_premium: quoted.quote.oldAnnualPremium,
        new_annual_premium: quoted.quote.newAnnualPremium,
        premium_delta: quoted.quote.premiumDelta,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
      await repo.insertTransactionHistory(trx, { transaction_id: tx.id, from_status: null, to_status: 'draft', reason: body.reason, changed_by: actor.userId, changed_at: now });
      // A referred change waits as a draft for an underwriter (the referral is on the transaction, not a new application).
      if (!quoted.referral) {
        await repo.insertTransactionHistory(trx, {
          transaction_id: tx.id,
          from_status: 'draft',
          to_status: 'quoted',
          reason:
            body.type === 'cancellation' || body.type === 'surrender'
              ? 'Settlement worked out'
              : body.type === 'reinstatement'
                ? 'Arrears worked out'
                : quoted.rerated
                  ? 'Re-rated'
                  : 'No re-rating needed',
          changed_by: actor.userId,
          changed_at: now,
        });
      }
      await this.audit.record(trx, {
        actor,
        action: 'policy.transaction_quote',
        entity: { type: 'policy', id: policyId },
        branchId: policy.branch_id,
        metadata: { transactionId: tx.id, transactionNumber: tx.transaction_number, type: body.type, effectiveDate, premiumDelta: quoted.quote.premiumDelta },
      });
      return tx.id;
    });
    return this.get(actor, id);
  }

  /**
   * Issues a quoted transaction: a new version of the terms from its effective date, the policy row
   * updated, the billing effect posted, history and audit — all or nothing. 409 when the policy has
   * changed since the quote (another transaction was issued first): quote again.
   */
  async issue(actor: Actor, id: string, version: number): Promise<PolicyTransaction> {
    await withTransaction(this.db, async (trx) => {
      const tx = await this.lockOpen(trx, actor, id, version);
      if (tx.type === 'renewal' && this.renewals) return this.renewals.acceptLocked(trx, actor, tx);
      if (tx.status === 'draft') throw conflict('POLICY_TRANSACTION_REFERRED', 'This change waits for an underwriter’s decision on its referral.');
      const policyLock = (await repo.lockPolicy(trx, tx.policy_id))!;
      const policy = (await policiesRepo.findPolicy(trx, tx.policy_id))!;
      if (tx.type === 'reinstatement') {
        await this.issueReinstatement(trx, actor, tx, policy, policyLock);
        return;
      }
      if (!IN_FORCE.includes(policyLock.status)) throw conflict('POLICY_NOT_SERVICEABLE', `A ${policyLock.status} policy cannot be changed.`, { currentStatus: policyLock.status });
      if (policyLock.terms_version !== tx.base_terms_version) {
        throw conflict('POLICY_TRANSACTION_STALE', `The policy changed after this was quoted (now version ${policyLock.terms_version}): quote the change again.`, {
          baseTermsVersion: tx.base_terms_version,
          currentTermsVersion: policyLock.terms_version,
        });
      }
      const current = (await repo.findVersion(trx, tx.policy_id, policyLock.terms_version))!;
      try {
        this.checkEffectiveDate(actor, policy, await this.earliestDateOf(trx, tx.policy_id, tx.type, tx.effective_date), tx.effective_date);
      } catch (e) {
        if (e instanceof ValidationError) throw conflict('POLICY_TRANSACTION_STALE', `${e.message} Quote the change again with another date.`);
        throw e;
      }
      const now = this.clock.now();
      if (tx.type === 'cancellation' || tx.type === 'surrender') {
        await this.issueEnding(trx, actor, tx, policy, policyLock, now);
        return;
      }
      const terms = tx.new_terms!;
      const resultVersion = policyLock.terms_version + 1;
      await repo.insertVersion(
        trx,
        nextVersionRow(current, { versionNumber: resultVersion, effectiveFrom: tx.effective_date, transactionId: tx.id, terms, createdBy: actor.userId, createdAt: now }),
      );
      await repo.applyTermsToPolicy(trx, tx.policy_id, {
        ...termsColumns(terms),
        terms_version: resultVersion,
        version: policyLock.version + 1,
        updated_at: now,
      });
      const quote = tx.worksheet!;
      const billingEffect =
        quote.premiumDelta !== 0 || terms.annualPremium !== Number(current.annual_premium) || terms.paymentFrequency !== current.payment_frequency
          ? await this.billing.policyPremiumChanged(trx, actor, {
              policyId: tx.policy_id,
              transactionId: tx.id,
              transactionNumber: tx.transaction_number,
              effectiveDate: tx.effective_date,
              premiumDelta: quote.premiumDelta,
              annualPremium: terms.annualPremium,
              paymentFrequency: terms.paymentFrequency,
              installments: terms.installments,
              description: `${tx.type === 'endorsement' ? 'Endorsement' : tx.type} of ${policy.policy_number} from ${tx.effective_date}`,
            })
          : { kind: 'none' as const, amount: 0, invoice: null, ledgerEntryId: null, newInstallmentsFrom: null, description: 'No premium change' };
      // The new schedule (version = the terms' version) in the same transaction: no change without its document.
      await this.schedules.issue(trx, actor, {
        policyId: tx.policy_id,
        version: resultVersion,
        reason: `${tx.transaction_number}: ${tx.reason}`,
        effectiveDate: tx.effective_date,
      });
      await this.markIssued(trx, actor, tx, now, {
        resultTermsVersion: resultVersion,
        billingEffect,
        historyReason: `Version ${resultVersion} of the terms`,
        before: { termsVersion: policyLock.terms_version, annualPremium: Number(current.annual_premium) },
        after: { termsVersion: resultVersion, annualPremium: terms.annualPremium },
      });
    });
    return this.get(actor, id);
  }

  /** Drops a draft or quoted transaction (with a reason); nothing on the policy changes. */
  async discard(actor: Actor, id: string, version: number, reason: string): Promise<PolicyTransaction> {
    await withTransaction(this.db, async (trx) => {
      const tx = await this.lockOpen(trx, actor, id, version);
      // A renewal not taken is a non-renewal with its reason code (renewals.service.ts).
      if (tx.type === 'renewal') throw conflict('POLICY_TRANSACTION_IS_RENEWAL', 'Record why the policy is not renewed instead (POST …/decline-renewal with a reason code).');
      const now = this.clock.now();
      await repo.updateTransaction(trx, id, { status: 'discarded', version: tx.version + 1, updated_at: now });
      await repo.insertTransactionHistory(trx, { transaction_id: id, from_status: tx.status, to_status: 'discarded', reason, changed_by: actor.userId, changed_at: now });
      await this.audit.record(trx, {
        actor,
        action: 'policy.transaction_discard',
        entity: { type: 'policy', id: tx.policy_id },
        branchId: tx.branch_id,
        metadata: { transactionId: id, transactionNumber: tx.transaction_number, reason },
      });
    });
    return this.get(actor, id);
  }

  /**
   * An underwriter decides a referred change: someone other than who asked for it (409 FOUR_EYES);
   * accepting needs their `order_sum_insured` limit to cover the new sum insured (403). Accepted: quoted, ready to
   * issue; declined: discarded. History and audit in the same transaction.
   */
  async decideReferral(actor: Actor, id: string, version: number, body: DecideReferralBody): Promise<PolicyTransaction> {
    await withTransaction(this.db, async (trx) => {
      const tx = await this.lockOpen(trx, actor, id, version);
      if (tx.status !== 'draft' || tx.referral?.status !== 'pending')
        throw conflict('POLICY_TRANSACTION_NOT_REFERRED', 'This change is not waiting for an underwriter.', { currentStatus: tx.status });
      this.approvalLimits.assertFourEyes(actor, tx.created_by);
      const accepted = body.decision === 'accept';
      // Accepting takes on the risk, within the underwriter's limit; any underwriter may decline.
      if (accepted) {
        const policy = (await policiesRepo.findPolicy(trx, tx.policy_id))!;
        await this.approvalLimits.assertWithinLimit(trx, actor, 'order_sum_insured', tx.new_terms?.sumInsured ?? Number(policy.sum_insured), policy.currency.trim());
      }
      const now = this.clock.now();
      const to = accepted ? 'quoted' : 'discarded';
      await repo.updateTransaction(trx, id, {
        status: to,
        referral: JSON.stringify({ ...tx.referral, status: accepted ? 'accepted' : 'declined', decidedBy: actor.userId, decidedAt: now.toISOString(), note: body.note }),
        version: tx.version + 1,
        updated_at: now,
      });
      await repo.insertTransactionHistory(trx, {
        transaction_id: id,
        from_status: 'draft',
        to_status: to,
        reason: `Referral ${accepted ? 'accepted' : 'declined'}: ${body.note}`,
        changed_by: actor.userId,
        changed_at: now,
      });
      await this.audit.record(trx, {
        actor,
        action: 'policy.transaction_referral_decide',
        entity: { type: 'policy', id: tx.policy_id },
        branchId: tx.branch_id,
        metadata: { transactionId: id, transactionNumber: tx.transaction_number, decision: body.decision, note: body.note },
      });
    });
    return this.get(actor, id);
  }

  /** Changes referred to underwriters and not yet decided, oldest first, in the caller's branches. */
  async referred(actor: Actor): Promise<{ items: PolicyTransaction[] }> {
    const rows = await repo.referredTransactions(this.db, actor);
    return { items: await Promise.all(rows.map((r) => this.dto(r))) };
  }

  async get(actor: Actor, id: string): Promise<PolicyTransaction> {
    const row = visibleOr404(actor, await repo.findTransaction(this.db, id), 'policy transaction');
    return this.dto(row);
  }

  /** A policy's transactions, newest first. */
  async forPolicy(actor: Actor, policyId: string): Promise<{ items: PolicyTransaction[] }> {
    visibleOr404(actor, await policiesRepo.findPolicy(this.db, policyId), 'policy');
    const rows = await repo.transactionsOf(this.db, policyId);
    return { items: await Promise.all(rows.map((r) => this.dto(r))) };
  }

  private async dto(row: repo.TransactionView): Promise<PolicyTransaction> {
    const newTerms = row.new_terms ? (({ ratingInputs: _inputs, ...terms }) => terms)(row.new_terms) : null;
    return {
      id: row.id,
      transactionNumber: row.transaction_number,
      policy: { id: row.policy_id, policyNumber: row.policy_number, currency: row.currency.trim() },
      type: row.type,
      status: row.status,
      effectiveDate: row.effective_date,
      requestedBy: row.requested_by,
      reason: row.reason,
      changes: row.changes,
      baseTermsVersion: row.base_terms_version,
      newTerms,
      quote: row.worksheet,
      billingEffect: row.billing_effect,
      resultTermsVersion: row.result_terms_version,
      referral: row.referral ? { ...row.referral, decidedBy: row.referral.decidedBy ? { id: row.referral.decidedBy, name: row.referral_decided_by_name ?? '' } : null } : null,
      createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
      createdAt: row.created_at.toISOString(),
      issuedBy: row.issued_by ? { id: row.issued_by, name: row.issued_by_name! } : null,
      issuedAt: row.issued_at ? row.issued_at.toISOString() : null,
      history: await readStatusHistory(this.db, 'policy_transaction_status_history', 'transaction_id', row.id),
      version: row.version,
    };
  }

  private async lockOpen(trx: Trx, actor: Actor, id: string, version: number): Promise<repo.TransactionRow & { transaction_number: string }> {
    const tx = visibleOr404(actor, await repo.lockTransaction(trx, id), 'policy transaction');
    if (tx.status !== 'quoted' && tx.status !== 'draft')
      throw conflict('POLICY_TRANSACTION_NOT_OPEN', `This transaction is ${tx.status}: it cannot change any more.`, { currentStatus: tx.status });
    if (tx.version !== version) throw new PreconditionFailedError(tx.version);
    return tx;
  }

  /**
   * The date a transaction may not take effect before: the newest version's (changes apply in
   * order). An ending (cancellation, surrender) may come before an accepted renewal's next term that
   * has not started yet: the policy ends first, so that term never starts.
   */
  private async earliestDateOf(db: DbOrTrx, policyId: string, type: PolicyTransaction['type'], date: string): Promise<string> {
    const versions = await repo.versionsOf(db, policyId); // newest first
    const ending = type === 'cancellation' || type === 'surrender';
    return versions.find((v) => !(ending && v.transaction_type === 'renewal' && v.effective_from > date))!.effective_from;
  }

  /**
   * Within the policy year in force today and the term; not before the newest version's date (changes
   * apply in order); not more than 30 days back, and before today only with `policies:backdate`.
   */
  private checkEffectiveDate(actor: Actor, policy: PolicyRow, latestEffectiveFrom: string, date: string): void {
    const today = this.clock.businessDate();
    const field = (message: string) => new ValidationError([{ path: 'effectiveDate', message }], message);
    if (date < policy.start_date) throw field(`The policy starts on ${policy.start_date}.`);
    if (date > policy.end_date) throw field(`The policy ends on ${policy.end_date}.`);
    if (date < addDays(today, -MAX_BACKDATE_DAYS)) throw field(`A change can take effect at most ${MAX_BACKDATE_DAYS} days back (from ${addDays(today, -MAX_BACKDATE_DAYS)}).`);
    if (date < latestEffectiveFrom) throw field(`The current terms take effect on ${latestEffectiveFrom}: a change takes effect on or after that date.`);
    const thisYear = policyYearOf(policy.start_date, policy.end_date, today < policy.start_date ? policy.start_date : today > policy.end_date ? policy.end_date : today);
    if (date < thisYear.from || date >= thisYear.to) {
      throw field(`A change takes effect within the current policy year (${thisYear.from} to ${addDays(thisYear.to, -1)}); later ones are made at renewal.`);
    }
    if (date < today && !actor.permissions.has('policies:backdate')) {
      throw new ForbiddenError('BACKDATING_NOT_ALLOWED', 'Only a senior agent or a manager may make a change effective before today.');
    }
  }

  /**
   * Ends the policy — cancelled, or surrendered — with its history; billing settles (`policyEnded`:
   * nothing due from the date on is invoiced; unearned premium back as credit, or earned premium not
   * yet billed invoiced) and, for a surrender, pays the surrender value to the customer's credit
   * (within the approver's `surrender_amount` limit, never by whoever quoted it). The settlement is
   * worked out again here, on what billing holds now, and the transaction keeps those figures.
   */
  private async issueEnding(
    trx: Trx,
    actor: Actor,
    tx: repo.TransactionRow & { transaction_number: string },
    policy: PolicyRow,
    policyLock: { status: string; version: number; terms_version: number },
    now: Date,
  ) {
    const surrender = tx.type === 'surrender';
    const settled = surrender
      ? await this.quoteSurrender(trx, policy, tx.effective_date)
      : await this.quoteCancellation(trx, policy, tx.effective_date, { freeLook: true, requestedBy: tx.requested_by });
    const value = settled.quote.surrender?.surrenderValue ?? 0;
    if (surrender) {
      this.approvalLimits.assertFourEyes(actor, tx.created_by);
      await this.approvalLimits.assertWithinLimit(trx, actor, 'surrender_amount', value, policy.currency.trim());
    }
    const status = surrender ? 'surrendered' : 'cancelled';
    const reasonCode = surrender ? 'surrender' : (tx.changes as CancellationDetails).cancellationReason;
    await repo.applyTermsToPolicy(trx, tx.policy_id, { status, grace_since: null, grace_ends_on: null, version: policyLock.version + 1, updated_at: now });
    await policiesRepo.insertStatusHistory(trx, {
      policy_id: tx.policy_id,
      from_status: policyLock.status,
      to_status: status,
      reason: `${tx.transaction_number}: ${reasonCode.replaceAll('_', ' ')} from ${tx.effective_date}`,
      changed_by: actor.userId,
      changed_at: now,
    });
    const ended = await this.billing.policyEnded(trx, actor, {
      policyId: tx.policy_id,
      transactionId: tx.id,
      transactionNumber: tx.transaction_number,
      endDate: tx.effective_date,
      effectiveDate: tx.effective_date,
      premiumDelta: settled.quote.premiumDelta,
      description: `${surrender ? 'Surrender' : 'Cancellation'} of ${policy.policy_number} from ${tx.effective_date}${settled.quote.cancellation?.freeLook ? ' (free look: the whole premium)' : ''}`,
    });
    await this.renewals?.withdrawOpen(trx, tx.policy_id, {
      kind: surrender ? 'surrender' : 'cancellation',
      byInsurer: tx.requested_by === 'insurer',
      transactionNumber: tx.transaction_number,
      effectiveDate: tx.effective_date,
      changedBy: actor.userId,
    });
    const billingEffect = surrender
      ? await this.billing.surrenderValuePaid(trx, actor, {
          policyId: tx.policy_id,
          transactionId: tx.id,
          transactionNumber: tx.transaction_number,
          amount: value,
          settlement: ended,
        })
      : ended;
    await this.markIssued(trx, actor, tx, now, {
      resultTermsVersion: policyLock.terms_version,
      billingEffect,
      historyReason: surrender ? 'Policy surrendered' : 'Policy cancelled',
      before: { status: policyLock.status },
      after: { status },
      // The settlement as worked out now, on what billing holds at issue.
      columns: { worksheet: JSON.stringify(settled.quote), premium_delta: settled.quote.premiumDelta },
      metadata: surrender ? { type: 'surrender', surrenderValue: value } : { type: 'cancellation', cancellationReason: reasonCode },
    });
  }

  /**
   * What surrendering on `date` pays: the cash value from the version's table for the sum insured in
   * force that day, less the version's surrender charge for the policy year (basis points, half-even
   * to the cent); the premium for the year settles like a cancellation after the free-look period.
   * 409 POLICY_NO_CASH_VALUE for a product without a cash-value table.
   */
  private async quoteSurrender(db: DbOrTrx, policy: PolicyRow, date: string): Promise<Quoted> {
    const definition = await this.quotes.definitionOf(db, policy.product_version_id);
    const table = definition.cashValues;
    if (!table) throw conflict('POLICY_NO_CASH_VALUE', `${policy.product_name} builds no cash value: cancel it instead.`);
    const terms = (await repo.versionInForce(db, policy.id, date))!;
    const sumInsured = terms.coverages.find((c) => c.code === table.coverage)?.sumInsured ?? 0;
    const value = cashValueOn(table, sumInsured, policy.start_date, date);
    const chargeBasisPoints = definition.servicing?.surrenderChargeBasisPoints?.[value.policyYear - 1] ?? 0;
    const charge = basisPointsOf(value.amount, chargeBasisPoints);
    const settled = await this.quoteCancellation(db, policy, date, { freeLook: false, requestedBy: 'policyholder' });
    return {
      ...settled,
      quote: {
        ...settled.quote,
        surrender: {
          coverage: table.coverage,
          monthsInForce: value.monthsInForce,
          policyYear: value.policyYear,
          cashValue: value.amount,
          chargeBasisPoints,
          charge,
          surrenderValue: value.amount - charge,
        },
      },
    };
  }

  /**
   * What reinstating a lapsed policy on `date` needs: the window must still be open (409
   * REINSTATEMENT_WINDOW_CLOSED), the arrears (unpaid invoices, installments missed while lapsed, the
   * version's fee) worked out by billing. A lapse older than 90 days needs a health declaration and is
   * referred to an underwriter (the same referral as a change's).
   */
  private async quoteReinstatement(
    db: DbOrTrx,
    policy: PolicyRow,
    current: repo.PolicyVersionRow,
    date: string,
    declaration: ReinstatementDetails['healthDeclaration'],
  ): Promise<Quoted> {
    const lapse = await standingRepo.openLapse(db, policy.id);
    if (!lapse) throw conflict('POLICY_NOT_SERVICEABLE', 'This policy has no lapse on record to reinstate.', { currentStatus: policy.status });
    const rules = (await this.quotes.definitionOf(db, policy.product_version_id)).servicing;
    const windowEndsOn = reinstatableUntil(lapse.lapsed_on, reinstatementWindowDays(rules, policy.product_category));
    if (date > windowEndsOn) {
      throw conflict('REINSTATEMENT_WINDOW_CLOSED', `${policy.policy_number} lapsed on ${lapse.lapsed_on}; it could be reinstated until ${windowEndsOn}.`, {
        reinstatableUntil: windowEndsOn,
      });
    }
    const needsUnderwriting = reinstatementNeedsUnderwriting(lapse.lapsed_on, date);
    if (needsUnderwriting && !declaration) {
      throw new ValidationError(
        [{ path: 'healthDeclaration', message: `Lapsed more than ${REINSTATEMENT_UNDERWRITING_AFTER_DAYS} days ago: a fresh health declaration is needed` }],
        'A fresh health declaration is needed.',
      );
    }
    const arrears = await this.billing.arrearsOf(db, policy.id, date, rules?.reinstatementFee ?? 0);
    const reinstatement: ReinstatementQuote = { lapsedOn: lapse.lapsed_on, gapDays: daysBetween(lapse.lapsed_on, date), windowEndsOn, needsUnderwriting, arrears };
    const annual = Number(current.annual_premium);
    const year = policyYearOf(policy.start_date, policy.end_date, date > policy.end_date ? policy.end_date : date);
    return {
      newTerms: null,
      quote: {
        worksheet: [],
        oldAnnualPremium: annual,
        newAnnualPremium: annual,
        policyYear: { number: year.number, from: year.from, to: year.to, days: year.days },
        ...proRataChange(annual, annual, year, date),
        reinstatement,
      },
      rerated: false,
      referral: needsUnderwriting
        ? {
            medicalExams: [],
            referrals: [
              {
                code: 'REINSTATEMENT_AFTER_LONG_LAPSE',
                message: `Lapsed on ${lapse.lapsed_on}, ${reinstatement.gapDays} days ago: review the health declaration before cover resumes`,
              },
            ],
          }
        : null,
    };
  }

  /**
   * lapsed → active on the day it is issued: the window is checked again, billing resumes and raises
   * what fell due, the customer's credit pays it — and unless nothing due is left unpaid, 409
   * REINSTATEMENT_ARREARS_UNPAID undoes all of it (take the payment first). The policy continues its
   * original terms; the lapse is closed with its gap on record.
   */
  private async issueReinstatement(
    trx: Trx,
    actor: Actor,
    tx: repo.TransactionRow & { transaction_number: string },
    policy: PolicyRow,
    policyLock: { status: string; version: number; terms_version: number },
  ) {
    if (policyLock.status !== 'lapsed') {
      throw conflict('POLICY_NOT_SERVICEABLE', `Only a lapsed policy can be reinstated; this one is ${policyLock.status}.`, { currentStatus: policyLock.status });
    }
    const today = this.clock.businessDate();
    if (tx.effective_date !== today) throw conflict('POLICY_TRANSACTION_STALE', `This reinstatement was quoted for ${tx.effective_date}: quote it again today.`);
    const current = (await repo.versionInForce(trx, tx.policy_id))!;
    const settled = await this.quoteReinstatement(trx, policy, current, today, (tx.changes as ReinstatementDetails).healthDeclaration);
    const lapse = (await standingRepo.openLapse(trx, tx.policy_id))!;
    const effect = await this.billing.policyReinstated(trx, actor, {
      policyId: tx.policy_id,
      transactionId: tx.id,
      transactionNumber: tx.transaction_number,
      date: today,
      fee: settled.quote.reinstatement!.arrears.reinstatementFee,
    });
    if (effect.stillDue > 0) {
      throw conflict(
        'REINSTATEMENT_ARREARS_UNPAID',
        `${policy.policy_number} still has ${effect.stillDue} (minor units, ${policy.currency.trim()}) of arrears unpaid: take the payment, then reinstate.`,
        {
          amountDue: effect.stillDue,
          currency: policy.currency.trim(),
        },
      );
    }
    const { stillDue: _paid, ...billingEffect } = effect;
    const now = this.clock.now();
    await repo.applyTermsToPolicy(trx, tx.policy_id, { status: 'active', version: policyLock.version + 1, updated_at: now });
    await standingRepo.closeLapse(trx, lapse.id, today, tx.id);
    const gap = settled.quote.reinstatement!.gapDays;
    await policiesRepo.insertStatusHistory(trx, {
      policy_id: tx.policy_id,
      from_status: 'lapsed',
      to_status: 'active',
      reason: `${tx.transaction_number}: reinstated; no cover from ${lapse.lapsed_on} to ${addDays(today, -1)} (${gap} day(s))`,
      changed_by: actor.userId,
      changed_at: now,
    });
    await standingRepo.insertNoticeIfNew(trx, {
      policy_id: tx.policy_id,
      customer_id: policy.customer_id,
      branch_id: policy.branch_id,
      agent_id: policy.agent_id,
      kind: 'reinstated',
      period_key: lapse.lapsed_on,
      message: `${policy.policy_number} was reinstated on ${today} after a lapse from ${lapse.lapsed_on}`,
      created_at: now,
    });
    await this.markIssued(trx, actor, tx, now, {
      resultTermsVersion: policyLock.terms_version,
      billingEffect,
      historyReason: 'Policy reinstated',
      before: { status: 'lapsed' },
      after: { status: 'active' },
      columns: { worksheet: JSON.stringify(settled.quote) },
      metadata: { type: 'reinstatement', lapsedOn: lapse.lapsed_on, gapDays: gap },
    });
  }

  /**
   * Ends the policy on the death of its insured, from the day after (`effectiveDate`), inside the
   * caller's transaction (claims: the death claim's approval): a termination transaction issued at
   * once, billing settled like an insurer's cancellation (the premium for the days after the death
   * comes back as credit; no fee, no short rate), open renewals withdrawn, the policy `terminated`
   * with history and audit. A policy no longer active or in grace is left as it is (null).
   */
  async issueTermination(
    trx: Trx,
    actor: Actor,
    death: { policyId: string; dateOfDeath: string; claimId: string; claimNumber: string },
  ): Promise<{ transactionNumber: string } | null> {
    const policyLock = await repo.lockPolicy(trx, death.policyId);
    if (!policyLock || !IN_FORCE.includes(policyLock.status)) return null;
    const policy = (await policiesRepo.findPolicy(trx, death.policyId))!;
    const now = this.clock.now();
    const effectiveDate = addDays(death.dateOfDeath, 1);
    const settled = await this.quoteCancellation(trx, policy, effectiveDate, { freeLook: false, requestedBy: 'insurer' });
    const reason = `${death.claimNumber}: the insured died on ${death.dateOfDeath}`;
    const details: TerminationDetails = { cause: 'death', dateOfDeath: death.dateOfDeath, claimId: death.claimId, claimNumber: death.claimNumber };
    const tx = await repo.insertTransaction(trx, {
      policy_id: policy.id,
      branch_id: policyLock.branch_id,
      type: 'termination',
      status: 'quoted',
      effective_date: effectiveDate,
      requested_by: 'insurer',
      reason,
      changes: JSON.stringify(details),
      base_terms_version: policyLock.terms_version,
      new_terms: null,
      worksheet: JSON.stringify(settled.quote),
      old_annual_premium: settled.quote.oldAnnualPremium,
      new_annual_premium: 0,
      premium_delta: settled.quote.premiumDelta,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await repo.insertTransactionHistory(trx, { transaction_id: tx.id, from_status: null, to_status: 'quoted', reason, changed_by: actor.userId, changed_at: now });
    await repo.applyTermsToPolicy(trx, policy.id, { status: 'terminated', grace_since: null, grace_ends_on: null, version: policyLock.version + 1, updated_at: now });
    await policiesRepo.insertStatusHistory(trx, {
      policy_id: policy.id,
      from_status: policyLock.status,
      to_status: 'terminated',
      reason: `${tx.transaction_number}: ${reason}`,
      changed_by: actor.userId,
      changed_at: now,
    });
    const billingEffect = await this.billing.policyEnded(trx, actor, {
      policyId: policy.id,
      transactionId: tx.id,
      transactionNumber: tx.transaction_number,
      endDate: effectiveDate,
      effectiveDate,
      premiumDelta: settled.quote.premiumDelta,
      description: `Termination of ${policy.policy_number} on the death of the insured (${death.dateOfDeath})`,
    });
    await this.renewals?.withdrawOpen(trx, policy.id, { kind: 'termination', byInsurer: true, transactionNumber: tx.transaction_number, effectiveDate, changedBy: actor.userId });
    const row = (await repo.lockTransaction(trx, tx.id))!;
    await this.markIssued(trx, actor, { ...row, transaction_number: tx.transaction_number }, now, {
      resultTermsVersion: policyLock.terms_version,
      billingEffect,
      historyReason: 'Policy terminated on the death of the insured',
      before: { status: policyLock.status },
      after: { status: 'terminated' },
      metadata: { type: 'termination', cause: 'death', dateOfDeath: death.dateOfDeath, claimNumber: death.claimNumber },
    });
    return { transactionNumber: tx.transaction_number };
  }

  /**
   * grace → lapsed, effective the day after the last day of grace: a lapse transaction (issued at
   * once, by the daily job or a manager's review decision), billing stops (`policyLapsed`: the unpaid
   * invoices stay owed as arrears), the lapse on record. Runs in the caller's transaction with the
   * policy row locked.
   */
  async issueLapse(
    trx: Trx,
    actor: Actor | null,
    policy: { id: string; policyNumber: string; branchId: string; version: number; graceSince: string; graceEndsOn: string },
  ): Promise<void> {
    const now = this.clock.now();
    const lapsedOn = addDays(policy.graceEndsOn, 1);
    const current = (await repo.versionInForce(trx, policy.id))!;
    const annual = Number(current.annual_premium);
    const reason = `Premium due ${policy.graceSince} unpaid at the end of grace (${policy.graceEndsOn})`;
    const details: LapseDetails = { graceSince: policy.graceSince, graceEndedOn: policy.graceEndsOn };
    const tx = await repo.insertTransaction(trx, {
      policy_id: policy.id,
      branch_id: policy.branchId,
      type: 'lapse',
      status: 'quoted',
      effective_date: lapsedOn,
      requested_by: 'insurer',
      reason,
      changes: JSON.stringify(details),
      base_terms_version: current.version_number,
      new_terms: null,
      worksheet: null,
      old_annual_premium: annual,
      new_annual_premium: annual,
      premium_delta: 0,
      created_by: actor?.userId ?? null,
      created_at: now,
      updated_at: now,
    });
    await repo.insertTransactionHistory(trx, { transaction_id: tx.id, from_status: null, to_status: 'quoted', reason, changed_by: actor?.userId ?? null, changed_at: now });
    const billingEffect = await this.billing.policyLapsed(trx, { policyId: policy.id, transactionNumber: tx.transaction_number, lapseDate: lapsedOn });
    await standingRepo.setStanding(trx, policy.id, policy.version, { status: 'lapsed', grace_since: null, grace_ends_on: null }, now);
    await standingRepo.insertLapse(trx, { policy_id: policy.id, lapsed_on: lapsedOn, grace_since: policy.graceSince, lapse_transaction_id: tx.id });
    await this.renewals?.withdrawOpen(trx, policy.id, {
      kind: 'lapse',
      byInsurer: false,
      transactionNumber: tx.transaction_number,
      effectiveDate: lapsedOn,
      changedBy: actor?.userId ?? null,
    });
    await policiesRepo.insertStatusHistory(trx, {
      policy_id: policy.id,
      from_status: 'grace',
      to_status: 'lapsed',
      reason: `${tx.transaction_number}: lapsed from ${lapsedOn}`,
      changed_by: actor?.userId ?? null,
      changed_at: now,
    });
    const row = (await repo.lockTransaction(trx, tx.id))!;
    await this.markIssued(trx, actor, { ...row, transaction_number: tx.transaction_number }, now, {
      resultTermsVersion: current.version_number,
      billingEffect,
      historyReason: `Lapsed from ${lapsedOn}`,
      before: { status: 'grace' },
      after: { status: 'lapsed' },
      metadata: { type: 'lapse', lapsedOn },
    });
  }

  /** quoted → issued: the transaction's result and billing effect, its history and the audit entry (every type). */
  private async markIssued(
    trx: Trx,
    actor: Actor | null,
    tx: repo.TransactionRow & { transaction_number: string },
    now: Date,
    issued: {
      resultTermsVersion: number;
      billingEffect: PolicyBillingEffect;
      historyReason: string;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
      columns?: Record<string, unknown>;
      metadata?: Record<string, unknown>;
    },
  ): Promise<void> {
    await repo.updateTransaction(trx, tx.id, {
      ...issued.columns,
      status: 'issued',
      result_terms_version: issued.resultTermsVersion,
      billing_effect: JSON.stringify(issued.billingEffect),
      issued_by: actor?.userId ?? null,
      issued_at: now,
      version: tx.version + 1,
      updated_at: now,
    });
    await repo.insertTransactionHistory(trx, {
      transaction_id: tx.id,
      from_status: tx.status,
      to_status: 'issued',
      reason: issued.historyReason,
      changed_by: actor?.userId ?? null,
      changed_at: now,
    });
    await this.audit.record(trx, {
      actor,
      action: 'policy.transaction_issue',
      entity: { type: 'policy', id: tx.policy_id },
      branchId: tx.branch_id,
      before: issued.before,
      after: issued.after,
      metadata: {
        transactionId: tx.id,
        transactionNumber: tx.transaction_number,
        effectiveDate: tx.effective_date,
        billingEffect: issued.billingEffect.kind,
        amount: issued.billingEffect.amount,
        ...issued.metadata,
      },
    });
  }

  /**
   * What cancelling on `date` settles. In the free-look period (FREE_LOOK_DAYS from issue) the whole
   * premium billed is returned; after it, the premium billed for the policy year (installments
   * invoiced, plus earlier changes' invoices and credits) against the premium earned to the date —
   * pro rata by days under each version of the terms in force, so a year split by an endorsement is
   * earned piece by piece. Negative: returned as credit; positive: owed.
   */
  private async quoteCancellation(
    db: DbOrTrx,
    policy: PolicyRow,
    date: string,
    options: { freeLook: boolean; requestedBy: 'policyholder' | 'insurer' } = { freeLook: true, requestedBy: 'policyholder' },
  ): Promise<Quoted> {
    const year = policyYearOf(policy.start_date, policy.end_date, date);
    const rules = (await this.quotes.definitionOf(db, policy.product_version_id)).servicing;
    const freeLookEndsOn = addDays(this.clock.businessDate(policy.issued_at), rules?.freeLookDays ?? FREE_LOOK_DAYS);
    const freeLook = options.freeLook && date <= freeLookEndsOn;
    const versions = (await repo.versionsOf(db, policy.id)).sort((a, b) =>
      a.effective_from === b.effective_from ? a.version_number - b.version_number : a.effective_from < b.effective_from ? -1 : 1,
    );
    // The terms in force on the date (an accepted renewal's next term, not started, never will).
    const current = versions.filter((v) => v.effective_from <= date).at(-1)!;
    // After the free look: this policy year's premium, and whatever was invoiced ahead for the years after it (earned: nothing).
    const billed = freeLook
      ? (await this.billing.installmentsBilled(db, policy.id)) + (await repo.issuedPremiumDeltas(db, policy.id))
      : (await this.billing.installmentsBilled(db, policy.id, year.number)) + (await repo.issuedPremiumDeltas(db, policy.id, { from: year.from, to: year.to }));
    let earned = 0;
    if (!freeLook) {
      versions.forEach((v, i) => {
        const next = versions[i + 1]?.effective_from;
        const from = v.effective_from > year.from ? v.effective_from : year.from;
        const to = next !== undefined && next < date ? next : date;
        if (from < to) earned += premiumBetween(Number(v.annual_premium), year, from, to);
      });
    }
    const oldAnnual = Number(current.annual_premium);
    const unearned = premiumFrom(oldAnnual, year, date);
    // The customer who cancels after the free look pays the version's short-rate share of the unearned premium and its fee.
    const charged = !freeLook && options.requestedBy === 'policyholder' && options.freeLook;
    const shortRatePenalty = charged ? basisPointsOf(unearned, rules?.shortRatePenaltyBasisPoints ?? 0) : 0;
    const fee = charged ? (rules?.cancellationFee ?? 0) : 0;
    return {
      newTerms: null,
      quote: {
        worksheet: [],
        oldAnnualPremium: oldAnnual,
        newAnnualPremium: 0,
        policyYear: { number: year.number, from: year.from, to: year.to, days: year.days },
        daysRemaining: Math.max(0, daysBetween(date, year.to)),
        oldPremiumRemaining: unearned,
        newPremiumRemaining: 0,
        premiumDelta: earned + shortRatePenalty + fee - billed,
        cancellation: { freeLook, freeLookEndsOn, billed, earned, shortRatePenalty, fee },
      },
      rerated: false,
    };
  }

  /** The new terms and their price: re-rated on the policy's own version and inputs when the change affects the premium. */
  private async quoteChange(policy: PolicyRow, current: repo.PolicyVersionRow, body: EndorsementBody): Promise<Quoted> {
    const changes = body.changes;
    const currentTerms = termsOf(current);
    if (changes.beneficiaries) {
      const errors = beneficiaryErrors(changes.beneficiaries).map((e) => ({ ...e, path: `changes.${e.path}` }));
      if (errors.length) throw new ValidationError(errors, 'The beneficiaries do not add up.');
    }
    const affectsPremium = changes.coverages !== undefined || changes.paymentFrequency !== undefined || changes.smoker !== undefined || changes.region !== undefined;
    if (affectsPremium && policy.trip) {
      throw conflict('POLICY_NOT_SERVICEABLE', "A trip's cover and single premium are fixed: cancel it and quote the new trip instead.", { currentStatus: policy.status });
    }
    const inputs = current.rating_inputs;
    const newInputs: RatingInputs | null =
      inputs && (changes.smoker !== undefined || changes.region !== undefined)
        ? { ...inputs, applicant: { ...inputs.applicant, smoker: changes.smoker ?? inputs.applicant.smoker, region: changes.region ?? inputs.applicant.region } }
        : inputs;
    const coverages = changes.coverages ?? current.coverages;
    const frequency = changes.paymentFrequency ?? current.payment_frequency;
    const unchanged =
      JSON.stringify(coverages) === JSON.stringify(current.coverages) &&
      frequency === current.payment_frequency &&
      JSON.stringify(newInputs) === JSON.stringify(inputs) &&
      (changes.beneficiaries === undefined || JSON.stringify(changes.beneficiaries) === JSON.stringify(current.beneficiaries));
    if (unchanged) throw new ValidationError([{ path: 'changes', message: 'This is what the policy already says' }], 'Nothing would change.');

    const year = policyYearOf(policy.start_date, policy.end_date, body.effectiveDate);
    const policyYear = { number: year.number, from: year.from, to: year.to, days: year.days };
    const oldAnnual = Number(current.annual_premium);
    if (!affectsPremium) {
      return {
        newTerms: { ...currentTerms, beneficiaries: changes.beneficiaries ?? currentTerms.beneficiaries, ratingInputs: inputs },
        quote: { worksheet: [], oldAnnualPremium: oldAnnual, newAnnualPremium: oldAnnual, policyYear, ...proRataChange(oldAnnual, oldAnnual, year, body.effectiveDate) },
        rerated: false,
      };
    }
    if (!inputs || !newInputs) throw conflict('POLICY_NOT_REPRODUCIBLE', 'This policy has no rating inputs on file, so a change to its premium cannot be priced.');
    const extra = current.extra_premium_percent;
    const before = await this.quotes.priceOnVersion(this.db, policy.product_version_id, ratingRequest(inputs, current.coverages, current.payment_frequency), extra);
    // The current terms must price to the current premium to the cent, or a difference could not be trusted.
    if (!before.price || before.price.annualPremium !== oldAnnual) {
      throw conflict('POLICY_NOT_REPRODUCIBLE', 'The current terms no longer price to the current premium on this product version; a manager must review this policy.');
    }
    const after = await this.quotes.priceOnVersion(this.db, policy.product_version_id, ratingRequest(newInputs, coverages, frequency), extra);
    if (!after.price) throw conflict('POLICY_TRANSACTION_NOT_ELIGIBLE', 'The product does not allow this change.', { reasons: after.reasons });
    const newExams = after.requirements!.medicalExams.filter((e) => !before.requirements!.medicalExams.some((b) => b.exam === e.exam));
    const newReferrals = after.requirements!.referrals.filter((r) => !before.requirements!.referrals.some((b) => b.code === r.code));
    const referral = newExams.length || newReferrals.length ? { medicalExams: newExams, referrals: newReferrals } : null;
    const newAnnual = after.price.annualPremium;
    return {
      newTerms: {
        coverages,
        sumInsured: coverages.reduce((sum, c) => sum + c.sumInsured, 0),
        annualPremium: newAnnual,
        paymentFrequency: frequency,
        installments: after.price.installments,
        smoker: newInputs.applicant.smoker,
        region: newInputs.applicant.region,
        beneficiaries: changes.beneficiaries ?? currentTerms.beneficiaries,
        ratingInputs: newInputs,
      },
      quote: {
        worksheet: after.price.worksheet,
        oldAnnualPremium: oldAnnual,
        newAnnualPremium: newAnnual,
        policyYear,
        ...proRataChange(oldAnnual, newAnnual, year, body.effectiveDate),
      },
      rerated: true,
      referral,
    };
  }
}
