// What a product version defines to price and qualify a policy. Rates and factors are decimal
// strings (never binary floating point); money is integer minor units of `currency`.

export const PAYMENT_FREQUENCIES = ['annual', 'semi_annual', 'quarterly', 'monthly'] as const;
export type PaymentFrequency = (typeof PAYMENT_FREQUENCIES)[number];
export const INSTALLMENTS_PER_YEAR: Record<PaymentFrequency, number> = { annual: 1, semi_annual: 2, quarterly: 4, monthly: 12 };

/** Applicant and option values a factor table can be keyed on. */
export const FACTOR_INPUTS = [
  'entryAge', 'gender', 'smoker', 'region', 'occupationClass', 'riskLevel', 'termYears', 'deductible',
  'vehicleAge', 'vehicleUse', 'constructionType', 'sumInsured', 'destinationZone', 'tripDays',
] as const;
export type FactorInput = (typeof FACTOR_INPUTS)[number];

export interface BandRow {
  /** Inclusive bounds; rows of one table cover its domain without gaps or overlaps. */
  from: number;
  to: number;
  factor: string;
}

export interface CategoryRow {
  key: string;
  factor: string;
}

export type FactorTable =
  | { code: string; label: string; input: FactorInput; kind: 'band'; rows: BandRow[]; coverages?: string[] }
  | { code: string; label: string; input: FactorInput; kind: 'category'; rows: CategoryRow[]; coverages?: string[] };

export interface CoverageDefinition {
  code: string;
  name: string;
  required: boolean;
  /** per_1000: `rate` currency units per 1,000 of sum insured a year; flat: `rate` currency units a year. */
  rateBasis: 'per_1000' | 'flat';
  rate: string;
  /** Minor units. Either a range with a step, or fixed options. */
  sumInsured: { min: number; max: number; step: number } | { options: number[] };
  /** Minor units; omitted when the coverage has no deductible. */
  deductibleOptions?: number[];
}

export interface EligibilityRules {
  entryAgeMin: number;
  entryAgeMax: number;
  /** Entry age + term may not exceed this. */
  maxAgeAtExpiry?: number;
  allowedRegions?: string[];
  smokersAllowed: boolean;
  occupationClasses: number[];
  kycVerifiedRequired: boolean;
}

export interface PricingDefinition {
  currency: string;
  coverages: CoverageDefinition[];
  termYears: number[];
  /** Multiplier loading per payment frequency, e.g. monthly "0.05" = +5%. */
  frequencyLoadings: Partial<Record<PaymentFrequency, string>>;
  factorTables: FactorTable[];
  /** Minor units, added once a year. */
  policyFee: number;
  /** Premium tax rate by region (e.g. "0.025"); regions not listed pay none. */
  premiumTaxByRegion: Record<string, string>;
  /** Minor units: the annual premium is never lower. */
  minimumPremium: number;
  eligibility: EligibilityRules;
}
