// Billing's side of policy issuance: its own record of the issued policy (premium, frequency, dates,
// payment method) and its first policy year's installments, written in the issuance transaction so a
// failure here undoes the issuance.
import type { PaymentMethod } from '../../contracts/orders';
import type { PolicyBillingEffect } from '../../contracts/policies';
import type { LateFeeRule, PaymentFrequency } from '../../contracts/products';
import type { DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import { addDays } from '../../platform/calendar';
import type { Clock } from '../../platform/clock';
import { formatAmount } from '../products/rating/rate-quote';
import { POSTING_SCHEME } from './chart-of-accounts';
import { policyYearStart } from './installment-schedule';
import type { InvoiceService } from './invoices.service';
import * as invoicesRepo from './invoices.repository';
import { installmentsOfPolicy } from './invoices.repository';
import * as repo from './ledger.repository';
import type { LedgerService } from './ledger.service';
import { ensureSchedule, policyYearOn } from './schedule.service';

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

type Settlement = Pick<PolicyPremiumChange, 'transactionId' | 'transactionNumber' | 'effectiveDate' | 'premiumDelta' | 'description'>;

/** `services.billing`: what other modules tell billing. */
export class BillingHooks {
  constructor(
    private readonly clock: Clock,
    private readonly ledger: LedgerService,
    private readonly invoices: InvoiceService,
    private readonly leadDays: number,
  ) {}

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
    return this.settle(trx, actor, policy, change, newInstallmentsFrom);
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
    return this.settle(trx, actor, policy, end, null);
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

  /** Premium billed on the policy's invoiced installments: of one policy year, or of every year. */
  installmentsBilled(db: DbOrTrx, policyId: string, policyYear?: number): Promise<number> {
    return invoicesRepo.invoicedInstallmentsTotal(db, policyId, policyYear);
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
      const invoice = await invoicesRepo.insertInvoice(trx, {
        policy_id: policy.policy_id,
        customer_id: policy.customer_id,
        branch_id: policy.branch_id,
        currency: policy.currency,
        issue_date: today,
        due_date: dueDate,
        status: 'open',
        created_at: now,
        updated_at: now,
        created_by: actor.userId,
      });
      const description = `${change.transactionNumber}: ${change.description}`;
      const { entry } = await this.ledger.post(trx, {
        externalId: `policy-transaction:${change.transactionId}:billed`,
        effectiveDate: today,
        sourceType: 'invoice',
        sourceId: invoice.id,
        description: `${invoice.invoice_number}: ${description}`,
        ...scope,
        postings: [
          {
            account: { kind: POSTING_SCHEME.premiumBilled.debit, owner: policy.policy_id, currency: policy.currency },
            direction: 'debit',
            amount: change.premiumDelta,
            invoiceId: invoice.id,
          },
          { account: { kind: POSTING_SCHEME.premiumBilled.credit, currency: policy.currency }, direction: 'credit', amount: change.premiumDelta },
        ],
      });
      await invoicesRepo.insertLine(trx, {
        invoice_id: invoice.id,
        kind: 'endorsement',
        installment_id: null,
        policy_transaction_id: change.transactionId,
        amount: change.premiumDelta,
        description,
        ledger_entry_id: entry.id,
        created_at: now,
      });
      await invoicesRepo.insertHistory(trx, [
        { invoice_id: invoice.id, from_status: null, to_status: 'open', reason: `Raised for ${change.transactionNumber}`, changed_at: now, changed_by: actor.userId },
      ]);
      await applyCredit();
      return {
        kind: 'invoice',
        amount: change.premiumDelta,
        invoice: { id: invoice.id, invoiceNumber: invoice.invoice_number, dueDate },
        ledgerEntryId: entry.id,
        newInstallmentsFrom,
        description: `Invoice ${invoice.invoice_number} for ${formatAmount(change.premiumDelta)} ${policy.currency}, due ${dueDate}`,
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
}
