// Billing's side of policy issuance: its own record of the issued policy (premium, frequency, dates,
// payment method) and its first policy year's installments, written in the issuance transaction so a
// failure here undoes the issuance.
import type { PaymentMethod } from '../../contracts/orders';
import type { LateFeeRule, PaymentFrequency } from '../../contracts/products';
import type { DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { installmentsOfPolicy } from './invoices.repository';
import * as repo from './ledger.repository';
import { ensureSchedule } from './schedule.service';

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

/** `services.billing`: what other modules tell billing. */
export class BillingHooks {
  constructor(private readonly clock: Clock) {}

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
