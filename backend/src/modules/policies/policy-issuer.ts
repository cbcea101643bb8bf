// Issues the policy of an approved order, inside the approval's transaction: if anything here
// fails, the approval fails with it and the order stays unapproved.
import type { Beneficiary, Order, PaymentMethod } from '../../contracts/orders';
import type { LateFeeRule, PaymentFrequency, PriceBreakdown, Trip } from '../../contracts/products';
import { termsColumns, type RatingInputs } from './policy-terms';
import { insertVersion } from './policy-transactions.repository';
import type { Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { AuditService } from '../audit/audit.service';
import type { BillingHooks } from '../billing/billing-policies';
import type { CustomerProfiles } from '../customers/customer-profiles';
import * as repo from './policies.repository';
import type { PolicySchedules } from './policy-schedules.service';

export interface Issuance {
  orderId: string;
  orderNumber: string;
  customerId: string;
  branchId: string;
  agentId: string;
  insured: Order['insured'];
  productId: string;
  productVersionId: string;
  coverages: Order['coverages'];
  sumInsured: number;
  currency: string;
  price: PriceBreakdown;
  extraPremiumPercent: number | null;
  exclusions: string[];
  paymentFrequency: PaymentFrequency;
  /** null for a trip: the policy runs from the trip's departure to its return date. */
  termYears: number | null;
  trip: Trip | null;
  requestedStartDate: string | null;
  beneficiaries: Beneficiary[];
  paymentMethod: PaymentMethod | null;
  /** The product version's late-fee rule, handed to billing. */
  lateFee: LateFeeRule;
  /** The applicant and risk as the quote rated them: a later change to the policy is priced from these. */
  ratingInputs: RatingInputs;
}

/** `years` later, the day before: a 20-year policy from 2026-12-01 ends on 2046-11-30. */
export function endDateOf(start: string, years: number): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const anniversary = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February in a non-leap year rolls to 1 March; the term still ends the day before.
  return new Date(anniversary.getTime() - 86_400_000).toISOString().slice(0, 10);
}

/**
 * Installments still to fall due after `today`: due dates run from the start date every
 * 12 / `perYear` months until the end date.
 */
export function remainingInstallments(startDate: string, endDate: string, perYear: number, today: string): number {
  const [y, m, d] = startDate.split('-').map(Number) as [number, number, number];
  const step = 12 / perYear;
  let count = 0;
  for (let k = 0; ; k++) {
    const due = new Date(Date.UTC(y, m - 1 + k * step, d)).toISOString().slice(0, 10);
    if (due > endDate) return count;
    if (due > today) count++;
  }
}

/** What a listener is told of a policy just issued (in the issuing transaction). */
export interface IssuedPolicy {
  policyId: string;
  policyNumber: string;
  customerId: string;
  branchId: string;
  agentId: string;
  productId: string;
  startDate: string;
}

export type PolicyIssuedListener = (trx: Trx, actor: Actor, policy: IssuedPolicy) => Promise<void>;

export class PolicyIssuer {
  private readonly issuedListeners: { name: string; listener: PolicyIssuedListener }[] = [];

