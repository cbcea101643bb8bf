// Where an error about a definition path belongs in the draft editor, and how to name that place.
// The API says `definition.factorTables.0.rows.1.from`; the editor shows it under the "From" cell
// of the second row of the first factor table, and lists it as "Factor table AGE · row 2 · From".
import type { FieldError } from '@contracts/common';
import { PAYMENT_FREQUENCIES } from '@contracts/products';
import type { PaymentFrequency } from '@contracts/products';
import type { DraftValues } from './draft-form/values';
import { FREQUENCY_LABELS } from './product-labels';

const DEFINITION_PREFIX = 'definition.';

const isFrequency = (value: string | undefined): value is PaymentFrequency => (PAYMENT_FREQUENCIES as readonly (string | undefined)[]).includes(value);

/** Paths into a list-valued input (one tags input or checkbox group holds the whole list). */
const LIST_INPUTS: RegExp[] = [
  /^(termYears)\.\d+$/,
  /^(eligibility\.(?:occupationClasses|allowedRegions))\.\d+$/,
  /^(coverages\.\d+\.sumInsured\.options)\.\d+$/,
  /^(coverages\.\d+\.deductibleOptions)\.\d+$/,
  /^(factorTables\.\d+\.coverages)\.\d+$/,
  /^(medicalExamRules\.\d+\.exams)\.\d+$/,
  /^(fastTrack\.lossTypes)\.\d+$/,
];

type Rules = 'requiredDocuments' | 'medicalExamRules' | 'referralRules';

/**
 * The form field of a definition path (as the API or the zod schema name it, without the
 * `definition.` prefix). Most are the same path; a few inputs hold their values differently.
 */
export function formPathOf(path: string, values: DraftValues): string {
  // The claims settings' fast-track rule is edited in its own section.
  if (path === 'claims.fastTrack' || path.startsWith('claims.fastTrack.')) return formPathOf(path.replace(/^claims\.fastTrack/, 'fastTrack'), values);
  const segments = path.split('.');
  const [top, second] = segments;

  if (top === 'frequencyLoadings') return isFrequency(second) ? `frequencyLoadings.${second}.loading` : 'frequencyLoadings';
  if (top === 'premiumTaxByRegion') {
    const index = values.premiumTaxByRegion.findIndex((row) => row.region.trim().toUpperCase() === second);
    return index >= 0 ? `premiumTaxByRegion.${index}.rate` : 'premiumTaxByRegion';
  }

  for (const pattern of LIST_INPUTS) {
    const match = pattern.exec(path);
    if (match?.[1]) return match[1];
  }

  // A whole band row ("`from` must not be above `to`") is shown at the row's first cell.
  const row = /^factorTables\.(\d+)\.rows\.(\d+)$/.exec(path);
  if (row) {
    const table = values.factorTables[Number(row[1])];
    return `${path}.${table?.kind === 'category' ? 'key' : 'from'}`;
  }
  // Policy years are the row numbers on screen, so their errors go to the row's amount.
  const cashRow = /^cashValues\.rows\.(\d+)(?:\.policyYear)?$/.exec(path);
  if (cashRow) return `cashValues.rows.${cashRow[1]}.perThousand`;

  // One sum-insured shape or the other; the error goes to the input the coverage shows.
  const sumInsured = /^coverages\.(\d+)\.sumInsured$/.exec(path);
  if (sumInsured) {
    const coverage = values.coverages[Number(sumInsured[1])];
    return `${path}.${coverage?.sumInsured.kind === 'options' ? 'options' : 'min'}`;
  }

  // A condition's value: one input for ≥ ≤ =, a tags input for "is one of".
  const condition = /^(requiredDocuments|medicalExamRules|referralRules)\.(\d+)\.when\.(\d+)\.value(?:\.\d+)?$/.exec(path);
  if (condition) {
    const [, list, rule, index] = condition;
    const op = values[list as Rules][Number(rule)]?.when[Number(index)]?.op;
    return `${list}.${rule}.when.${index}.${op === 'in' ? 'values' : 'value'}`;
  }
  return path;
}

