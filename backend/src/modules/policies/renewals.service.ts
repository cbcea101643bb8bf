// Renewals: a daily job prepares each renewal 60 days (or, if it missed that day, 30 or 7) before the
// renewal date as a quoted policy transaction of type `renewal` — re-priced at the insured's new age
// on the product version in force on the renewal date, beside the old premium. An agent accepts it on
// the customer's instruction (`POST /api/policy-transactions/{id}/issue`) or declines it with a reason
// code; on the renewal date the job renews it by itself when the version says so and the premium rises
// less than RENEWAL_AUTO_MAX_INCREASE_PERCENT. Accepting makes the next term: a new version of the
// terms from the renewal date, the end date moved, billing's plan and schedule for the new year and
// the schedule PDF. A policy not renewed expires the day after its end date.
import type {
  DeclineRenewalBody,
  PoliciesErrorCode,
  PolicyBillingEffect,
  PolicyTerms,
  PolicyTransaction,
  PolicyTransactionQuote,
  RenewalDetails,
  RenewalItem,
  RenewalListQuery,
  RenewalRate,
  RenewalRateQuery,
} from '../../contracts/policies';
import type { Page } from '../../contracts/common';
import type { Db, DbOrTrx, Trx } from '../../db';
import { withTransaction } from '../../db';
import type { Actor } from '../../platform/actor';
import { addDays, addMonthsClamped, daysBetween } from '../../platform/calendar';
import type { Clock } from '../../platform/clock';
import { ConflictError, PreconditionFailedError } from '../../platform/errors';
import { visibleOr404 } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { BillingHooks } from '../billing/billing-policies';
import type { QuoteBook } from '../products/quote-book';
import * as policiesRepo from './policies.repository';
import type { PolicySchedules } from './policy-schedules.service';
import { nextVersionRow, ratingRequest, termsColumns, type RatingInputs } from './policy-terms';
import * as txRepo from './policy-transactions.repository';
import type { PolicyMessages } from './policy-messages';
import type { PolicyTasks } from './policy-tasks';
import type { PolicyEnding, PolicyTransactionsService } from './policy-transactions.service';
import { policyYearOf } from './pro-rata';
import { ageAtRenewal, autoRenews, changePercent, newTermEnd, noticeStage, renewalBlock, renewalDateOf, renewalSettingsOf, RENEWAL_NOTICE_DAYS } from './renewal-terms';
import * as repo from './renewals.repository';

export const PREPARE_RENEWALS_JOB = 'policies.prepare-renewals';
const BATCH = 200;

type PolicyRow = NonNullable<Awaited<ReturnType<typeof policiesRepo.findPolicy>>>;
type LockedTransaction = txRepo.TransactionRow & { transaction_number: string };

/** What the daily job did. */
export interface RenewalRun {
  offered: number;
  notOffered: number;
  repriced: number;
  autoRenewed: number;
  expired: number;
}

interface Priced {
  status: 'quoted' | 'discarded';
  details: RenewalDetails;
  newTerms: (PolicyTerms & { ratingInputs: RatingInputs | null }) | null;
  quote: PolicyTransactionQuote | null;
  oldAnnualPremium: number;
  newAnnualPremium: number | null;
  /** Why it is not offered (the insurer's non-renewal), when status is discarded. */
  note: string | null;
}

type NonRenewal = NonNullable<RenewalDetails['nonRenewal']>;

const conflict = (code: PoliciesErrorCode, detail: string, extras?: Record<string, unknown>) => new ConflictError(code, detail, extras);