  /**
   * Other modules act on each issued policy inside the issuing transaction (the service desk starts
   * its onboarding playbook): a listener that fails undoes the issuance with everything else.
   */
  onIssued(name: string, listener: PolicyIssuedListener): void {
    if (this.issuedListeners.some((l) => l.name === name)) throw new Error(`Policy-issued listener ${name} registered twice`);
    this.issuedListeners.push({ name, listener });
  }

  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly customers: CustomerProfiles,
    private readonly billing: BillingHooks,
    /** The policy schedule (PDF); policy transactions issue later versions through it. */
    readonly schedules: PolicySchedules,
  ) {}

  /** Creates the active policy (P-000001) with its first history row; a prospect becomes an active customer. */
  async issue(trx: Trx, actor: Actor, order: Issuance): Promise<{ id: string; policyNumber: string }> {
    const now = this.clock.now();
    const today = this.clock.businessDate(now);
    // A trip: from its departure to its return date (approval refuses a trip that has started).
    // Otherwise from the requested date, or the approval date when none was asked for or it has passed.
    const startDate = order.trip ? order.trip.departureDate : order.requestedStartDate && order.requestedStartDate > today ? order.requestedStartDate : today;
    const endDate = order.trip ? order.trip.returnDate : endDateOf(startDate, order.termYears!);
    const policy = await repo.insertPolicy(trx, {
      order_id: order.orderId,
      customer_id: order.customerId,
      branch_id: order.branchId,
      agent_id: order.agentId,
      insured: order.insured ? JSON.stringify(order.insured) : null,
      product_id: order.productId,
      product_version_id: order.productVersionId,
      coverages: JSON.stringify(order.coverages),
      sum_insured: order.sumInsured,
      currency: order.currency,
      annual_premium: order.price.annualPremium,
      extra_premium_percent: order.extraPremiumPercent,
      exclusions: JSON.stringify(order.exclusions),
      payment_frequency: order.paymentFrequency,
      installment_count: order.price.installments.count,
      installment_amount: order.price.installments.amount,
      first_installment_amount: order.price.installments.firstAmount,
      term_years: order.termYears,
      trip: order.trip ? JSON.stringify(order.trip) : null,
      start_date: startDate,
      end_date: endDate,
      beneficiaries: JSON.stringify(order.beneficiaries),
      payment_method: order.paymentMethod ? JSON.stringify(order.paymentMethod) : null,
      issued_at: now,
      issued_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    // Version 1 of the terms, effective from the start: later changes add versions.
    await insertVersion(trx, {
      policy_id: policy.id,
      version_number: 1,
      effective_from: startDate,
      transaction_id: null,
      ...termsColumns({
        coverages: order.coverages,
        sumInsured: order.sumInsured,
        annualPremium: order.price.annualPremium,
        paymentFrequency: order.paymentFrequency,
        installments: order.price.installments,
        beneficiaries: order.beneficiaries,
      }),
      extra_premium_percent: order.extraPremiumPercent,
      exclusions: JSON.stringify(order.exclusions),
      insured: order.insured ? JSON.stringify(order.insured) : null,
      rating_inputs: JSON.stringify(order.ratingInputs),
      created_by: actor.userId,
      created_at: now,
    });
    await repo.insertStatusHistory(trx, {
      policy_id: policy.id,
      from_status: null,
      to_status: 'active',
      reason: `Issued from order ${order.orderNumber}`,
      changed_by: actor.userId,
      changed_at: now,
    });
    await this.audit.record(trx, {
      actor,
      action: 'policy.issue',
      entity: { type: 'policy', id: policy.id },
      branchId: order.branchId,
      metadata: { policyNumber: policy.policy_number, orderId: order.orderId, customerId: order.customerId, annualPremium: order.price.annualPremium, startDate },
    });
    await this.customers.activateProspect(trx, actor, order.customerId, `Policy ${policy.policy_number} issued`);
    await this.billing.policyIssued(trx, actor, {
      policyId: policy.id,
      policyNumber: policy.policy_number,
      customerId: order.customerId,
      branchId: order.branchId,
      productVersionId: order.productVersionId,
      currency: order.currency,
      annualPremium: order.price.annualPremium,
      paymentFrequency: order.paymentFrequency,
      installments: order.price.installments,
      startDate,
      endDate,
      paymentMethod: order.paymentMethod,
      lateFee: order.lateFee,
    });
    // Version 1 of the policy schedule (PDF), after billing's installments it lists: a schedule that
    // cannot be made or stored undoes the issuance with everything above.
    await this.schedules.issue(trx, actor, { policyId: policy.id, version: 1, reason: `Issued from order ${order.orderNumber}`, effectiveDate: startDate });
    for (const { listener } of this.issuedListeners) {
      await listener(trx, actor, {
        policyId: policy.id,
        policyNumber: policy.policy_number,
        customerId: order.customerId,
        branchId: order.branchId,
        agentId: order.agentId,
        productId: order.productId,
        startDate,
      });
    }
    return { id: policy.id, policyNumber: policy.policy_number };
  }
}