export interface PlacedErrors {
  /** Messages by form field; two messages for one field are joined. */
  byField: Record<string, string>;
  /** Errors that are not about the definition (e.g. `effectiveFrom`). */
  other: FieldError[];
}

/** Splits the API's `errors[]` into the editor's fields and the rest. */
export function placeServerErrors(errors: readonly FieldError[], values: DraftValues): PlacedErrors {
  const placed: PlacedErrors = { byField: {}, other: [] };
  for (const error of errors) {
    if (!error.path.startsWith(DEFINITION_PREFIX)) {
      placed.other.push(error);
      continue;
    }
    const field = formPathOf(error.path.slice(DEFINITION_PREFIX.length), values);
    const existing = placed.byField[field];
    placed.byField[field] = existing && existing !== error.message ? `${existing}; ${error.message}` : error.message;
  }
  return placed;
}

// --- Naming a place in the editor, for the list of problems

/** The editor's sections in screen order: each top-level field, the section it is in. */
export const EDITOR_SECTIONS = [
  { id: 'coverages', title: 'Coverages', fields: ['coverages'] },
  { id: 'terms', title: 'Terms and payment', fields: ['termYears', 'frequencyLoadings'] },
  { id: 'charges', title: 'Fees, taxes and minimum premium', fields: ['policyFee', 'minimumPremium', 'premiumTaxByRegion', 'lateFee'] },
  { id: 'eligibility', title: 'Eligibility', fields: ['eligibility'] },
  { id: 'factor-tables', title: 'Factor tables', fields: ['factorTables'] },
  { id: 'documents', title: 'Required documents', fields: ['requiredDocuments'] },
  { id: 'exam-rules', title: 'Medical exam rules', fields: ['medicalExamRules'] },
  { id: 'referral-rules', title: 'Referral rules', fields: ['referralRules'] },
  { id: 'declaration', title: 'Declaration questions', fields: ['declarationQuestions'] },
  { id: 'cash-values', title: 'Cash values', fields: ['cashValues'] },
  { id: 'fast-track', title: 'Fast-track claims', fields: ['fastTrack'] },
] as const;

export type EditorSectionId = (typeof EDITOR_SECTIONS)[number]['id'];

const TOP_FIELDS: string[] = EDITOR_SECTIONS.flatMap((section) => [...section.fields]);

/** The section a form path is in; undefined for paths outside the definition. */
export function sectionOf(path: string): EditorSectionId | undefined {
  const top = path.split('.')[0] ?? '';
  return EDITOR_SECTIONS.find((section) => (section.fields as readonly string[]).includes(top))?.id;
}

const FIELD_LABELS: Record<string, string> = {
  code: 'Code',
  name: 'Name',
  label: 'Label',
  required: 'Required',
  rateBasis: 'Rate basis',
  rate: 'Rate',
  sumInsured: 'Sum insured',
  min: 'Minimum',
  max: 'Maximum',
  step: 'Step',
  options: 'Options',
  deductibleOptions: 'Deductibles',
  input: 'Rated on',
  kind: 'Kind',
  coverages: 'Applies to',
  rows: 'Rows',
  from: 'From',
  to: 'To',
  key: 'Value',
  factor: 'Factor',
  loading: 'Loading',
  region: 'Region',
  entryAgeMin: 'Minimum entry age',
  entryAgeMax: 'Maximum entry age',
  maxAgeAtExpiry: 'Maximum age at end of term',
  allowedRegions: 'Regions',
  smokersAllowed: 'Smokers',
  occupationClasses: 'Occupation classes',
  kycVerifiedRequired: 'Identity verification',
  policyFee: 'Policy fee',
  minimumPremium: 'Minimum premium',
  termYears: 'Terms',
  frequencyLoadings: 'Payment frequencies',
  premiumTaxByRegion: 'Premium tax',
  lateFee: 'Late fee',
  amount: 'Amount',
  cap: 'At most',
  afterDays: 'Days late',
  description: 'Description',
  message: 'Message',
  exams: 'Exams',
  when: 'Conditions',
  field: 'Looks at',
  op: 'Comparison',
  value: 'Value',
  values: 'Values',
  category: 'Category',
  text: 'Question',
  answerType: 'Answer',
  detailsOnYes: 'Explain a yes',
  perThousand: 'Per 1,000',
  effectiveFrom: 'Effective date',
  currency: 'Currency',
  requiredDocuments: 'Required documents',
  medicalExamRules: 'Medical exam rules',
  referralRules: 'Referral rules',
  declarationQuestions: 'Declaration questions',
  cashValues: 'Cash values',
  eligibility: 'Eligibility',
  factorTables: 'Factor tables',
};

