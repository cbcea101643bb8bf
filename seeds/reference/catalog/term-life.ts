import type { ProductDefinition } from '../../../backend/src/contracts/products';
import { lifeUnderwriting } from './life-underwriting';
import { CLAIMS_CATALOGS } from './claims';

/** Level term life, 10/20/30 years: death benefit with optional accidental death and waiver of premium. */
export const termLife: ProductDefinition = {
  currency: 'USD',
  coverages: [
    { code: 'DEATH', name: 'Death benefit', required: true, rateBasis: 'per_1000', rate: '1.10', sumInsured: { min: 50_000_00, max: 2_000_000_00, step: 10_000_00 } },
    { code: 'ADB', name: 'Accidental death', required: false, rateBasis: 'per_1000', rate: '0.35', sumInsured: { min: 50_000_00, max: 500_000_00, step: 10_000_00 } },
    { code: 'WOP', name: 'Waiver of premium', required: false, rateBasis: 'flat', rate: '24.00', sumInsured: { options: [0] } },
  ],
  termYears: [10, 20, 30],
  frequencyLoadings: { annual: '0', semi_annual: '0.02', quarterly: '0.03', monthly: '0.05' },
  factorTables: [
    {
      code: 'AGE',
      label: 'Entry age',
      input: 'entryAge',
      kind: 'band',
      coverages: ['DEATH'],
      rows: [
        { from: 18, to: 29, factor: '0.80' },
        { from: 30, to: 39, factor: '1.00' },
        { from: 40, to: 49, factor: '1.70' },
        { from: 50, to: 59, factor: '3.10' },
        { from: 60, to: 65, factor: '5.40' },
      ],
    },
    {
      code: 'GENDER',
      label: 'Gender',
      input: 'gender',
      kind: 'category',
      coverages: ['DEATH'],
      rows: [
        { key: 'female', factor: '0.85' },
        { key: 'male', factor: '1.00' },
        { key: 'non_binary', factor: '0.925' },
        { key: 'unspecified', factor: '1.00' },
      ],
    },
    {
      code: 'SMOKER',
      label: 'Smoker',
      input: 'smoker',
      kind: 'category',
      rows: [
        { key: 'no', factor: '1.00' },
        { key: 'yes', factor: '1.90' },
      ],
    },
    {
      code: 'OCC',
      label: 'Occupation class',
      input: 'occupationClass',
      kind: 'band',
      rows: [
        { from: 1, to: 1, factor: '1.00' },
        { from: 2, to: 2, factor: '1.10' },
        { from: 3, to: 3, factor: '1.35' },
        { from: 4, to: 4, factor: '1.80' },
      ],
    },
    {
      code: 'TERM',
      label: 'Term',
      input: 'termYears',
      kind: 'band',
      coverages: ['DEATH'],
      rows: [
        { from: 10, to: 10, factor: '0.90' },
        { from: 20, to: 20, factor: '1.00' },
        { from: 30, to: 30, factor: '1.15' },
      ],
    },
  ],
  policyFee: 25_00,
  premiumTaxByRegion: { NY: '0.0175', CA: '0.0235' },
  minimumPremium: 120_00,
  // 5% of a late installment, at most 25.00, once it is more than 10 days overdue.
  lateFee: { kind: 'percentage', rate: '0.05', cap: 25_00, afterDays: 10 },
  claims: CLAIMS_CATALOGS.TERM_LIFE,
  eligibility: { entryAgeMin: 18, entryAgeMax: 65, maxAgeAtExpiry: 85, smokersAllowed: true, occupationClasses: [1, 2, 3, 4], kycVerifiedRequired: false },
  ...lifeUnderwriting('DEATH'),
};