export class RenewalsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly quotes: QuoteBook,
    private readonly billing: BillingHooks,
    private readonly schedules: PolicySchedules,
    private readonly transactions: PolicyTransactionsService,
    /** A renewal happens by itself only when the premium rises by less than this (percent). */
    private readonly autoMaxIncreasePercent: number,
    private readonly tasks: PolicyTasks,
    private readonly messages: PolicyMessages,
  ) {}

  /**
   * The daily job (idempotent: one renewal per policy and renewal date, whatever its status, so a
   * second run or a run after days of downtime offers nothing twice):
   * 1. prepares the renewals whose date is at most 60 days away (a missed 60-day run is caught up at
   *    30 or 7 days, or on any day in between) and re-prices open ones whose terms changed since;
   * 2. renews by themselves those whose date has come, when the version allows and the rise is small;
   * 3. expires the policies whose term ended yesterday or before (their open renewals declined, no response).
   */
  async run(today: string = this.clock.businessDate()): Promise<RenewalRun> {
    const result: RenewalRun = { offered: 0, notOffered: 0, repriced: 0, autoRenewed: 0, expired: 0 };
    let after: string | null = null;
    for (;;) {
      const batch = await repo.policiesDueForRenewal(this.db, today, addDays(today, RENEWAL_NOTICE_DAYS[0]), after, BATCH);
      if (!batch.length) break;
      after = batch.at(-1)!.id;
      for (const { id } of batch) {
        const outcome = await this.prepare(id, today);
        if (outcome === 'quoted') result.offered++;
        else if (outcome === 'discarded') result.notOffered++;
      }
    }
    for (const stale of await repo.staleOpenRenewals(this.db)) if (await this.reprice(stale.id, today)) result.repriced++;
    for (const due of await repo.renewalsDueOn(this.db, today)) if (await this.autoRenew(due.id)) result.autoRenewed++;
    for (const ended of await repo.policiesEndedBefore(this.db, today)) if (await this.expire(ended.id, today)) result.expired++;
    return result;
  }

  /** Prepares the renewal of one policy (under its lock; nothing when one exists or it does not renew). */
  private async prepare(policyId: string, today: string): Promise<'quoted' | 'discarded' | null> {
    return withTransaction(this.db, async (trx) => {
      const lock = await txRepo.lockPolicy(trx, policyId);
      const policy = (await policiesRepo.findPolicy(trx, policyId))!;
      if (!lock || lock.status !== 'active') return null;
      const renewalDate = renewalDateOf(policy.end_date);
      const notice = noticeStage(today, renewalDate);
      if (notice === null || (await repo.renewalOn(trx, policyId, renewalDate))) return null;
      const priced = await this.price(trx, policy, lock.terms_version, renewalDate, notice);
      if (!priced) return null;
      const now = this.clock.now();
      const tx = await txRepo.insertTransaction(trx, {
        policy_id: policyId,
        branch_id: policy.branch_id,
        type: 'renewal',
        status: priced.status,
        effective_date: renewalDate,
        requested_by: 'insurer',
        reason: `Renewal from ${renewalDate}, prepared ${notice} days before`,
        changes: JSON.stringify(priced.details),
        base_terms_version: lock.terms_version,
        new_terms: priced.status === 'quoted' ? JSON.stringify(priced.newTerms) : null,
        worksheet: priced.quote ? JSON.stringify(priced.quote) : null,
        old_annual_premium: priced.oldAnnualPremium,
        new_annual_premium: priced.newAnnualPremium,
        premium_delta: priced.quote ? 0 : null,
        created_by: policy.agent_id,
        created_at: now,
        updated_at: now,
      });
      await txRepo.insertTransactionHistory(trx, {
        transaction_id: tx.id,
        from_status: null,
        to_status: 'draft',
        reason: 'Renewal prepared',
        changed_by: policy.agent_id,
        changed_at: now,
      });
      await txRepo.insertTransactionHistory(trx, {
        transaction_id: tx.id,
        from_status: 'draft',
        to_status: priced.status,
        reason: priced.status === 'quoted' ? `Offered at ${priced.quote!.renewal!.changePercent}%` : `Not offered: ${priced.note}`,
        changed_by: policy.agent_id,
        changed_at: now,
      });
      await this.audit.record(trx, {
        actor: null,
        action: 'policy.renewal_offer',
        entity: { type: 'policy', id: policyId },
        branchId: policy.branch_id,
        metadata: {
          job: PREPARE_RENEWALS_JOB,
          transactionId: tx.id,
          transactionNumber: tx.transaction_number,
          renewalDate,
          noticeDays: notice,
          offered: priced.status === 'quoted',
          oldAnnualPremium: priced.oldAnnualPremium,
          newAnnualPremium: priced.newAnnualPremium,
          ...(priced.note ? { reason: priced.note } : {}),
        },
      });
      if (priced.status === 'quoted') {
        await this.tasks.renewalOffered(
          trx,
          { id: policyId, policyNumber: policy.policy_number, customerId: policy.customer_id, branchId: policy.branch_id, agentId: policy.agent_id },
          { transactionId: tx.id, transactionNumber: tx.transaction_number, renewalDate, changePercent: priced.quote!.renewal!.changePercent },
          today,
        );
        await this.messages.renewalOffered(
          trx,
          { id: policyId, policyNumber: policy.policy_number, customerId: policy.customer_id },
          { renewalDate, annualPremium: priced.newAnnualPremium!, currency: policy.currency.trim() },
        );
      }
      return priced.status;
    });
  }

  /**
   * Prices the renewal: the insured's age on the renewal date (the entry age at issue plus the whole
   * years since the start) on the product version in force that day, the current coverages, frequency
   * and rating inputs. null: the product (version) does not renew. Discarded: the insurer cannot offer it
   * (no version in force, no rating inputs, not eligible any more) — a non-renewal with its reason.
   */
  private async price(db: DbOrTrx, policy: PolicyRow, termsVersion: number, renewalDate: string, notice: number): Promise<Priced | null> {
    const current = (await txRepo.findVersion(db, policy.id, termsVersion))!;
    const first = (await txRepo.findVersion(db, policy.id, 1))!;
    const oldAnnual = Number(current.annual_premium);
    const version = await this.quotes.versionInForceOn(db, policy.product_id, renewalDate);
    const inputs = current.rating_inputs;
    const termYears = inputs?.termYears || policy.term_years || 1;
    const newEndDate = newTermEnd(renewalDate, termYears);
    const details = (productVersionId: string, nonRenewal: RenewalDetails['nonRenewal']): RenewalDetails => ({ renewalDate, newEndDate, productVersionId, nonRenewal });
    const notOffered = (productVersionId: string, reasonCode: 'product_withdrawn' | 'not_eligible', note: string): Priced => ({
      status: 'discarded',
      details: details(productVersionId, { requestedBy: 'insurer', reasonCode, note }),
      newTerms: null,
      quote: null,
      oldAnnualPremium: oldAnnual,
      newAnnualPremium: null,
      note,
    });
    if (!version) return notOffered(policy.product_version_id, 'product_withdrawn', `No version of ${policy.product_name} is in force on ${renewalDate}`);
    const settings = renewalSettingsOf(policy.product_category, version.definition);
    if (renewalBlock(policy, settings)) return null;
    if (!inputs) return notOffered(version.id, 'not_eligible', 'The policy has no rating inputs on file to price the renewal');

    const oldAge = inputs.applicant.entryAge;
    const newAge = ageAtRenewal((first.rating_inputs ?? inputs).applicant.entryAge, policy.start_date, renewalDate);
    const newInputs: RatingInputs = { ...inputs, applicant: { ...inputs.applicant, entryAge: newAge } };
    const extra = current.extra_premium_percent;
    const before = await this.quotes.priceOnVersion(db, policy.product_version_id, ratingRequest(inputs, current.coverages, current.payment_frequency), extra);
    const after = await this.quotes.priceOnVersion(db, version.id, ratingRequest(newInputs, current.coverages, current.payment_frequency), extra);
    if (!after.price) return notOffered(version.id, 'not_eligible', after.reasons.map((r) => r.message).join('; '));
    const newAnnual = after.price.annualPremium;
    const year = policyYearOf(policy.start_date, newEndDate, renewalDate);
    return {
      status: 'quoted',
      details: details(version.id, null),
      newTerms: {
        coverages: current.coverages,
        sumInsured: Number(current.sum_insured),
        annualPremium: newAnnual,
        paymentFrequency: current.payment_frequency,
        installments: after.price.installments,
        smoker: newInputs.applicant.smoker,
        region: newInputs.applicant.region,
        beneficiaries: current.beneficiaries,
        ratingInputs: newInputs,
      },
      quote: {
        worksheet: after.price.worksheet,
        oldAnnualPremium: oldAnnual,
        newAnnualPremium: newAnnual,
        policyYear: { number: year.number, from: year.from, to: year.to, days: year.days },
        daysRemaining: daysBetween(renewalDate, year.to),
        // Nothing is pro-rated: the new term is billed by its own installments.
        oldPremiumRemaining: 0,
        newPremiumRemaining: 0,
        premiumDelta: 0,
        renewal: {
          renewalDate,
          newEndDate,
          noticeDays: notice,
          oldAge,
          newAge,
          oldProductVersion: { id: policy.product_version_id, versionNumber: policy.version_number },
          newProductVersion: { id: version.id, versionNumber: version.versionNumber },
          oldWorksheet: before.price && before.price.annualPremium === oldAnnual ? before.price.worksheet : null,
          changePercent: changePercent(oldAnnual, newAnnual),
          autoRenew: {
            productAllows: settings.autoRenew,
            maxIncreasePercent: this.autoMaxIncreasePercent,
            applies: autoRenews(settings, oldAnnual, newAnnual, this.autoMaxIncreasePercent),
          },
        },
      },
      oldAnnualPremium: oldAnnual,
      newAnnualPremium: newAnnual,
      note: null,
    };
  }

  /** An open renewal quoted on terms that changed since (an endorsement): priced again on the current terms, in place. */
  private async reprice(id: string, today: string): Promise<boolean> {
    return withTransaction(this.db, async (trx) => {
      const tx = await txRepo.lockTransaction(trx, id);
      const lock = tx && (await txRepo.lockPolicy(trx, tx.policy_id));
      if (!tx || !lock || tx.status !== 'quoted' || lock.status !== 'active' || tx.base_terms_version === lock.terms_version) return false;
      const policy = (await policiesRepo.findPolicy(trx, tx.policy_id))!;
      if (renewalDateOf(policy.end_date) !== tx.effective_date) return false;
      const priced = await this.price(trx, policy, lock.terms_version, tx.effective_date, Math.max(0, noticeStage(today, tx.effective_date) ?? 0));
      if (!priced || priced.status !== 'quoted') return false;
      const now = this.clock.now();
      await txRepo.updateTransaction(trx, id, {
        base_terms_version: lock.terms_version,
        changes: JSON.stringify(priced.details),
        new_terms: JSON.stringify(priced.newTerms),
        worksheet: JSON.stringify(priced.quote),
        old_annual_premium: priced.oldAnnualPremium,
        new_annual_premium: priced.newAnnualPremium,
        version: tx.version + 1,
        updated_at: now,
      });
      await txRepo.insertTransactionHistory(trx, {
        transaction_id: id,
        from_status: 'quoted',
        to_status: 'quoted',
        reason: `Priced again on version ${lock.terms_version} of the terms`,
        changed_by: policy.agent_id,
        changed_at: now,
      });
      return true;
    });
  }

  /** On the renewal date: renewed by the job when the version allows and the premium rises less than the limit. */
  private async autoRenew(id: string): Promise<boolean> {
    return withTransaction(this.db, async (trx) => {
      const tx = (await txRepo.lockTransaction(trx, id)) as LockedTransaction | undefined;
      if (!tx || tx.status !== 'quoted') return false;
      const policy = (await policiesRepo.findPolicy(trx, tx.policy_id))!;
      // The version the renewal was priced on decides (a version published since does not undo the offer).
      const definition = await this.quotes.definitionOf(trx, (tx.changes as RenewalDetails).productVersionId);
      const settings = renewalSettingsOf(policy.product_category, definition);
      if (!autoRenews(settings, Number(tx.old_annual_premium), Number(tx.new_annual_premium), this.autoMaxIncreasePercent)) return false;
      try {
        await this.acceptLocked(trx, null, tx, policy.agent_id);
      } catch (e) {
        // Stale or no longer serviceable: left for the agent (or the expiry).
        if (e instanceof ConflictError) return false;
        throw e;
      }
      return true;
    });
  }

  /** The day after the end date, a policy that was not renewed expires; its open renewal is declined (no response). */
  private async expire(policyId: string, today: string): Promise<boolean> {
    return withTransaction(this.db, async (trx) => {
      const lock = await txRepo.lockPolicy(trx, policyId);
      const policy = (await policiesRepo.findPolicy(trx, policyId))!;
      if (!lock || lock.status !== 'active' || policy.end_date >= today) return false;
      const now = this.clock.now();
      const declined = await this.discardOpen(trx, policyId, {
        nonRenewal: { requestedBy: 'policyholder', reasonCode: 'no_response', note: 'Not accepted by the renewal date' },
        reason: 'Not renewed: no response by the renewal date',
        changedBy: policy.agent_id,
        now,
      });
      await txRepo.applyTermsToPolicy(trx, policyId, { status: 'expired', version: lock.version + 1, updated_at: now });
      await policiesRepo.insertStatusHistory(trx, {
        policy_id: policyId,
        from_status: 'active',
        to_status: 'expired',
        reason: `The term ended on ${policy.end_date}${declined.length ? ` (renewal ${declined.join(', ')} not accepted)` : ''}`,
        changed_by: policy.agent_id,
        changed_at: now,
      });
      await this.audit.record(trx, {
        actor: null,
        action: 'policy.expire',
        entity: { type: 'policy', id: policyId },
        branchId: policy.branch_id,
        before: { status: 'active' },
        after: { status: 'expired' },
        metadata: { job: PREPARE_RENEWALS_JOB, endDate: policy.end_date, declinedRenewals: declined },
      });
      return true;
    });
  }

  /**
   * The policy ended before its renewal date (cancelled, surrendered, lapsed): its open renewal is
   * withdrawn — a non-renewal with the ending's reason — and the agent's task closed, in the caller's
   * transaction. The transaction numbers withdrawn.
   */
  withdrawOpen(trx: Trx, policyId: string, ending: PolicyEnding): Promise<string[]> {
    const what = { lapse: 'lapsed', surrender: 'surrendered', cancellation: 'cancelled', termination: 'terminated on the death of the insured' }[ending.kind];
    const note = `The policy ${what} from ${ending.effectiveDate} (${ending.transactionNumber})`;
    const nonRenewal: NonRenewal =
      ending.kind === 'lapse'
        ? { requestedBy: 'policyholder', reasonCode: 'no_response', note }
        : ending.kind === 'termination'
          ? { requestedBy: 'insurer', reasonCode: 'not_eligible', note }
          : ending.byInsurer
            ? { requestedBy: 'insurer', reasonCode: 'underwriting', note }
            : { requestedBy: 'policyholder', reasonCode: 'no_longer_needed', note };
    return this.discardOpen(trx, policyId, {
      nonRenewal,
      reason: `Withdrawn: ${note.charAt(0).toLowerCase()}${note.slice(1)}`,
      changedBy: ending.changedBy,
      now: this.clock.now(),
    });
  }

  /** Discards the policy's open renewals as non-renewals (history, the agent's task closed); their numbers. */
  private async discardOpen(trx: Trx, policyId: string, how: { nonRenewal: NonRenewal; reason: string; changedBy: string | null; now: Date }): Promise<string[]> {
    const declined: string[] = [];
    for (const open of await repo.lockOpenRenewals(trx, policyId)) {
      await txRepo.updateTransaction(trx, open.id, {
        status: 'discarded',
        changes: JSON.stringify({ ...open.changes, nonRenewal: how.nonRenewal }),
        version: open.version + 1,
        updated_at: how.now,
      });
      await txRepo.insertTransactionHistory(trx, {
        transaction_id: open.id,
        from_status: open.status,
        to_status: 'discarded',
        reason: how.reason,
        changed_by: how.changedBy,
        changed_at: how.now,
      });
      await this.tasks.renewalDecided(trx, open.id, how.reason);
      declined.push(open.transaction_number);
    }
    return declined;
  }

  /**
   * Accepts a locked, open renewal (from issuing it, or from the job with `actor` null acting for the
   * policy's agent): the next term — a new version of the terms from the renewal date with the new
   * premium and product version, the end date moved, billing's plan and the new year's installments,
   * the schedule PDF of the new version — with history and audit, in the caller's transaction.
   */
  async acceptLocked(trx: Trx, actor: Actor | null, tx: LockedTransaction, agentId?: string): Promise<void> {
    if (tx.status === 'draft') throw conflict('POLICY_TRANSACTION_REFERRED', 'This renewal is not offered yet.');
    const lock = (await txRepo.lockPolicy(trx, tx.policy_id))!;
    const policy = (await policiesRepo.findPolicy(trx, tx.policy_id))!;
    if (lock.status !== 'active') throw conflict('POLICY_NOT_SERVICEABLE', `A ${lock.status} policy cannot be renewed.`, { currentStatus: lock.status });
    if (lock.terms_version !== tx.base_terms_version) {
      throw conflict('POLICY_TRANSACTION_STALE', `The policy changed after this renewal was priced (now version ${lock.terms_version}): it is priced again tonight.`, {
        baseTermsVersion: tx.base_terms_version,
        currentTermsVersion: lock.terms_version,
      });
    }
    if (renewalDateOf(policy.end_date) !== tx.effective_date) {
      throw conflict('POLICY_TRANSACTION_STALE', `The policy now ends on ${policy.end_date}: this renewal from ${tx.effective_date} no longer fits.`);
    }
    const details = tx.changes as RenewalDetails;
    const terms = tx.new_terms!;
    const current = (await txRepo.findVersion(trx, tx.policy_id, lock.terms_version))!;
    const by = actor ?? this.jobActor(agentId ?? policy.agent_id, policy.branch_id);
    const now = this.clock.now();
    const resultVersion = lock.terms_version + 1;
    await txRepo.insertVersion(
      trx,
      nextVersionRow(current, { versionNumber: resultVersion, effectiveFrom: tx.effective_date, transactionId: tx.id, terms, createdBy: by.userId, createdAt: now }),
    );
    await txRepo.applyTermsToPolicy(trx, tx.policy_id, {
      ...termsColumns(terms),
      terms_version: resultVersion,
      end_date: details.newEndDate,
      product_version_id: details.productVersionId,
      version: lock.version + 1,
      updated_at: now,
    });
    const billingEffect: PolicyBillingEffect = await this.billing.policyRenewed(trx, by, {
      policyId: tx.policy_id,
      transactionNumber: tx.transaction_number,
      renewalDate: tx.effective_date,
      newEndDate: details.newEndDate,
      productVersionId: details.productVersionId,
      annualPremium: terms.annualPremium,
      paymentFrequency: terms.paymentFrequency,
      installments: terms.installments,
    });
    await this.schedules.issue(trx, by, {
      policyId: tx.policy_id,
      version: resultVersion,
      reason: `${tx.transaction_number}: renewal from ${tx.effective_date}`,
      effectiveDate: tx.effective_date,
    });
    await txRepo.updateTransaction(trx, tx.id, {
      status: 'issued',
      result_terms_version: resultVersion,
      billing_effect: JSON.stringify(billingEffect),
      issued_by: by.userId,
      issued_at: now,
      version: tx.version + 1,
      updated_at: now,
    });
    await txRepo.insertTransactionHistory(trx, {
      transaction_id: tx.id,
      from_status: 'quoted',
      to_status: 'issued',
      reason: `Renewed${actor ? '' : ' automatically on the renewal date'}: version ${resultVersion} of the terms, to ${details.newEndDate}`,
      changed_by: by.userId,
      changed_at: now,
    });
    await this.tasks.renewalDecided(trx, tx.id, `Renewed${actor ? '' : ' automatically'} to ${details.newEndDate}`);
    await this.audit.record(trx, {
      actor,
      action: 'policy.transaction_issue',
      entity: { type: 'policy', id: tx.policy_id },
      branchId: tx.branch_id,
      before: { termsVersion: lock.terms_version, annualPremium: Number(current.annual_premium), endDate: policy.end_date },
      after: { termsVersion: resultVersion, annualPremium: terms.annualPremium, endDate: details.newEndDate },
      metadata: {
        type: 'renewal',
        automatic: actor === null,
        ...(actor ? {} : { job: PREPARE_RENEWALS_JOB }),
        transactionId: tx.id,
        transactionNumber: tx.transaction_number,
        effectiveDate: tx.effective_date,
        billingEffect: billingEffect.kind,
        amount: 0,
      },
    });
  }

  /**
   * The customer's or the insurer's non-renewal: the open renewal is discarded with its reason code
   * (If-Match); the policy runs to its end date and the job expires it the day after.
   */
  async decline(actor: Actor, id: string, version: number, body: DeclineRenewalBody): Promise<PolicyTransaction> {
    await withTransaction(this.db, async (trx) => {
      const tx = visibleOr404(actor, await txRepo.lockTransaction(trx, id), 'policy transaction');
      if (tx.type !== 'renewal')
        throw conflict('POLICY_TRANSACTION_NOT_RENEWAL', `This is a${tx.type === 'endorsement' ? 'n' : ''} ${tx.type}, not a renewal: discard it instead.`);
      if (tx.status !== 'quoted' && tx.status !== 'draft')
        throw conflict('POLICY_TRANSACTION_NOT_OPEN', `This renewal is ${tx.status}: it cannot change any more.`, { currentStatus: tx.status });
      if (tx.version !== version) throw new PreconditionFailedError(tx.version);
      const now = this.clock.now();
      const nonRenewal = { requestedBy: body.requestedBy, reasonCode: body.reasonCode, note: body.note ?? null };
      await txRepo.updateTransaction(trx, id, {
        status: 'discarded',
        changes: JSON.stringify({ ...(tx.changes as RenewalDetails), nonRenewal }),
        version: tx.version + 1,
        updated_at: now,
      });
      await txRepo.insertTransactionHistory(trx, {
        transaction_id: id,
        from_status: tx.status,
        to_status: 'discarded',
        reason: `Not renewed (${body.requestedBy === 'insurer' ? 'the insurer' : 'the customer'}): ${body.reasonCode.replaceAll('_', ' ')}${body.note ? ` — ${body.note}` : ''}`,
        changed_by: actor.userId,
        changed_at: now,
      });
      await this.audit.record(trx, {
        actor,
        action: 'policy.renewal_decline',
        entity: { type: 'policy', id: tx.policy_id },
        branchId: tx.branch_id,
        metadata: { transactionId: id, transactionNumber: tx.transaction_number, requestedBy: body.requestedBy, reasonCode: body.reasonCode, renewalDate: tx.effective_date },
      });
      await this.tasks.renewalDecided(trx, id, `Not renewed (${body.requestedBy === 'insurer' ? 'the insurer' : 'the customer'}): ${body.reasonCode.replaceAll('_', ' ')}`);
    });
    return this.transactions.get(actor, id);
  }

  /** The renewal worklist: renewals due within `dueWithin` days, soonest first, in the caller's branches. */
  async worklist(actor: Actor, query: RenewalListQuery): Promise<Page<RenewalItem>> {
    const page = await repo.renewalPage(this.db, actor, this.clock.businessDate(), query);
    return {
      nextCursor: page.nextCursor,
      items: page.items.map((r) => {
        const oldPremium = Number(r.old_annual_premium ?? 0);
        const newPremium = r.new_annual_premium === null ? null : Number(r.new_annual_premium);
        return {
          transactionId: r.id,
          transactionNumber: r.transaction_number,
          version: r.version,
          status: r.status === 'issued' ? 'accepted' : r.status === 'discarded' ? 'declined' : 'offered',
          renewalDate: r.effective_date,
          policy: { id: r.policy_id, policyNumber: r.policy_number, productName: r.product_name, endDate: r.end_date },
          customer: { id: r.customer_id, customerNumber: r.customer_number, name: `${r.first_name} ${r.last_name}` },
          agent: { id: r.agent_id, name: r.agent_name },
          branchId: r.branch_id,
          currency: r.currency.trim(),
          oldAnnualPremium: oldPremium,
          newAnnualPremium: newPremium,
          changePercent: newPremium === null ? null : changePercent(oldPremium, newPremium),
          nonRenewalReason: (r.changes.nonRenewal?.reasonCode as RenewalItem['nonRenewalReason']) ?? null,
        };
      }),
    };
  }

  /** The renewal rate by month of the renewal date (the KPI): renewed ÷ due, every month of the range. */
  async rate(actor: Actor, query: RenewalRateQuery): Promise<RenewalRate> {
    const from = `${query.from}-01`;
    const toExclusive = addMonthsClamped(`${query.to}-01`, 1);
    const rows = new Map((await repo.renewalsByMonth(this.db, actor, from, toExclusive)).map((r) => [r.month, r]));
    const months: RenewalRate['months'] = [];
    for (let m = from; m < toExclusive; m = addMonthsClamped(m, 1)) {
      const r = rows.get(m.slice(0, 7));
      const due = Number(r?.due ?? 0);
      const renewed = Number(r?.renewed ?? 0);
      months.push({ month: m.slice(0, 7), due, renewed, declined: Number(r?.declined ?? 0), open: Number(r?.open ?? 0), rate: due ? ratio(renewed, due) : null });
    }
    return { months };
  }

  /** The job acts for the policy's agent where a user must be named (versions, history, the schedule's document); its audit entries have no actor. */
  private jobActor(userId: string, branchId: string): Actor {
    return { userId, role: 'agent', branchId, branchIds: [branchId], permissions: new Set(), mustChangePassword: false, sessionId: PREPARE_RENEWALS_JOB };
  }
}

/** renewed ÷ due to 4 decimals, half up ("0.8333"). */
export function ratio(renewed: number, due: number): string {
  const scaled = Math.floor((renewed * 20_000 + due) / (2 * due));
  return `${Math.floor(scaled / 10_000)}.${String(scaled % 10_000).padStart(4, '0')}`;
}