const ITEM_NAMES: Record<string, string> = {
  coverages: 'Coverage',
  factorTables: 'Factor table',
  requiredDocuments: 'Document',
  medicalExamRules: 'Exam rule',
  referralRules: 'Referral rule',
  declarationQuestions: 'Question',
};

const isIndex = (segment: string | undefined) => segment !== undefined && /^\d+$/.test(segment);

function itemName(list: string, index: number, values: DraftValues): string {
  const items = (values as unknown as Record<string, { code?: string }[] | undefined>)[list];
  const code = items?.[index]?.code?.trim();
  return `${ITEM_NAMES[list] ?? list} ${code || index + 1}`;
}

/** "Factor table AGE · row 3 · From", "Eligibility · Minimum entry age", "Payment · Monthly". */
export function describeFieldPath(path: string, values: DraftValues): string {
  const segments = path.split('.');
  const parts: string[] = [];
  const [top = ''] = segments;

  if (top === 'frequencyLoadings') {
    const frequency = segments[1];
    return isFrequency(frequency) ? `Payment ${FREQUENCY_LABELS[frequency].toLowerCase()} · Loading` : 'Payment frequencies';
  }
  if (top === 'premiumTaxByRegion' && isIndex(segments[1])) {
    const region = values.premiumTaxByRegion[Number(segments[1])]?.region.trim();
    return `Premium tax ${region || `row ${Number(segments[1]) + 1}`} · ${FIELD_LABELS[segments[2] ?? ''] ?? 'Rate'}`;
  }

  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const next = segments[i + 1];
    if (i === 0 && ITEM_NAMES[segment] && isIndex(next)) {
      parts.push(itemName(segment, Number(next), values));
      i++;
    } else if (segment === 'rows' && isIndex(next)) {
      parts.push(top === 'cashValues' ? `year ${Number(next) + 1}` : `row ${Number(next) + 1}`);
      i++;
    } else if (segment === 'when' && isIndex(next)) {
      parts.push(`condition ${Number(next) + 1}`);
      i++;
    } else if (segment === 'sumInsured' && next !== undefined) {
      parts.push(`Sum insured ${FIELD_LABELS[next]?.toLowerCase() ?? next}`);
      i++;
    } else {
      parts.push(FIELD_LABELS[segment] ?? segment);
    }
  }
  return parts.join(' · ');
}

/** Compares form paths in the order their fields appear on screen. */
export function compareFieldPaths(a: string, b: string): number {
  const key = (path: string) => {
    const segments = path.split('.');
    const top = TOP_FIELDS.indexOf(segments[0] ?? '');
    return [top < 0 ? TOP_FIELDS.length : top, ...segments.slice(1).map((s) => (isIndex(s) ? Number(s) : -1))];
  };
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < Math.max(ka.length, kb.length); i++) {
    const diff = (ka[i] ?? -2) - (kb[i] ?? -2);
    if (diff !== 0) return diff;
  }
  return 0;
}
