// The types of a pricing definition come from the contract (one source of truth); the engine adds
// only what it derives from them.
import type { PaymentFrequency } from '../../../contracts/products';

export { FACTOR_INPUTS, PAYMENT_FREQUENCIES } from '../../../contracts/products';
export type { BandRow, CategoryRow, CoverageDefinition, FactorInput, FactorTable, PaymentFrequency, PricingDefinition } from '../../../contracts/products';

export type EligibilityRules = import('../../../contracts/products').PricingDefinition['eligibility'];

export const INSTALLMENTS_PER_YEAR: Record<PaymentFrequency, number> = { annual: 1, semi_annual: 2, quarterly: 4, monthly: 12 };
