import type { ProductDefinition } from '../../../backend/src/contracts/products';
import { stateRows, US_STATES } from './us-states';

/** Private car, one year: liability at a chosen limit, optional collision and comprehensive on the vehicle's value. */
export const privateAuto: ProductDefinition = {
  currency: 'USD',
  coverages: [
    { code: 'LIABILITY', name: 'Third-party liability', required: true, rateBasis: 'flat', rate: '610.00', sumInsured: { options: [100_000_00, 300_000_00, 500_000_00] } },
    { code: 'COLLISION', name: 'Collision (own vehicle)', required: false, rateBasis: 'per_1000', rate: '31.00', sumInsured: { min: 5_000_00, max: 150_000_00, step: 500_00 }, deductibleOptions: [250_00, 500_00, 1_000_00] },
    { code: 'COMPREHENSIVE', name: 'Theft, fire and weather', required: false, rateBasis: 'per_1000', rate: '9.80', sumInsured: { min: 5_000_00, max: 150_000_00, step: 500_00 }, deductibleOptions: [250_00, 500_00, 1_000_00] },
  ],
  termYears: [1],
  frequencyLoadings: { annual: '0', semi_annual: '0.03', monthly: '0.06' },
  factorTables: [
    {
      code: 'DRIVER_AGE',
      label: 'Driver age',
      input: 'entryAge',
      kind: 'band',
      rows: [
        { from: 18, to: 20, factor: '2.10' },
        { from: 21, to: 24, factor: '1.55' },
        { from: 25, to: 29, factor: '1.15' },
        { from: 30, to: 64, factor: '1.00' },
        { from: 65, to: 74, factor: '1.10' },
        { from: 75, to: 85, factor: '1.35' },
      ],
    },
    { code: 'LIMIT', label: 'Liability limit', input: 'sumInsured', kind: 'band', coverages: ['LIABILITY'], rows: [{ from: 100_000_00, to: 299_999_99, factor: '1.00' }, { from: 300_000_00, to: 499_999_99, factor: '1.18' }, { from: 500_000_00, to: 500_000_00, factor: '1.30' }] },
    { code: 'VEHICLE_AGE', label: 'Vehicle age (years)', input: 'vehicleAge', kind: 'band', coverages: ['COLLISION', 'COMPREHENSIVE'], rows: [{ from: 0, to: 2, factor: '1.15' }, { from: 3, to: 7, factor: '1.00' }, { from: 8, to: 15, factor: '0.85' }, { from: 16, to: 40, factor: '0.75' }] },
    { code: 'USE', label: 'Vehicle use', input: 'vehicleUse', kind: 'category', rows: [{ key: 'private', factor: '1.00' }, { key: 'commute', factor: '1.10' }, { key: 'business', factor: '1.25' }] },
    { code: 'DEDUCTIBLE', label: 'Deductible credit', input: 'deductible', kind: 'band', coverages: ['COLLISION', 'COMPREHENSIVE'], rows: [{ from: 250_00, to: 499_99, factor: '1.00' }, { from: 500_00, to: 999_99, factor: '0.90' }, { from: 1_000_00, to: 1_000_00, factor: '0.78' }] },
    { code: 'TERRITORY', label: 'Territory', input: 'region', kind: 'category', rows: stateRows({ MI: '1.45', LA: '1.40', FL: '1.35', NY: '1.30', NJ: '1.25', CA: '1.20', DC: '1.20', NV: '1.15', RI: '1.15', ME: '0.80', VT: '0.82', ID: '0.85', OH: '0.85', IA: '0.85', NH: '0.85', WI: '0.88' }) },
  ],
  policyFee: 35_00,
  premiumTaxByRegion: { NY: '0.0175', CA: '0.0235', FL: '0.0175', TX: '0.0185' },
  minimumPremium: 250_00,
  eligibility: { entryAgeMin: 18, entryAgeMax: 85, allowedRegions: US_STATES, smokersAllowed: true, occupationClasses: [1, 2, 3, 4], kycVerifiedRequired: false },
  requiredDocuments: [
    { code: 'DRIVING_LICENCE', name: 'Driving licence of the main driver' },
    { code: 'VEHICLE_REGISTRATION', name: 'Vehicle registration certificate' },
    { code: 'CLAIMS_HISTORY', name: 'Claims history from the previous insurer (last 5 years)' },
    { code: 'VEHICLE_PHOTOS', name: 'Photos of the vehicle (all four sides, odometer)', when: [{ field: 'vehicleAge', op: 'gte', value: 10 }] },
  ],
  medicalExamRules: [],
  referralRules: [
    { code: 'YOUNG_DRIVER_BUSINESS', message: 'Drivers under 25 using the vehicle for business are underwritten individually.', when: [{ field: 'entryAge', op: 'lte', value: 24 }, { field: 'vehicleUse', op: 'eq', value: 'business' }] },
    { code: 'HIGH_VALUE_VEHICLE', message: 'Vehicles worth 100,000 or more need an inspection.', when: [{ field: 'sumInsured', coverage: 'COLLISION', op: 'gte', value: 100_000_00 }] },
    { code: 'CLASSIC_VEHICLE', message: 'Vehicles 25 years or older are rated as classics by the underwriter.', when: [{ field: 'vehicleAge', op: 'gte', value: 25 }] },
  ],
  declarationQuestions: [
    { code: 'AT_FAULT_ACCIDENTS', category: 'prior_claims', text: 'How many accidents have you caused in the last 5 years?', answerType: 'number' },
    { code: 'LICENCE_SUSPENDED', category: 'prior_claims', text: 'Has your driving licence been suspended or revoked in the last 5 years?', answerType: 'yes_no', detailsOnYes: true },
    { code: 'DUI', category: 'lifestyle', text: 'Have you been convicted of driving under the influence of alcohol or drugs?', answerType: 'yes_no', detailsOnYes: true },
    { code: 'MODIFIED', category: 'lifestyle', text: 'Has the vehicle been modified from the manufacturer’s specification?', answerType: 'yes_no', detailsOnYes: true },
  ],
};
