import type { ProductDefinition } from '../../../backend/src/contracts/products';
import { lifeUnderwriting } from './life-underwriting';
import { CLAIMS_CATALOGS } from './claims';

/** Guaranteed cash value per 1,000 of death benefit at the end of policy years 1–40. */
const CASH_VALUES = [
  '0.00',
  '0.00',
  '39.60',
  '77.46',
  '113.66',
  '148.26',
  '181.34',
  '212.96',
  '243.19',
  '272.09',
  '299.72',
  '326.13',
  '351.39',
  '375.53',
  '398.60',
  '420.67',
  '441.76',
  '461.92',
  '481.20',
  '499.63',
  '517.25',
  '534.09',
  '550.19',
  '565.58',
  '580.30',
  '594.36',
  '607.81',
  '620.67',
  '632.96',
  '644.71',
  '655.94',
  '666.68',
  '676.95',
  '686.77',
  '696.15',
  '705.12',
  '713.69',
  '721.89',
  '729.73',
  '737.22',
];

/**
 * Whole life: covered for life, premiums paid for 10, 20 or 30 years (`termYears` is the
 * premium-paying period); builds a guaranteed cash value.
 */
export const wholeLife: ProductDefinition = {
  currency: 'USD',
  coverages: [
    { code: 'DEATH', name: 'Death benefit', required: true, rateBasis: 'per_1000', rate: '14.20', sumInsured: { min: 25_000_00, max: 1_000_000_00, step: 5_000_00 } },
    { code: 'ADB', name: 'Accidental death', required: false, rateBasis: 'per_1000', rate: '0.40', sumInsured: { min: 25_000_00, max: 500_000_00, step: 5_000_00 } },
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
        { from: 18, to: 29, factor: '0.55' },
        { from: 30, to: 39, factor: '0.75' },
        { from: 40, to: 49, factor: '1.05' },
        { from: 50, to: 59, factor: '1.55' },
        { from: 60, to: 70, factor: '2.30' },
      ],
    },
    {
      code: 'PAY_PERIOD',
      label: 'Premium-paying period',
      input: 'termYears',
      kind: 'band',
      coverages: ['DEATH'],
      rows: [
        { from: 10, to: 10, factor: '1.85' },
        { from: 20, to: 20, factor: '1.20' },
        { from: 30, to: 30, factor: '1.00' },
      ],
    },
    {
      code: 'GENDER',
      label: 'Gender',
      input: 'gender',
      kind: 'category',
      coverages: ['DEATH'],
      rows: [
        { key: 'female', factor: '0.90' },
        { key: 'male', factor: '1.00' },
        { key: 'non_binary', factor: '0.95' },
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
        { key: 'yes', factor: '1.45' },
      ],
    },
    {
      code: 'OCC',
      label: 'Occupation class',
      input: 'occupationClass',
      kind: 'band',
      coverages: ['ADB'],
      rows: [
        { from: 1, to: 1, factor: '1.00' },
        { from: 2, to: 2, factor: '1.25' },
        { from: 3, to: 3, factor: '1.60' },
        { from: 4, to: 4, factor: '2.20' },
      ],
    },
  ],
  policyFee: 40_00,
  premiumTaxByRegion: { NY: '0.0175', CA: '0.0235', FL: '0.0175' },
  minimumPremium: 300_00,
  lateFee: { kind: 'flat', amount: 20_00, afterDays: 15 },
  claims: CLAIMS_CATALOGS.WHOLE_LIFE,
  eligibility: { entryAgeMin: 18, entryAgeMax: 70, maxAgeAtExpiry: 85, smokersAllowed: true, occupationClasses: [1, 2, 3, 4], kycVerifiedRequired: true },
  ...lifeUnderwriting('DEATH'),
  cashValues: { coverage: 'DEATH', rows: CASH_VALUES.map((perThousand, i) => ({ policyYear: i + 1, perThousand })) },
  // Surrendering early costs a share of the cash value: 10 % in the first policy year, down to none from the sixth.
  servicing: { surrenderChargeBasisPoints: [1000, 800, 600, 400, 200] },
};
