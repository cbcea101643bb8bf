import type { ProductDefinition } from '../../../backend/src/contracts/products';
import { stateRows, US_STATES } from './us-states';
import { CLAIMS_CATALOGS } from './claims';

/** Homeowners, one year: the dwelling at its rebuild cost, optional contents and personal liability. */
export const homeowners: ProductDefinition = {
  currency: 'USD',
  coverages: [
    {
      code: 'DWELLING',
      name: 'Dwelling (rebuild cost)',
      required: true,
      rateBasis: 'per_1000',
      rate: '2.60',
      sumInsured: { min: 100_000_00, max: 2_000_000_00, step: 5_000_00 },
      deductibleOptions: [500_00, 1_000_00, 2_500_00, 5_000_00],
    },
    {
      code: 'CONTENTS',
      name: 'Contents',
      required: false,
      rateBasis: 'per_1000',
      rate: '3.10',
      sumInsured: { min: 10_000_00, max: 500_000_00, step: 1_000_00 },
      deductibleOptions: [500_00, 1_000_00, 2_500_00, 5_000_00],
    },
    { code: 'LIABILITY', name: 'Personal liability', required: false, rateBasis: 'flat', rate: '85.00', sumInsured: { options: [300_000_00, 500_000_00] } },
  ],
  termYears: [1],
  frequencyLoadings: { annual: '0', quarterly: '0.02', monthly: '0.04' },
  factorTables: [
    {
      code: 'CONSTRUCTION',
      label: 'Construction type',
      input: 'constructionType',
      kind: 'category',
      coverages: ['DWELLING', 'CONTENTS'],
      rows: [
        { key: 'frame', factor: '1.25' },
        { key: 'masonry_veneer', factor: '1.10' },
        { key: 'masonry', factor: '1.00' },
        { key: 'fire_resistive', factor: '0.85' },
      ],
    },
    {
      code: 'SUM_BAND',
      label: 'Dwelling sum insured band',
      input: 'sumInsured',
      kind: 'band',
      coverages: ['DWELLING'],
      rows: [
        { from: 100_000_00, to: 249_999_99, factor: '1.10' },
        { from: 250_000_00, to: 499_999_99, factor: '1.00' },
        { from: 500_000_00, to: 999_999_99, factor: '0.92' },
        { from: 1_000_000_00, to: 2_000_000_00, factor: '0.85' },
      ],
    },
    {
      code: 'LIMIT',
      label: 'Liability limit',
      input: 'sumInsured',
      kind: 'band',
      coverages: ['LIABILITY'],
      rows: [
        { from: 300_000_00, to: 499_999_99, factor: '1.00' },
        { from: 500_000_00, to: 500_000_00, factor: '1.25' },
      ],
    },
    {
      code: 'DEDUCTIBLE',
      label: 'Deductible credit',
      input: 'deductible',
      kind: 'band',
      coverages: ['DWELLING', 'CONTENTS'],
      rows: [
        { from: 500_00, to: 999_99, factor: '1.00' },
        { from: 1_000_00, to: 2_499_99, factor: '0.90' },
        { from: 2_500_00, to: 4_999_99, factor: '0.80' },
        { from: 5_000_00, to: 5_000_00, factor: '0.72' },
      ],
    },
    {
      code: 'CAT_ZONE',
      label: 'Catastrophe zone',
      input: 'region',
      kind: 'category',
      coverages: ['DWELLING', 'CONTENTS'],
      rows: stateRows({
        FL: '1.80',
        LA: '1.65',
        TX: '1.45',
        OK: '1.40',
        MS: '1.35',
        AL: '1.30',
        SC: '1.20',
        CA: '1.25',
        KS: '1.20',
        NE: '1.15',
        CO: '1.15',
        OR: '0.90',
        WA: '0.90',
        VT: '0.85',
        NH: '0.85',
        ME: '0.88',
      }),
    },
  ],
  policyFee: 25_00,
  premiumTaxByRegion: { NY: '0.0175', CA: '0.0235', FL: '0.0175', TX: '0.0185' },
  minimumPremium: 300_00,
  lateFee: { kind: 'flat', amount: 20_00, afterDays: 15 },
  claims: CLAIMS_CATALOGS.HOME_OWNERS,
  // A one-year product: renews by itself unless the premium rises too much.
  renewal: { renewable: true, autoRenew: true },
  eligibility: { entryAgeMin: 18, entryAgeMax: 99, allowedRegions: US_STATES, smokersAllowed: true, occupationClasses: [1, 2, 3, 4], kycVerifiedRequired: false },
  requiredDocuments: [
    { code: 'PROOF_OF_OWNERSHIP', name: 'Proof of ownership (deed or mortgage statement)' },
    { code: 'PROPERTY_PHOTOS', name: 'Photos of the property (outside and main rooms)' },
    { code: 'VALUATION_REPORT', name: 'Professional rebuild-cost valuation', when: [{ field: 'sumInsured', coverage: 'DWELLING', op: 'gte', value: 1_000_000_00 }] },
  ],
  medicalExamRules: [],
  referralRules: [
    {
      code: 'HIGH_VALUE_HOME',
      message: 'Homes insured for 1,500,000 or more need a survey.',
      when: [{ field: 'sumInsured', coverage: 'DWELLING', op: 'gte', value: 1_500_000_00 }],
    },
    {
      code: 'FRAME_IN_CAT_ZONE',
      message: 'Frame construction in a hurricane state is underwritten individually.',
      when: [
        { field: 'constructionType', op: 'eq', value: 'frame' },
        { field: 'region', op: 'in', value: ['FL', 'LA', 'MS', 'AL', 'TX'] },
      ],
    },
  ],
  declarationQuestions: [
    { code: 'PROPERTY_CLAIMS', category: 'prior_claims', text: 'How many property claims have you made in the last 5 years?', answerType: 'number' },
    { code: 'BUSINESS_USE', category: 'lifestyle', text: 'Is any part of the property used for business or rented out?', answerType: 'yes_no', detailsOnYes: true },
    { code: 'UNOCCUPIED', category: 'lifestyle', text: 'Is the property left unoccupied for more than 60 days in a row?', answerType: 'yes_no' },
    { code: 'ROOF_AGE', category: 'lifestyle', text: 'How old is the roof, in years?', answerType: 'number' },
  ],
};
