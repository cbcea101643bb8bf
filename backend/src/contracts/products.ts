// The product catalog: products, their versions and what a version defines to price and qualify a
// policy. Rates and factors are decimal strings; money is integer minor units.
import { z } from 'zod';

export const PRODUCT_CATEGORIES = ['life', 'health', 'auto', 'home', 'travel', 'personal_accident'] as const;
export const ProductCategory = z.enum(PRODUCT_CATEGORIES).meta({ id: 'ProductCategory' });
export const PAYMENT_FREQUENCIES = ['annual', 'semi_annual', 'quarterly', 'monthly'] as const;
export const PaymentFrequency = z.enum(PAYMENT_FREQUENCIES).meta({ id: 'PaymentFrequency' });
export const FACTOR_INPUTS = [
  'entryAge', 'gender', 'smoker', 'region', 'occupationClass', 'riskLevel', 'termYears', 'deductible',
  'vehicleAge', 'vehicleUse', 'constructionType', 'sumInsured', 'destinationZone', 'tripDays',
] as const;
export const FactorInput = z.enum(FACTOR_INPUTS).meta({ id: 'FactorInput' });

const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, 'Use a decimal number such as 1.25');
const minor = z.number().int('Use whole minor units (cents)');
const code = z.string().regex(/^[A-Z][A-Z0-9_]{1,29}$/, 'Use 2–30 capital letters, digits or _');

export const BandRow = z.strictObject({ from: z.number().int(), to: z.number().int(), factor: decimal });
export const CategoryRow = z.strictObject({ key: z.string().min(1), factor: decimal });
export const FactorTable = z.discriminatedUnion('kind', [
  z.strictObject({ code, label: z.string().min(1), input: FactorInput, kind: z.literal('band'), rows: z.array(BandRow), coverages: z.array(code).optional() }),
  z.strictObject({ code, label: z.string().min(1), input: FactorInput, kind: z.literal('category'), rows: z.array(CategoryRow), coverages: z.array(code).optional() }),
]).meta({ id: 'FactorTable' });

export const CoverageDefinition = z
  .strictObject({
    code,
    name: z.string().min(1),
    required: z.boolean(),
    rateBasis: z.enum(['per_1000', 'flat']),
    rate: decimal,
    sumInsured: z.union([z.strictObject({ min: minor, max: minor, step: minor }), z.strictObject({ options: z.array(minor) })]),
    deductibleOptions: z.array(minor).optional(),
  })
  .meta({ id: 'CoverageDefinition' });

export const EligibilityRules = z
  .strictObject({
    entryAgeMin: z.number().int().min(0),
    entryAgeMax: z.number().int().max(120),
    maxAgeAtExpiry: z.number().int().max(130).optional(),
    allowedRegions: z.array(z.string().min(1)).optional(),
    smokersAllowed: z.boolean(),
    occupationClasses: z.array(z.number().int().min(1).max(4)),
    kycVerifiedRequired: z.boolean(),
  })
  .meta({ id: 'EligibilityRules' });

export const PricingDefinition = z
  .strictObject({
    currency: z.string().regex(/^[A-Z]{3}$/),
    coverages: z.array(CoverageDefinition),
    termYears: z.array(z.number().int().min(1).max(60)),
    frequencyLoadings: z.partialRecord(PaymentFrequency, decimal),
    factorTables: z.array(FactorTable),
    policyFee: minor,
    premiumTaxByRegion: z.record(z.string(), decimal),
    minimumPremium: minor,
    eligibility: EligibilityRules,
  })
  .meta({ id: 'PricingDefinition' });
export type PricingDefinition = z.infer<typeof PricingDefinition>;
export type FactorTable = z.infer<typeof FactorTable>;
export type CoverageDefinition = z.infer<typeof CoverageDefinition>;
export type BandRow = z.infer<typeof BandRow>;
export type CategoryRow = z.infer<typeof CategoryRow>;
export type FactorInput = z.infer<typeof FactorInput>;
export type PaymentFrequency = z.infer<typeof PaymentFrequency>;
