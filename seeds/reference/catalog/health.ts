import type { ProductDefinition } from '../../../backend/src/contracts/products';
import { stateRows, US_STATES } from './us-states';
import { CLAIMS_CATALOGS } from './claims';

/** Individual health plan, one year renewable: hospital cover with a chosen annual limit and deductible, optional outpatient and dental. */
export const individualHealth: ProductDefinition = {
  currency: 'USD',
  coverages: [
    {
      code: 'INPATIENT',
      name: 'Hospital (inpatient)',
      required: true,
      rateBasis: 'flat',
      rate: '2650.00',
      sumInsured: { options: [250_000_00, 500_000_00, 1_000_000_00] },
      deductibleOptions: [0, 500_00, 1_000_00, 2_500_00],
    },
    { code: 'OUTPATIENT', name: 'Outpatient and GP visits', required: false, rateBasis: 'flat', rate: '640.00', sumInsured: { options: [5_000_00] } },
    { code: 'DENTAL', name: 'Dental', required: false, rateBasis: 'flat', rate: '290.00', sumInsured: { options: [1_500_00] } },
  ],
  termYears: [1],
  frequencyLoadings: { annual: '0', quarterly: '0.02', monthly: '0.04' },
  factorTables: [
    {
      code: 'AGE',
      label: 'Entry age',
      input: 'entryAge',
      kind: 'band',
      rows: [
        { from: 18, to: 29, factor: '0.70' },
        { from: 30, to: 39, factor: '0.85' },
        { from: 40, to: 49, factor: '1.10' },
        { from: 50, to: 59, factor: '1.55' },
        { from: 60, to: 64, factor: '1.95' },
      ],
    },
    {
      code: 'SMOKER',
      label: 'Tobacco use',
      input: 'smoker',
      kind: 'category',
      rows: [
        { key: 'no', factor: '1.00' },
        { key: 'yes', factor: '1.30' },
      ],
    },
    {
      code: 'LIMIT',
      label: 'Annual limit',
      input: 'sumInsured',
      kind: 'band',
      coverages: ['INPATIENT'],
      rows: [
        { from: 250_000_00, to: 499_999_99, factor: '0.88' },
        { from: 500_000_00, to: 999_999_99, factor: '1.00' },
        { from: 1_000_000_00, to: 1_000_000_00, factor: '1.12' },
      ],
    },
    {
      code: 'DEDUCTIBLE',
      label: 'Deductible credit',
      input: 'deductible',
      kind: 'band',
      coverages: ['INPATIENT'],
      rows: [
        { from: 0, to: 49_999, factor: '1.00' },
        { from: 50_000, to: 99_999, factor: '0.90' },
        { from: 100_000, to: 249_999, factor: '0.82' },
        { from: 250_000, to: 250_000, factor: '0.70' },
      ],
    },
    {
      code: 'AREA',
      label: 'Medical cost area',
      input: 'region',
      kind: 'category',
      rows: stateRows({ NY: '1.30', NJ: '1.20', MA: '1.20', CA: '1.25', DC: '1.20', AK: '1.35', CT: '1.15', FL: '1.10', MS: '0.85', AR: '0.85', AL: '0.88', OK: '0.90' }),
    },
  ],
  policyFee: 0,
  premiumTaxByRegion: { NY: '0.0175', CA: '0.0235' },
  minimumPremium: 600_00,
  lateFee: { kind: 'percentage', rate: '0.05', cap: 30_00, afterDays: 10 },
  claims: CLAIMS_CATALOGS.HEALTH_INDIVIDUAL,
  eligibility: { entryAgeMin: 18, entryAgeMax: 64, allowedRegions: US_STATES, smokersAllowed: true, occupationClasses: [1, 2, 3, 4], kycVerifiedRequired: false },
  requiredDocuments: [
    { code: 'PROOF_OF_IDENTITY', name: 'Proof of identity (passport, driving licence or national ID card)' },
    { code: 'PROOF_OF_ADDRESS', name: 'Proof of address (utility bill or bank statement, last 3 months)' },
  ],
  medicalExamRules: [{ code: 'AGE_55', description: 'Applicants aged 55 or over', when: [{ field: 'entryAge', op: 'gte', value: 55 }], exams: ['blood_panel', 'urinalysis'] }],
  referralRules: [
    {
      code: 'TOP_LIMIT_OVER_55',
      message: 'The 1,000,000 limit for applicants aged 55 or over is underwritten individually.',
      when: [
        { field: 'sumInsured', coverage: 'INPATIENT', op: 'gte', value: 1_000_000_00 },
        { field: 'entryAge', op: 'gte', value: 55 },
      ],
    },
    { code: 'HIGH_RISK_CUSTOMER', message: "The customer's risk score is high.", when: [{ field: 'riskLevel', op: 'eq', value: 'high' }] },
  ],
  declarationQuestions: [
    {
      code: 'CHRONIC_CONDITION',
      category: 'health',
      text: 'Do you have a long-term condition (such as diabetes, asthma, heart or kidney disease) that needs regular treatment?',
      answerType: 'yes_no',
      detailsOnYes: true,
    },
    {
      code: 'PLANNED_TREATMENT',
      category: 'health',
      text: 'Are you waiting for, or have you been advised to have, any tests, surgery or hospital treatment?',
      answerType: 'yes_no',
      detailsOnYes: true,
    },
    { code: 'PREGNANT', category: 'health', text: 'Are you currently pregnant?', answerType: 'yes_no' },
    { code: 'TOBACCO', category: 'lifestyle', text: 'Have you used tobacco or nicotine products in the last 12 months?', answerType: 'yes_no' },
    { code: 'PRIOR_HEALTH_CLAIMS', category: 'prior_claims', text: 'How many health insurance claims have you made in the last 3 years?', answerType: 'number' },
  ],
};
