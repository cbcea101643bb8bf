// A policy's terms as one version holds them, and the rating request that prices them again.
import type { PolicyTerms } from '../../contracts/policies';
import type { PaymentFrequency, Quote, RiskDetails } from '../../contracts/products';
import type { QuoteRequest } from '../products/rating/rate-quote';
import type { NewVersionRow, PolicyVersionRow } from './policy-transactions.repository';

/** What the rating engine needs besides the coverages and the frequency: the applicant as rated at issuance, the risk, the term. */
export interface RatingInputs {
  applicant: Quote['applicant'];
  risk: RiskDetails;
  /** 0 for a trip (its length is a risk detail), as the rating engine reads it. */
  termYears: number;
}

export function termsOf(
  row: Pick<
    PolicyVersionRow,
    | 'coverages'
    | 'sum_insured'
    | 'annual_premium'
    | 'payment_frequency'
    | 'installment_count'
    | 'installment_amount'
    | 'first_installment_amount'
    | 'beneficiaries'
    | 'rating_inputs'
  >,
): PolicyTerms {
  return {
    coverages: row.coverages,
    sumInsured: Number(row.sum_insured),
    annualPremium: Number(row.annual_premium),
    paymentFrequency: row.payment_frequency,
    installments: { count: row.installment_count, amount: Number(row.installment_amount), firstAmount: Number(row.first_installment_amount) },
    smoker: row.rating_inputs?.applicant.smoker ?? null,
    region: row.rating_inputs?.applicant.region ?? null,
    beneficiaries: row.beneficiaries,
  };
}

/** The terms a version and the policies row both store, as columns: one mapping for issue and every change. */
export function termsColumns(terms: Pick<PolicyTerms, 'coverages' | 'sumInsured' | 'annualPremium' | 'paymentFrequency' | 'installments' | 'beneficiaries'>) {
  return {
    coverages: JSON.stringify(terms.coverages),
    sum_insured: terms.sumInsured,
    annual_premium: terms.annualPremium,
    payment_frequency: terms.paymentFrequency,
    installment_count: terms.installments.count,
    installment_amount: terms.installments.amount,
    first_installment_amount: terms.installments.firstAmount,
    beneficiaries: JSON.stringify(terms.beneficiaries),
  };
}

/**
 * The row of the version a transaction makes: its new terms over what a change keeps from the
 * version it replaces (the underwriter's extra premium and exclusions, the insured person).
 */
export function nextVersionRow(
  current: PolicyVersionRow,
  next: { versionNumber: number; effectiveFrom: string; transactionId: string; terms: PolicyTerms & { ratingInputs: RatingInputs | null }; createdBy: string; createdAt: Date },
): NewVersionRow {
  return {
    policy_id: current.policy_id,
    version_number: next.versionNumber,
    effective_from: next.effectiveFrom,
    transaction_id: next.transactionId,
    ...termsColumns(next.terms),
    extra_premium_percent: current.extra_premium_percent,
    exclusions: JSON.stringify(current.exclusions),
    insured: current.insured ? JSON.stringify(current.insured) : null,
    rating_inputs: next.terms.ratingInputs ? JSON.stringify(next.terms.ratingInputs) : null,
    created_by: next.createdBy,
    created_at: next.createdAt,
  };
}

/**
 * The rating request of a version's terms: the policy is priced at its entry age, on its own inputs.
 * An issued policy passed the product's identity check (KYC) when it was sold; a change is not a new
 * sale, so that entry condition counts as met (the quote's snapshot does not carry it).
 */
export function ratingRequest(inputs: RatingInputs, coverages: QuoteRequest['coverages'], paymentFrequency: PaymentFrequency): QuoteRequest {
  const { riskLevel, ...person } = inputs.applicant;
  return {
    applicant: { ...person, riskLevel: riskLevel ?? undefined, kycVerified: true },
    risk: inputs.risk,
    coverages,
    termYears: inputs.termYears,
    paymentFrequency,
  };
}
