import type { ProductDefinition } from '../../../backend/src/contracts/products';
import { CLAIMS_CATALOGS } from './claims';

/**
 * Single-trip travel: emergency medical by destination and trip length, optional cancellation (per
 * 1,000 of trip cost) and baggage. A trip product: the policy runs from the departure to the return
 * date (at most 180 days), the trip gives the length and the destination the tables price, and the
 * premium is one single premium. (Databases that had the earlier one-year definition get this one as
 * a new version from migration 20261207010000_single_trip_travel.)
 */
export const singleTripTravel: ProductDefinition = {
  currency: 'USD',
  trip: { maxDays: 180 },
  coverages: [
    {
      code: 'MEDICAL',
      name: 'Emergency medical and repatriation',
      required: true,
      rateBasis: 'flat',
      rate: '21.00',
      sumInsured: { options: [100_000_00, 500_000_00, 1_000_000_00] },
    },
    {
      code: 'CANCELLATION',
      name: 'Trip cancellation (trip cost)',
      required: false,
      rateBasis: 'per_1000',
      rate: '48.00',
      sumInsured: { min: 500_00, max: 20_000_00, step: 100_00 },
    },
    { code: 'BAGGAGE', name: 'Baggage and personal effects', required: false, rateBasis: 'flat', rate: '9.00', sumInsured: { options: [2_500_00] } },
  ],
  termYears: [],
  frequencyLoadings: { single: '0' },
  factorTables: [
    {
      code: 'AGE',
      label: 'Traveller age',
      input: 'entryAge',
      kind: 'band',
      coverages: ['MEDICAL'],
      rows: [
        { from: 0, to: 17, factor: '0.60' },
        { from: 18, to: 39, factor: '1.00' },
        { from: 40, to: 59, factor: '1.30' },
        { from: 60, to: 69, factor: '1.90' },
        { from: 70, to: 79, factor: '2.80' },
        { from: 80, to: 85, factor: '4.00' },
      ],
    },
    {
      code: 'ZONE',
      label: 'Destination zone',
      input: 'destinationZone',
      kind: 'category',
      coverages: ['MEDICAL', 'BAGGAGE'],
      rows: [
        { key: 'domestic', factor: '0.60' },
        { key: 'europe', factor: '1.00' },
        { key: 'worldwide_excl_americas', factor: '1.35' },
        { key: 'worldwide', factor: '1.90' },
      ],
    },
    {
      code: 'TRIP_LENGTH',
      label: 'Trip length (days)',
      input: 'tripDays',
      kind: 'band',
      coverages: ['MEDICAL', 'BAGGAGE'],
      rows: [
        { from: 1, to: 7, factor: '1.00' },
        { from: 8, to: 14, factor: '1.60' },
        { from: 15, to: 31, factor: '2.40' },
        { from: 32, to: 62, factor: '3.80' },
        { from: 63, to: 92, factor: '5.20' },
        { from: 93, to: 180, factor: '8.00' },
      ],
    },
    {
      code: 'MEDICAL_LIMIT',
      label: 'Medical limit',
      input: 'sumInsured',
      kind: 'band',
      coverages: ['MEDICAL'],
      rows: [
        { from: 100_000_00, to: 499_999_99, factor: '1.00' },
        { from: 500_000_00, to: 999_999_99, factor: '1.20' },
        { from: 1_000_000_00, to: 1_000_000_00, factor: '1.35' },
      ],
    },
  ],
  policyFee: 0,
  premiumTaxByRegion: {},
  minimumPremium: 15_00,
  // Paid once, before the trip: no late fee.
  lateFee: { kind: 'none' },
  claims: CLAIMS_CATALOGS.TRAVEL_SINGLE,
  eligibility: { entryAgeMin: 0, entryAgeMax: 85, smokersAllowed: true, occupationClasses: [1, 2, 3, 4], kycVerifiedRequired: false },
  requiredDocuments: [{ code: 'TRAVEL_ITINERARY', name: 'Booking confirmation or itinerary' }],
  medicalExamRules: [],
  referralRules: [
    { code: 'SENIOR_TRAVELLER', message: 'Travellers aged 75 or over need medical screening.', when: [{ field: 'entryAge', op: 'gte', value: 75 }] },
    { code: 'LONG_STAY', message: 'Trips longer than 92 days are underwritten individually.', when: [{ field: 'tripDays', op: 'gte', value: 93 }] },
  ],
  declarationQuestions: [
    { code: 'PRE_EXISTING', category: 'health', text: 'Have you been treated for a medical condition in the last 2 years?', answerType: 'yes_no', detailsOnYes: true },
    { code: 'AGAINST_ADVICE', category: 'health', text: 'Are you travelling against medical advice, or to get medical treatment abroad?', answerType: 'yes_no' },
    { code: 'TRAVEL_CLAIMS', category: 'prior_claims', text: 'How many travel insurance claims have you made in the last 3 years?', answerType: 'number' },
  ],
};
