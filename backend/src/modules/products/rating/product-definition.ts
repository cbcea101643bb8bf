// The types of a pricing definition come from the contract (one source of truth); the engine adds
// only what it derives from them.
import type { PaymentFrequency, ProductDefinition } from '../../../contracts/products';

export {
  ANNUAL_FREQUENCIES,
  CONSTRUCTION_TYPES,
  TRIP_RISK_INPUTS,
  DESTINATION_ZONES,
  FACTOR_INPUTS,
  PAYMENT_FREQUENCIES,
  RISK_INPUT_RANGES,
  RISK_INPUTS,
  VEHICLE_USES,
  riskInputsOf,
} from '../../../contracts/products';
export type {
  BandRow,
  CategoryRow,
  Condition,
  CoverageDefinition,
  FactorInput,
  FactorTable,
  PaymentFrequency,
  ProductDefinition,
  RiskDetails,
  RiskInput,
} from '../../../contracts/products';

export type EligibilityRules = ProductDefinition['eligibility'];

/** Installments of a policy year; a single premium (a trip, shorter than a year) is one installment. */
export const INSTALLMENTS_PER_YEAR: Record<PaymentFrequency, number> = { annual: 1, semi_annual: 2, quarterly: 4, monthly: 12, single: 1 };
