import { CONDITION_FIELDS, CONSTRUCTION_TYPES, DESTINATION_ZONES, VEHICLE_USES } from '@contracts/products';
import type { Condition, DeclarationQuestion, ExamType, FactorInput, PaymentFrequency, Product, ProductDefinition } from '@contracts/products';

export type ProductCategory = Product['category'];
export type ProductStatus = Product['status'];
export type ConditionField = Condition['field'];
export type ConditionOp = Condition['op'];
export type RateBasis = ProductDefinition['coverages'][number]['rateBasis'];

export const CATEGORY_LABELS: Record<ProductCategory, string> = {
  life: 'Life',
  health: 'Health',
  auto: 'Motor',
  home: 'Home',
  travel: 'Travel',
  personal_accident: 'Personal accident',
};

export const PRODUCT_STATUS_LABELS: Record<ProductStatus, string> = {
  draft: 'Draft',
  active: 'Active',
  retired: 'Retired',
};

export const FREQUENCY_LABELS: Record<PaymentFrequency, string> = {
  annual: 'Annually',
  semi_annual: 'Every 6 months',
  quarterly: 'Quarterly',
  monthly: 'Monthly',
  single: 'Single premium (trip products only)',
};

export const RATE_BASIS_LABELS: Record<RateBasis, string> = {
  per_1000: 'Per 1,000 of sum insured',
  flat: 'Flat amount a year',
};

export const FACTOR_INPUT_LABELS: Record<FactorInput, string> = {
  entryAge: 'Entry age',
  gender: 'Gender',
  smoker: 'Smoker',
  region: 'Region',
  occupationClass: 'Occupation class',
  riskLevel: 'Customer risk level',
  termYears: 'Term (years)',
  deductible: 'Deductible',
  vehicleAge: 'Vehicle age (years)',
  vehicleUse: 'Vehicle use',
  constructionType: 'Construction type',
  sumInsured: 'Sum insured',
  destinationZone: 'Destination zone',
  tripDays: 'Trip length (days)',
};

export const EXAM_LABELS: Record<ExamType, string> = {
  paramedical: 'paramedical',
  blood_panel: 'blood panel',
  urinalysis: 'urinalysis',
  ecg: 'ECG',
  full_medical: 'full medical exam',
};

export const QUESTION_CATEGORY_LABELS: Record<DeclarationQuestion['category'], string> = {
  health: 'Health',
  lifestyle: 'Lifestyle',
  prior_claims: 'Prior claims and insurance history',
};

export const ANSWER_TYPE_LABELS: Record<DeclarationQuestion['answerType'], string> = {
  yes_no: 'Yes / no',
  number: 'Number',
  text: 'Text',
};

/** What a rule condition looks at, as a sentence starts ("Age ≥ 50"). */
export const CONDITION_FIELD_LABELS: Record<ConditionField, string> = {
  entryAge: 'Age',
  ageAtExpiry: 'Age at end of term',
  termYears: 'Term',
  sumInsured: 'Sum insured',
  smoker: 'Smoker',
  occupationClass: 'Occupation class',
  riskLevel: 'Customer risk level',
  region: 'Region',
  vehicleAge: 'Vehicle age',
  vehicleUse: 'Vehicle use',
  constructionType: 'Construction type',
  destinationZone: 'Destination zone',
  tripDays: 'Trip length',
};

export const OP_SYMBOLS: Record<ConditionOp, string> = { gte: '≥', lte: '≤', eq: '=', in: 'is one of' };

/** The values of the categorical inputs, with the words an agent uses for them. */
export const CATEGORY_VALUE_LABELS: Partial<Record<FactorInput | ConditionField, Record<string, string>>> = {
  gender: { female: 'Female', male: 'Male', non_binary: 'Non-binary', unspecified: 'Not stated' },
  smoker: { no: 'Non-smoker', yes: 'Smoker' },
  riskLevel: { low: 'Low', medium: 'Medium', high: 'High' },
  vehicleUse: labelsOf(VEHICLE_USES, { private: 'Private', commute: 'Commuting', business: 'Business' }),
  constructionType: labelsOf(CONSTRUCTION_TYPES, {
    frame: 'Frame',
    masonry_veneer: 'Masonry veneer',
    masonry: 'Masonry',
    fire_resistive: 'Fire resistive',
  }),
  destinationZone: labelsOf(DESTINATION_ZONES, {
    domestic: 'Domestic',
    europe: 'Europe',
    worldwide_excl_americas: 'Worldwide except the Americas',
    worldwide: 'Worldwide',
  }),
};

function labelsOf<K extends string>(values: readonly K[], labels: Record<K, string>): Record<string, string> {
  return Object.fromEntries(values.map((value) => [value, labels[value]]));
}

/** The label of a category row or condition value, or the value itself (e.g. a region code). */
export function valueLabel(input: FactorInput | ConditionField, value: string): string {
  return CATEGORY_VALUE_LABELS[input]?.[value] ?? value;
}

/** Fixed values a categorical input can take (regions are the product's own, so not here). */
export const CATEGORY_DOMAINS: Partial<Record<FactorInput | ConditionField, readonly string[]>> = {
  gender: ['female', 'male', 'non_binary', 'unspecified'],
  smoker: ['no', 'yes'],
  riskLevel: ['low', 'medium', 'high'],
  vehicleUse: VEHICLE_USES,
  constructionType: CONSTRUCTION_TYPES,
  destinationZone: DESTINATION_ZONES,
};

/** Inputs whose band bounds are money (minor units in the API, major units on screen). */
export const MONEY_INPUTS: ReadonlySet<FactorInput | ConditionField> = new Set(['sumInsured', 'deductible']);

/** Inputs that are numbers, so a table on them is naturally a band table. */
export const NUMERIC_INPUTS: ReadonlySet<FactorInput> = new Set(['entryAge', 'termYears', 'occupationClass', 'deductible', 'vehicleAge', 'sumInsured', 'tripDays']);

/** Condition fields compared as numbers (≥, ≤). */
export const NUMERIC_CONDITION_FIELDS: ReadonlySet<ConditionField> = new Set(['entryAge', 'ageAtExpiry', 'termYears', 'sumInsured', 'occupationClass', 'vehicleAge', 'tripDays']);

/** Select choices from a label map, in the map's order. */
export function optionsOf<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
}

export const CONDITION_FIELD_OPTIONS = CONDITION_FIELDS.map((field) => ({
  value: field,
  label: CONDITION_FIELD_LABELS[field],
}));
