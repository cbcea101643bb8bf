// Billing's side of policy issuance: its own record of the issued policy (premium, frequency, dates,
// payment method) and its first policy year's installments, written in the issuance transaction so a
// failure here undoes the issuance.
import type { ClearingMethod } from '../../contracts/billing';
import type { PaymentMethod } from '../../contracts/orders';
import type { PolicyArrears, PolicyBillingEffect } from '../../contracts/policies';
import type { LateFeeRule, PaymentFrequency } from '../../contracts/products';
import type { DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { addDays } from '../../platform/calendar';
import type { Clock } from '../../platform/clock';
import { formatAmount } from '../products/rating/rate-quote';
import { POSTING_SCHEME, type AccountRef } from './chart-of-accounts';
import * as collectibleRepo from './collectible-invoices.repository';
import { policyYearStart } from './installment-schedule';
import type { InvoiceService } from './invoices.service';
import * as invoicesRepo from './invoices.repository';
import { installmentsOfPolicy } from './invoices.repository';
import * as repo from './ledger.repository';
import * as paymentsRepo from './payments.repository';
import * as writingsRepo from './premium-writings.repository';
import type { LedgerService } from './ledger.service';
import type { PayoutImporter } from './payment-webhooks.service';
import { ensureSchedule, installmentRows, policyYearOn } from './schedule.service';

/** An invoice as collections reads it (status, open amount, policy, product version). */
export type CollectibleInvoice = collectibleRepo.CollectibleInvoice;

/** What billing needs to know about a policy when it is issued. */
export interface IssuedPolicy {
  policyId: string;
  policyNumber: string;
  customerId: string;
  branchId: string;
  productVersionId: string;
  currency: string;
  annualPremium: number;
  paymentFrequency: PaymentFrequency;
  /** Installments per year: the first carries the rounding remainder. */
  installments: { count: number; amount: number; firstAmount: number };
  startDate: string;
  endDate: string;
  paymentMethod: PaymentMethod | null;
  /** The product version's late-fee rule (none when the version has none): billing's copy, fixed for the policy's life. */
  lateFee: LateFeeRule;
}

/** A change to an issued policy's premium (an endorsement), as the policies module issues it. */
export interface PolicyPremiumChange {
  policyId: string;
  transactionId: string;
  transactionNumber: string;
  effectiveDate: string;
  /** Pro-rata for the rest of the policy year: positive is owed (an invoice), negative returned (credit). */
  premiumDelta: number;
  /** The new plan, for the policy years not yet scheduled. */
  annualPremium: number;
  paymentFrequency: PaymentFrequency;
  installments: { count: number; amount: number; firstAmount: number };
  description: string;
}

/** A policy ended by a transaction (a cancellation) on `endDate`, with its settlement. */
export interface PolicyEnd {
  policyId: string;
  transactionId: string;
  transactionNumber: string;
  /** The first day not covered: installments due on or after it are never invoiced. */
  endDate: string;
  effectiveDate: string;
  /** Positive: earned but not billed (an invoice); negative: billed but not earned (credit). */
  premiumDelta: number;
  description: string;
}

/** A change of a claim's reserve, as the claims module posts it. */
export interface ClaimReserveChange {
  /** The reserve change (claim_reserve_changes.id): one entry per change, whatever retries. */
  changeId: string;
  claimId: string;
  claimNumber: string;
  policyId: string;
  customerId: string;
  branchId: string;
  currency: string;
  /** Positive: the reserve raised; negative: released. Never zero. */
  delta: number;
  description: string;
}

/** A claim payment to post: the reserve consumed paid out through the method, incurred becoming paid. */
export interface ClaimPaymentPosting {
  /** The claim payment (claim_payments.id): one entry per payment, whatever retries. */
  paymentId: string;
  paymentNumber: string;
  claimNumber: string;
  policyId: string;
  customerId: string;
  branchId: string;
  currency: string;
  method: 'bank_transfer' | 'check';
  amount: number;
  payeeName: string;
}

/** A policy renewed for another term from `renewalDate` (the day after its old end date), on a new plan. */
export interface PolicyRenewal {
  policyId: string;
  transactionNumber: string;
  renewalDate: string;
  /** The last day of the new term. */
  newEndDate: string;
  productVersionId: string;
  annualPremium: number;
  paymentFrequency: PaymentFrequency;
  installments: { count: number; amount: number; firstAmount: number };
}

type Settlement = Pick<PolicyPremiumChange, 'transactionId' | 'transactionNumber' | 'effectiveDate' | 'premiumDelta' | 'description'> & {
  /** The days the premium billed or returned covers (issue 20: the earning job earns it over them). */
  coverage: { from: string; to: string };
};

/** `services.billing`: what other modules tell billing. */
export class BillingHooks {
  constructor(
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly invoices: InvoiceService,
    private readonly leadDays: number,
  ) {}

  /**
   * Posts a change of a claim's reserve in the caller's transaction (POSTING_SCHEME.claimReserveRaised
   * or claimReserveReleased), once per change id (`claim-reserve:<change id>`). Returns the entry's id.
   */
  async claimReserveChanged(trx: Trx, actor: Actor, change: ClaimReserveChange): Promise<string> {
    if (!Number.isSafeInteger(change.delta) || change.delta === 0) throw new Error(`A reserve change moves a whole non-zero amount: ${change.delta}`);
    const scheme = change.delta > 0 ? POSTING_SCHEME.claimReserveRaised : POSTING_SCHEME.claimReserveReleased;
    const amount = Math.abs(change.delta);
    const { entry } = await this.ledger.post(trx, {
      externalId: `claim-reserve:${change.changeId}`,
      effectiveDate: this.clock.businessDate(),
      sourceType: 'claim_reserve',
      sourceId: change.changeId,
      description: `${change.claimNumber}: ${change.description}`,
      policyId: change.policyId,
      customerId: change.customerId,
      branchId: change.branchId,
      createdBy: actor.userId,
      postings: [
        { account: { kind: scheme.debit, currency: change.currency } as AccountRef, direction: 'debit', amount },
        { account: { kind: scheme.credit, currency: change.currency } as AccountRef, direction: 'credit', amount },
      ],
    });
    return entry.id;
  }

  /**
   * Posts a claim payment in the caller's transaction, once per payment (`claim-payment:<id>`):
   * POSTING_SCHEME.claimPaid (claims reserve → the method's cash clearing) and claimPaidIncurred
   * (claims incurred → claims paid) in one entry. Returns the entry's id.
   */
  async claimPaid(trx: Trx, actor: Actor, p: ClaimPaymentPosting): Promise<string> {
    if (!Number.isSafeInteger(p.amount) || p.amount <= 0) throw new Error(`A claim payment moves a whole positive amount: ${p.amount}`);
    const { claimPaid, claimPaidIncurred } = POSTING_SCHEME;
    const { entry } = await this.ledger.post(trx, {
      externalId: `claim-payment:${p.paymentId}`,
      effectiveDate: this.clock.businessDate(),
      sourceType: 'claim_payment',
      sourceId: p.paymentId,
      description: `${p.claimNumber}: ${p.paymentNumber} paid to ${p.payeeName} (${p.method.replace('_', ' ')})`,
      policyId: p.policyId,
      customerId: p.customerId,
      branchId: p.branchId,
      createdBy: actor.userId,
      postings: [
        { account: { kind: claimPaid.debit, currency: p.currency }, direction: 'debit', amount: p.amount },
        { account: { kind: claimPaid.credit, owner: p.method, currency: p.currency }, direction: 'credit', amount: p.amount },
        { account: { kind: claimPaidIncurred.debit, currency: p.currency }, direction: 'debit', amount: p.amount },
        { account: { kind: claimPaidIncurred.credit, currency: p.currency }, direction: 'credit', amount: p.amount },
      ],
    });
    return entry.id;
  }

  /**
   * Called by the policies module inside the transaction that issues a change (throwing undoes it).
   * The installments already scheduled keep the old premium; the pro-rata difference for the rest of
   * the policy year is one invoice (an increase, due when the change takes effect but not before the
   * usual lead time) or the customer's credit (a decrease, applied to what they owe and to the next
   * installments). The new premium and frequency apply from the next policy year's schedule.
   */
  async policyPremiumChanged(trx: Trx, actor: Actor, change: PolicyPremiumChange): Promise<PolicyBillingEffect> {
    const now = this.clock.now();
    const policy = await repo.lockBillingPolicy(trx, change.policyId);
    if (!policy) throw new Error(`Policy ${change.policyId} has no billing record`);
    // The year the change falls in is billed at the old plan: make sure it is scheduled before the plan changes.
    const year = policyYearOn(policy, change.effectiveDate);
    await ensureSchedule(trx, policy, 1, year, now);
    const nextYearStart = policyYearStart(policy.start_date, year + 1);
    const planChanges =
      Number(policy.annual_premium) !== change.annualPremium ||
      policy.payment_frequency !== change.paymentFrequency ||
      Number(policy.installment_amount) !== change.installments.amount;
    if (planChanges) {
      await repo.updateBillingPlan(
        trx,
        policy.policy_id,
        {
          annual_premium: change.annualPremium,
          payment_frequency: change.paymentFrequency,
          installment_count: change.installments.count,
          installment_amount: change.installments.amount,
          first_installment_amount: change.installments.firstAmount,
        },
        now,
      );
    }
    const newInstallmentsFrom = planChanges && nextYearStart < policy.end_date ? nextYearStart : null;
    // The difference is pro-rata for the rest of the policy year: earned (or given back) over those days.
    const yearEnd = addDays(nextYearStart, -1);
    const coverage = { from: change.effectiveDate, to: [yearEnd, policy.end_date, change.effectiveDate].sort()[1]! };
    return this.settle(trx, actor, policy, { ...change, coverage }, newInstallmentsFrom);
  }

  /**
   * Called by the policies module inside the transaction that ends a policy (a cancellation): no
   * installment due on or after `endDate` is ever invoiced, no later policy year is scheduled, and
   * the settlement — premium billed but not earned returned as credit, or earned but not billed on
   * one invoice — is posted like a change's, then the customer's credit is applied.
   */
  async policyEnded(trx: Trx, actor: Actor, end: PolicyEnd): Promise<PolicyBillingEffect> {
    const policy = await repo.lockBillingPolicy(trx, end.policyId);
    if (!policy) throw new Error(`Policy ${end.policyId} has no billing record`);
    await repo.endBillingPolicy(trx, end.policyId, end.endDate, this.clock.now());
    // Returned premium leaves the reserve over the days it no longer covers (from the end to the last
    // day billed), beside the invoices still being earned over them; premium still owed for days
    // already covered is earned at once, on the last covered day.
    const lastCovered = (await writingsRepo.lastCoveredDay(trx, end.policyId)) ?? end.endDate;
    const coverage =
      end.premiumDelta < 0 ? { from: end.endDate, to: lastCovered > end.endDate ? lastCovered : end.endDate } : { from: addDays(end.endDate, -1), to: addDays(end.endDate, -1) };
    return this.settle(trx, actor, policy, { ...end, coverage }, null);
  }

  /**
   * Called by the policies module inside the transaction that accepts a renewal: billing's record runs
   * to the new end date on the new plan, and the first policy year of the new term is scheduled now
   * (the invoice job raises its installments as they come due; the schedule job adds later years).
   * The years already scheduled keep their amounts. Nothing is posted: premium is billed by invoice.
   */
  async policyRenewed(trx: Trx, _actor: Actor, renewal: PolicyRenewal): Promise<PolicyBillingEffect> {
    const now = this.clock.now();
    const policy = await repo.lockBillingPolicy(trx, renewal.policyId);
    if (!policy) throw new Error(`Policy ${renewal.policyId} has no billing record`);
    if (policy.ended_on) throw new Error(`Policy ${renewal.policyId} has ended in billing on ${policy.ended_on}`);
    if (addDays(policy.end_date, 1) !== renewal.renewalDate)
      throw new Error(`Billing's policy ${policy.policy_number} ends on ${policy.end_date}, not the day before ${renewal.renewalDate}`);
    // The years up to the renewal are scheduled at the old plan before it changes.
    await ensureSchedule(trx, policy, 1, policyYearOn(policy, policy.end_date), now);
    const plan = {
      annual_premium: renewal.annualPremium,
      payment_frequency: renewal.paymentFrequency,
      installment_count: renewal.installments.count,
      installment_amount: renewal.installments.amount,
      first_installment_amount: renewal.installments.firstAmount,
    };
    await repo.renewBillingPolicy(trx, renewal.policyId, { ...plan, end_date: renewal.newEndDate, product_version_id: renewal.productVersionId }, now);
    const renewed = { ...policy, ...plan, end_date: renewal.newEndDate };
    const firstYear = policyYearOn(renewed, renewal.renewalDate);
    const added = await ensureSchedule(trx, renewed, firstYear, firstYear, now);
    return {
      kind: 'none',
      amount: 0,
      invoice: null,
      ledgerEntryId: null,
      newInstallmentsFrom: renewal.renewalDate,
      description: `${renewal.transactionNumber}: ${added} installment${added === 1 ? '' : 's'} of ${formatAmount(renewal.annualPremium)} ${policy.currency} a year scheduled from ${renewal.renewalDate} to ${renewal.newEndDate}`,
    };
  }

  /**
   * Premium billed on the policy's invoiced installments: of policy year `fromPolicyYear` and the
   * years after it (installments invoiced ahead of their year), or of every year.
   */
  installmentsBilled(db: DbOrTrx, policyId: string, fromPolicyYear?: number): Promise<number> {
    return invoicesRepo.invoicedInstallmentsTotal(db, policyId, fromPolicyYear);
  }

  /** An invoice for what is owed, or the customer's credit for what is returned; then the credit is applied. */
  private async settle(trx: Trx, actor: Actor, policy: repo.BillingPolicyRow, change: Settlement, newInstallmentsFrom: string | null): Promise<PolicyBillingEffect> {
    const now = this.clock.now();
    const today = this.clock.businessDate(now);
    const scope = { policyId: policy.policy_id, customerId: policy.customer_id, branchId: policy.branch_id, createdBy: actor.userId };
    const applyCredit = () =>
      this.invoices.applyCredit(trx, actor.userId, {
        customerId: policy.customer_id,
        currency: policy.currency,
        policyId: policy.policy_id,
        effectiveDate: today,
        reason: `Credit applied after ${change.transactionNumber}`,
      });

    if (change.premiumDelta > 0) {
      const dueDate = [change.effectiveDate, addDays(today, this.leadDays)].sort().at(-1)!;
      const invoice = await this.transactionInvoice(trx, actor, policy, {
        transactionId: change.transactionId,
        kind: 'endorsement',
        amount: change.premiumDelta,
        dueDate,
        description: `${change.transactionNumber}: ${change.description}`,
        reason: `Raised for ${change.transactionNumber}`,
        externalId: `policy-transaction:${change.transactionId}:billed`,
        scheme: POSTING_SCHEME.premiumBilled,
      });
      await this.written(trx, policy, invoice.ledgerEntryId, change.premiumDelta, change.coverage);
      await applyCredit();
      return {
        kind: 'invoice',
        amount: change.premiumDelta,
        invoice: { id: invoice.id, invoiceNumber: invoice.invoiceNumber, dueDate },
        ledgerEntryId: invoice.ledgerEntryId,
        newInstallmentsFrom,
        description: `Invoice ${invoice.invoiceNumber} for ${formatAmount(change.premiumDelta)} ${policy.currency}, due ${dueDate}`,
      };
    }
    if (change.premiumDelta < 0) {
      const amount = -change.premiumDelta;
      const { entry } = await this.ledger.post(trx, {
        externalId: `policy-transaction:${change.transactionId}:returned`,
        effectiveDate: today,
        sourceType: 'policy_transaction',
        sourceId: change.transactionId,
        description: `${change.transactionNumber}: ${change.description} (premium returned as credit)`,
        ...scope,
        postings: [
          { account: { kind: POSTING_SCHEME.premiumReturned.debit, currency: policy.currency }, direction: 'debit', amount },
          { account: { kind: POSTING_SCHEME.premiumReturned.credit, owner: policy.customer_id, currency: policy.currency }, direction: 'credit', amount },
        ],
      });
      await this.written(trx, policy, entry.id, -amount, change.coverage);
      await applyCredit();
      return {
        kind: 'credit',
        amount,
        invoice: null,
        ledgerEntryId: entry.id,
        newInstallmentsFrom,
        description: `${formatAmount(amount)} ${policy.currency} returned to the customer's credit, applied to what they owe next`,
      };
    }
    return { kind: 'none', amount: 0, invoice: null, ledgerEntryId: null, newInstallmentsFrom, description: 'No premium change' };
  }

  // --- Earned premium (issue 20): what the finance module's earning job and premium register read.

  /** The writings earned in full by the end of `day` (summed per product version and currency) and those being earned on it. */
  writingsOnDay(db: DbOrTrx, day: string): Promise<writingsRepo.WritingsOnDay> {
    return writingsRepo.writingsOnDay(db, day);
  }

  /** The first day any premium writing covers (null before the first). */
  firstCoveredDay(db: DbOrTrx): Promise<string | null> {
    return writingsRepo.firstCoveredDay(db);
  }

  /** Premium earned so far by the earning entries, per product version and currency. */
  earnedSoFar(db: DbOrTrx): ReturnType<typeof writingsRepo.earnedSoFar> {
    return writingsRepo.earnedSoFar(db);
  }

  /** Premium written and earned per product version, currency and month, through `to`. */
  premiumMovements(db: DbOrTrx, to: string): ReturnType<typeof writingsRepo.registerMovements> {
    return writingsRepo.registerMovements(db, to);
  }

  /** Records premium written to (or returned from) the reserve by an entry, with the days it covers. */
  private async written(trx: Trx, policy: repo.BillingPolicyRow, entryId: string, amount: number, coverage: { from: string; to: string }): Promise<void> {
    await writingsRepo.insertWriting(trx, {
      ledger_entry_id: entryId,
      policy_id: policy.policy_id,
      branch_id: policy.branch_id,
      product_version_id: policy.product_version_id,
      currency: policy.currency,
      amount,
      covered_from: coverage.from,
      covered_to: coverage.to,
      created_at: this.clock.now(),
    });
  }

  /** One invoice raised for a policy transaction (its extra premium, a reinstatement fee): the invoice, its line, history and entry. */
  private async transactionInvoice(
    trx: Trx,
    actor: Actor,
    policy: repo.BillingPolicyRow,
    bill: {
      transactionId: string;
      kind: 'endorsement' | 'reinstatement_fee';
      amount: number;
      dueDate: string;
      description: string;
      reason: string;
      externalId: string;
      scheme: { debit: 'premium_receivable'; credit: 'unearned_premium' | 'fee_income' };
    },
  ): Promise<{ id: string; invoiceNumber: string; ledgerEntryId: string }> {
    const now = this.clock.now();
    const today = this.clock.businessDate(now);
    const invoice = await invoicesRepo.insertInvoice(trx, {
      policy_id: policy.policy_id,
      customer_id: policy.customer_id,
      branch_id: policy.branch_id,
      currency: policy.currency,
      issue_date: today,
      due_date: bill.dueDate,
      status: 'open',
      created_at: now,
      updated_at: now,
      created_by: actor.userId,
    });
    const { entry } = await this.ledger.post(trx, {
      externalId: bill.externalId,
      effectiveDate: today,
      sourceType: 'invoice',
      sourceId: invoice.id,
      description: `${invoice.invoice_number}: ${bill.description}`,
      policyId: policy.policy_id,
      customerId: policy.customer_id,
      branchId: policy.branch_id,
      createdBy: actor.userId,
      postings: [
        { account: { kind: bill.scheme.debit, owner: policy.policy_id, currency: policy.currency }, direction: 'debit', amount: bill.amount, invoiceId: invoice.id },
        { account: { kind: bill.scheme.credit, currency: policy.currency }, direction: 'credit', amount: bill.amount },
      ],
    });
    await invoicesRepo.insertLine(trx, {
      invoice_id: invoice.id,
      kind: bill.kind,
      installment_id: null,
      policy_transaction_id: bill.transactionId,
      amount: bill.amount,
      description: bill.description,
      ledger_entry_id: entry.id,
      created_at: now,
    });
    await invoicesRepo.insertHistory(trx, [{ invoice_id: invoice.id, from_status: null, to_status: 'open', reason: bill.reason, changed_at: now, changed_by: actor.userId }]);
    return { id: invoice.id, invoiceNumber: invoice.invoice_number, ledgerEntryId: entry.id };
  }

  /**
   * A surrendered policy's surrender value, owed to the customer: `surrenderValuePaid` (debit
   * `surrender_benefits`, credit the customer's credit; `policy-transaction:<id>:surrender`), then
   * the credit is applied to what they still owe; the rest is refunded through refunds (four-eyes,
   * limits). Called after `policyEnded` in the same transaction; `settlement` is what that posted.
   */
  async surrenderValuePaid(
    trx: Trx,
    actor: Actor,
    paid: { policyId: string; transactionId: string; transactionNumber: string; amount: number; settlement: PolicyBillingEffect },
  ): Promise<PolicyBillingEffect> {
    const policy = await repo.lockBillingPolicy(trx, paid.policyId);
    if (!policy) throw new Error(`Policy ${paid.policyId} has no billing record`);
    const today = this.clock.businessDate();
    let entryId: string | null = null;
    if (paid.amount > 0) {
      const { entry } = await this.ledger.post(trx, {
        externalId: `policy-transaction:${paid.transactionId}:surrender`,
        effectiveDate: today,
        sourceType: 'policy_transaction',
        sourceId: paid.transactionId,
        description: `${paid.transactionNumber}: surrender value of ${policy.policy_number}`,
        policyId: policy.policy_id,
        customerId: policy.customer_id,
        branchId: policy.branch_id,
        createdBy: actor.userId,
        postings: [
          { account: { kind: POSTING_SCHEME.surrenderValuePaid.debit, currency: policy.currency }, direction: 'debit', amount: paid.amount },
          { account: { kind: POSTING_SCHEME.surrenderValuePaid.credit, owner: policy.customer_id, currency: policy.currency }, direction: 'credit', amount: paid.amount },
        ],
      });
      entryId = entry.id;
      await this.invoices.applyCredit(trx, actor.userId, {
        customerId: policy.customer_id,
        currency: policy.currency,
        policyId: policy.policy_id,
        effectiveDate: today,
        reason: `Surrender value of ${paid.transactionNumber}`,
      });
    }
    return {
      kind: 'credit',
      amount: paid.amount,
      invoice: paid.settlement.invoice,
      ledgerEntryId: entryId,
      newInstallmentsFrom: null,
      description: `Surrender value ${formatAmount(paid.amount)} ${policy.currency} to the customer's credit (set against what they owe, the rest to refund); premium: ${paid.settlement.description}`,
    };
  }

  // --- Collections (issue 20)

  /** Overdue invoices with money open (oldest due first), in the given branches or all: what dunning works on. */
  overdueInvoices(db: DbOrTrx, filter: { branchIds?: readonly string[] | 'all'; limit?: number } = {}): Promise<collectibleRepo.CollectibleInvoice[]> {
    return collectibleRepo.overdueInvoices(db, filter);
  }

  /** Unpaid invoices with at most `maxAmount` open, due on or before the date (oldest first): write-off proposals. */
  smallOldBalances(
    db: DbOrTrx,
    filter: { branchIds: readonly string[] | 'all'; maxAmount: number; dueOnOrBefore: string; limit: number },
  ): Promise<collectibleRepo.CollectibleInvoice[]> {
    return collectibleRepo.smallOldBalances(db, filter);
  }

  /** Invoices by id with status and open amount; `lock` holds them FOR SHARE (a payment marking one paid waits for the caller's commit). */
  invoicesByIds(db: DbOrTrx, ids: readonly string[], options: { lock?: boolean } = {}): Promise<collectibleRepo.CollectibleInvoice[]> {
    return collectibleRepo.invoicesByIds(db, ids, options);
  }

  /** Per currency: billed in the period, receivable today, invoices gone overdue in the period and those paid since before their policy ended. */
  collectionTotals(db: DbOrTrx, q: { from: string; to: string; timeZone: string; branchIds: readonly string[] | 'all' }): Promise<collectibleRepo.CollectionTotals[]> {
    return collectibleRepo.collectionTotals(db, q);
  }

  // --- Grace, lapse and reinstatement (issue 12)

  /** The oldest overdue due date of each policy with overdue invoices (of the given policies, or all). */
  overdueSince(db: DbOrTrx, policyIds?: readonly string[]): Promise<Map<string, string>> {
    return invoicesRepo.oldestOverdueDueDates(db, policyIds);
  }

  /**
   * A policy lapsed on `lapseDate`: nothing due from then on is invoiced and no later policy year is
   * scheduled. Nothing is settled: the unpaid invoices stay owed — they are the arrears a
   * reinstatement must pay.
   */
  async policyLapsed(trx: Trx, lapse: { policyId: string; transactionNumber: string; lapseDate: string }): Promise<PolicyBillingEffect> {
    const policy = await repo.lockBillingPolicy(trx, lapse.policyId);
    if (!policy) throw new Error(`Policy ${lapse.policyId} has no billing record`);
    await repo.endBillingPolicy(trx, lapse.policyId, lapse.lapseDate, this.clock.now());
    const unpaid = (await invoicesRepo.invoicesOfPolicy(trx, lapse.policyId)).filter((i) => invoicesRepo.UNPAID_STATUSES.includes(i.status));
    const owed = unpaid.reduce((sum, i) => sum + i.open_amount, 0);
    return {
      kind: 'none',
      amount: 0,
      invoice: null,
      ledgerEntryId: null,
      newInstallmentsFrom: null,
      description: `Billing stopped from ${lapse.lapseDate}; ${unpaid.length} unpaid invoice(s), ${formatAmount(owed)} ${policy.currency}, stay owed as arrears`,
    };
  }

  /**
   * What reinstating a lapsed policy on `date` needs paid: its unpaid invoices, the installments that
   * fell due from the lapse up to `date` (not invoiced while it was lapsed) and the fee; the
   * customer's unapplied credit pays them first.
   */
  async arrearsOf(db: DbOrTrx, policyId: string, date: string, fee: number): Promise<PolicyArrears> {
    const policy = await repo.findBillingPolicy(db, policyId);
    if (!policy) throw new Error(`Policy ${policyId} has no billing record`);
    const unpaidInvoices = (await invoicesRepo.invoicesOfPolicy(db, policyId))
      .filter((i) => invoicesRepo.UNPAID_STATUSES.includes(i.status))
      .reduce((sum, i) => sum + i.open_amount, 0);
    const missedInstallments = (await this.missedInstallments(db, policy, date)).reduce((sum, i) => sum + i.amount, 0);
    const credit = Math.max(0, await this.ledger.customerCredit(db, policy.customer_id, policy.currency));
    const total = unpaidInvoices + missedInstallments + fee;
    return { unpaidInvoices, missedInstallments, reinstatementFee: fee, total, credit, toPay: Math.max(0, total - credit) };
  }

  /**
   * Reinstates billing on `date`: billing resumes (the lapse's end date is cleared, the policy years
   * up to `date` scheduled), every installment due by `date` is invoiced now, the fee (if any) is one
   * invoice, and the customer's credit pays them. Returns what is still unpaid of what was due by
   * `date`: the caller refuses the reinstatement (and so undoes all of this) unless it is 0.
   */
  async policyReinstated(
    trx: Trx,
    actor: Actor,
    reinstatement: { policyId: string; transactionId: string; transactionNumber: string; date: string; fee: number },
  ): Promise<PolicyBillingEffect & { stillDue: number }> {
    const policy = await repo.lockBillingPolicy(trx, reinstatement.policyId);
    if (!policy) throw new Error(`Policy ${reinstatement.policyId} has no billing record`);
    const now = this.clock.now();
    const missed = await this.missedInstallments(trx, policy, reinstatement.date);
    await repo.reopenBillingPolicy(trx, policy.policy_id, now);
    await ensureSchedule(trx, policy, 1, policyYearOn(policy, reinstatement.date), now);
    for (const installment of await invoicesRepo.uninvoicedInstallmentsDueBy(trx, policy.policy_id, reinstatement.date)) {
      await this.invoices.raiseInstallment(trx, installment.id);
    }
    let fee: { id: string; invoiceNumber: string; ledgerEntryId: string } | null = null;
    if (reinstatement.fee > 0) {
      fee = await this.transactionInvoice(trx, actor, policy, {
        transactionId: reinstatement.transactionId,
        kind: 'reinstatement_fee',
        amount: reinstatement.fee,
        dueDate: reinstatement.date,
        description: `${reinstatement.transactionNumber}: reinstatement fee of ${policy.policy_number}`,
        reason: `Raised for ${reinstatement.transactionNumber}`,
        externalId: `policy-transaction:${reinstatement.transactionId}:fee`,
        scheme: POSTING_SCHEME.feeCharged,
      });
    }
    await this.invoices.applyCredit(trx, actor.userId, {
      customerId: policy.customer_id,
      currency: policy.currency,
      policyId: policy.policy_id,
      effectiveDate: this.clock.businessDate(now),
      reason: `Credit applied on reinstatement ${reinstatement.transactionNumber}`,
    });
    const stillDue = (await invoicesRepo.invoicesOfPolicy(trx, policy.policy_id))
      .filter((i) => invoicesRepo.UNPAID_STATUSES.includes(i.status) && i.due_date <= reinstatement.date)
      .reduce((sum, i) => sum + i.open_amount, 0);
    const missedTotal = missed.reduce((sum, i) => sum + i.amount, 0);
    return {
      kind: fee ? 'invoice' : 'none',
      amount: reinstatement.fee,
      invoice: fee ? { id: fee.id, invoiceNumber: fee.invoiceNumber, dueDate: reinstatement.date } : null,
      ledgerEntryId: fee?.ledgerEntryId ?? null,
      newInstallmentsFrom: null,
      description:
        `Billing resumed from ${reinstatement.date}: ${missed.length} installment(s) missed while lapsed (${formatAmount(missedTotal)} ${policy.currency}) invoiced` +
        (fee ? `, reinstatement fee ${fee.invoiceNumber} (${formatAmount(reinstatement.fee)} ${policy.currency})` : '') +
        ', paid from the customer’s credit',
      stillDue,
    };
  }

  /** Installments due from the policy's end (its lapse) up to `date` and not invoiced: scheduled ones and those of years not yet scheduled. */
  private async missedInstallments(db: DbOrTrx, policy: repo.BillingPolicyRow, date: string): Promise<{ dueDate: string; amount: number }[]> {
    if (!policy.ended_on) return [];
    const from = policy.ended_on;
    const scheduled = await invoicesRepo.installmentsOfPolicy(db, policy.policy_id);
    const have = new Set(scheduled.map((i) => `${i.policy_year}:${i.sequence}`));
    const now = this.clock.now();
    const unscheduled: { policy_year: number; sequence: number; due_date: string; amount: number }[] = [];
    for (let year = 1; year <= policyYearOn(policy, date); year++) {
      for (const row of installmentRows(policy, year, now)) if (!have.has(`${row.policy_year}:${row.sequence}`)) unscheduled.push(row);
    }
    return [...scheduled.filter((i) => !i.invoice_id), ...unscheduled]
      .filter((i) => i.due_date >= from && i.due_date <= date)
      .map((i) => ({ dueDate: i.due_date, amount: Number(i.amount) }));
  }

  /** Called by the policy issuer inside the issuance transaction; throwing undoes the issuance. */
  async policyIssued(trx: Trx, _actor: Actor, policy: IssuedPolicy): Promise<void> {
    const now = this.clock.now();
    await repo.insertBillingPolicy(trx, {
      policy_id: policy.policyId,
      policy_number: policy.policyNumber,
      customer_id: policy.customerId,
      branch_id: policy.branchId,
      product_version_id: policy.productVersionId,
      currency: policy.currency,
      annual_premium: policy.annualPremium,
      payment_frequency: policy.paymentFrequency,
      installment_count: policy.installments.count,
      installment_amount: policy.installments.amount,
      first_installment_amount: policy.installments.firstAmount,
      start_date: policy.startDate,
      end_date: policy.endDate,
      payment_method: policy.paymentMethod ? JSON.stringify(policy.paymentMethod) : null,
      late_fee: JSON.stringify(policy.lateFee),
      created_at: now,
      updated_at: now,
    });
    // The first policy year's installments, in the same transaction: no policy without its schedule.
    await ensureSchedule(
      trx,
      {
        policy_id: policy.policyId,
        currency: policy.currency,
        payment_frequency: policy.paymentFrequency,
        installment_count: policy.installments.count,
        installment_amount: policy.installments.amount,
        first_installment_amount: policy.installments.firstAmount,
        start_date: policy.startDate,
        end_date: policy.endDate,
      },
      1,
      1,
      now,
    );
  }

  /** The policy's installments as billing holds them (policy year, then sequence), e.g. for the policy schedule; `db` may be the issuance transaction. */
  async installmentsOf(db: DbOrTrx, policyId: string): Promise<{ policyYear: number; sequence: number; dueDate: string; amount: number; currency: string }[]> {
    return (await installmentsOfPolicy(db, policyId)).map((i) => ({
      policyYear: i.policy_year,
      sequence: i.sequence,
      dueDate: i.due_date,
      amount: Number(i.amount),
      currency: i.currency.trim(),
    }));
  }

  // --- Payout reconciliation (finance): which payments a bank statement line stands for, and the fee kept from it.

  private importer: PayoutImporter | undefined;

  /** Finance's reconciliation takes the gateway's payout events (payout.paid, payout.failed) from billing's webhook inbox. */
  registerPayoutImporter(importer: PayoutImporter): void {
    if (this.importer) throw new Error('A payout importer is registered already');
    this.importer = importer;
  }

  /** The registered payout importer, if any (read by the webhook inbox when a payout event arrives). */
  payoutImporter(): PayoutImporter | undefined {
    return this.importer;
  }

  /** Succeeded payments in the currency whose number, gateway reference or reference is one of `references`. */
  paymentsByReferences(db: DbOrTrx, currency: string, references: string[]): Promise<ReconcilablePayment[]> {
    return paymentsRepo.succeededByReferences(db, currency, references).then((rows) => rows.map(toReconcilable));
  }

  /** Payments by id (any status), to check a match a finance user asks for. */
  paymentsByIds(db: DbOrTrx, ids: string[]): Promise<ReconcilablePayment[]> {
    return paymentsRepo.paymentsByIds(db, ids).then((rows) => rows.map(toReconcilable));
  }

  /** Succeeded payments of exactly `amount` received within the dates (oldest first, at most `limit`). */
  paymentsOfAmount(db: DbOrTrx, q: { currency: string; amount: number; from: string; to: string; limit: number }): Promise<ReconcilablePayment[]> {
    return paymentsRepo.succeededByAmount(db, q).then((rows) => rows.map(toReconcilable));
  }

  /**
   * A processor's fee kept from a payout (POSTING_SCHEME.processorFee: processor fees debited, the
   * payment method's cash clearing credited), once per statement line
   * (`reconciliation-line:<id>:fee`), in the caller's transaction. Returns the entry's id.
   */
  async processorFeeKept(
    trx: Trx,
    actor: Actor | null,
    fee: { lineId: string; method: ClearingMethod; currency: string; amount: number; date: string; description: string },
  ): Promise<string> {
    if (!Number.isSafeInteger(fee.amount) || fee.amount <= 0) throw new Error(`A processor fee is a whole positive amount: ${fee.amount}`);
    const { processorFee } = POSTING_SCHEME;
    const { entry } = await this.ledger.post(trx, {
      externalId: `reconciliation-line:${fee.lineId}:fee`,
      effectiveDate: fee.date,
      sourceType: 'reconciliation',
      sourceId: fee.lineId,
      description: fee.description,
      createdBy: actor?.userId ?? null,
      postings: [
        { account: { kind: processorFee.debit, currency: fee.currency }, direction: 'debit', amount: fee.amount },
        { account: { kind: processorFee.credit, owner: fee.method, currency: fee.currency }, direction: 'credit', amount: fee.amount },
      ],
    });
    return entry.id;
  }
}

/** A payment as payout reconciliation sees it. */
export interface ReconcilablePayment {
  id: string;
  number: string;
  method: ClearingMethod;
  amount: number;
  currency: string;
  status: string;
  receivedOn: string;
  reference: string | null;
  gatewayReference: string | null;
}

const toReconcilable = (r: paymentsRepo.ReconcilablePaymentRow): ReconcilablePayment => ({
  id: r.id,
  number: r.payment_number,
  method: r.method as ClearingMethod,
  amount: Number(r.amount),
  currency: r.currency.trim(),
  status: r.status,
  receivedOn: r.received_on,
  reference: r.reference,
  gatewayReference: r.gateway_reference,
});
