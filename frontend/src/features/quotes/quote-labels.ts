import type { ExamType, FactorInput, PaymentFrequency, RiskInput } from '@contracts/products';
import { type CONSTRUCTION_TYPES, type VEHICLE_USES } from '@contracts/products';
import { formatAmount } from './quote-money';

export const FREQUENCY_LABELS: Record<PaymentFrequency, string> = {
  annual: 'Annual',
  semi_annual: 'Semi-annual',
  quarterly: 'Quarterly',
  monthly: 'Monthly',
  single: 'Single premium',
};

export const EXAM_LABELS: Record<ExamType, string> = {
  paramedical: 'Paramedical exam',
  blood_panel: 'Blood panel',
  urinalysis: 'Urinalysis',
  ecg: 'ECG (heart tracing)',
  full_medical: 'Full medical exam by a doctor',
};

export const VEHICLE_USE_LABELS: Record<(typeof VEHICLE_USES)[number], string> = {
  private: 'Private use only',
  commute: 'Private and commuting to work',
  business: 'Business use',
};

export const CONSTRUCTION_TYPE_LABELS: Record<(typeof CONSTRUCTION_TYPES)[number], string> = {
  frame: 'Timber frame',
  masonry_veneer: 'Brick veneer over a frame',
  masonry: 'Solid brick or stone',
  fire_resistive: 'Fire-resistive (concrete or steel)',
};

import { DESTINATION_ZONE_LABELS } from '@/lib/term-wording';
export { DESTINATION_ZONE_LABELS };

/** The questions the builder asks about what is insured, in plain words. */
export const RISK_INPUT_LABELS: Record<RiskInput, string> = {
  vehicleAge: 'How old is the vehicle? (years)',
  vehicleUse: 'What is the vehicle used for?',
  constructionType: 'How is the home built?',
  destinationZone: 'Where is the trip to?',
  tripDays: 'How many days is the trip?',
};

/** Short names for the same details, for summaries and the comparison. */
export const RISK_INPUT_SHORT_LABELS: Record<RiskInput, string> = {
  vehicleAge: 'Vehicle age',
  vehicleUse: 'Vehicle use',
  constructionType: 'Construction',
  destinationZone: 'Destination',
  tripDays: 'Trip length',
};

const GENDER_ROWS: Record<string, string> = { female: 'Female', male: 'Male', non_binary: 'Non-binary', unspecified: 'Not stated' };
const CATEGORY_ROWS: Partial<Record<FactorInput, Record<string, string>>> = {
  gender: GENDER_ROWS,
  smoker: { yes: 'Smoker', no: 'Non-smoker' },
  riskLevel: { low: 'Low risk', medium: 'Medium risk', high: 'High risk' },
  vehicleUse: VEHICLE_USE_LABELS,
  constructionType: CONSTRUCTION_TYPE_LABELS,
  destinationZone: DESTINATION_ZONE_LABELS,
};

export function riskValueLabel(input: RiskInput, value: string | number): string {
  switch (input) {
    case 'vehicleAge':
      return `${value} ${value === 1 ? 'year' : 'years'}`;
    case 'tripDays':
      return `${value} ${value === 1 ? 'day' : 'days'}`;
    default:
      return CATEGORY_ROWS[input]?.[String(value)] ?? String(value);
  }
}

export function genderLabel(gender: string): string {
  return GENDER_ROWS[gender] ?? gender;
}

const UNITS: Partial<Record<FactorInput, string>> = { termYears: 'years', vehicleAge: 'years', tripDays: 'days' };

/**
 * The row of a factor table a worksheet step came from, in words: "30–39", "20 years", "Non-smoker",
 * "Class 1"; sums insured and deductibles (minor units in the row) as "100,000 – 299,999.99 USD".
 */
export function factorRowLabel(input: FactorInput | undefined, row: string, currency: string): string {
  if (!input) return row;
  if (input === 'sumInsured' || input === 'deductible') {
    const bounds = row.split('–');
    if (!bounds.every((bound) => /^\d+$/.test(bound))) return row;
    return `${bounds.map((bound) => formatAmount(Number(bound))).join(' – ')} ${currency}`;
  }
  if (input === 'occupationClass') return `Class ${row}`;
  const unit = UNITS[input];
  if (unit) return `${row} ${unit}`;
  return CATEGORY_ROWS[input]?.[row] ?? row;
}
