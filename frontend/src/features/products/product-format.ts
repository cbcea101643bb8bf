// Plain-language text for a product definition: amounts, rates and rules as an agent reads them.
import type { Condition, CoverageDefinition, ExamType, LateFeeRule, ProductDefinition } from '@contracts/products';
import { CONDITION_FIELD_LABELS, EXAM_LABELS, valueLabel } from './product-labels';

const MINOR_PER_MAJOR = 100;
const wholeAmount = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const centsAmount = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });
const decimalNumber = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 });

/**
 * "500,000 USD" for a sum insured (minor units in the API); cents only when there are any
 * ("499,999.99"). Without a currency, the number alone.
 */
export function formatAmount(minorUnits: number, currency?: string): string {
  const major = minorUnits / MINOR_PER_MAJOR;
  const text = minorUnits % MINOR_PER_MAJOR === 0 ? wholeAmount.format(major) : centsAmount.format(major);
  return currency ? `${text} ${currency}` : text;
}

/** "1.75%" for a decimal rate "0.0175". */
export function formatPercent(decimal: string): string {
  return `${percent.format(Number(decimal) * 100)}%`;
}

/** "2,650.00" for a decimal amount in major units "2650.00". */
export function formatDecimal(decimal: string): string {
  const value = Number(decimal);
  return Number.isFinite(value) ? decimalNumber.format(value) : decimal;
}

/**
 * "None", "15 USD on an installment unpaid more than 10 days after its due date", or "5% of the unpaid
 * installment, at most 25 USD, …". Absent is none.
 */
export function describeLateFee(rule: LateFeeRule | undefined, currency: string): string {
  if (!rule || rule.kind === 'none') return 'None';
  const when = rule.afterDays === 0 ? 'once it is late' : `unpaid more than ${rule.afterDays} ${rule.afterDays === 1 ? 'day' : 'days'} after its due date`;
  if (rule.kind === 'flat') return `${formatAmount(rule.amount, currency)} on an installment ${when}`;
  return `${formatPercent(rule.rate)} of the unpaid installment, at most ${formatAmount(rule.cap, currency)}, ${when}`;
}

/** "a, b or c" */
export function formatList(items: readonly string[], conjunction: 'and' | 'or' = 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** A coverage whose only sum insured is 0 pays a fixed benefit (e.g. waiver of premium). */
export function hasNoSumInsured(coverage: CoverageDefinition): boolean {
  return 'options' in coverage.sumInsured && coverage.sumInsured.options.every((option) => option === 0);
}

/** "50,000 to 2,000,000 USD, in steps of 10,000" or "250,000, 500,000 or 1,000,000 USD". */
export function describeSumInsured(coverage: CoverageDefinition, currency: string): string {
  const { sumInsured } = coverage;
  if (hasNoSumInsured(coverage)) return 'No sum insured';
  if ('options' in sumInsured) return `${formatList(sumInsured.options.map((o) => formatAmount(o)))} ${currency}`;
  return `${formatAmount(sumInsured.min)} to ${formatAmount(sumInsured.max, currency)}, in steps of ${formatAmount(sumInsured.step)}`;
}

/** "None" or "250, 500 or 1,000 USD". */
export function describeDeductibles(coverage: CoverageDefinition, currency: string): string {
  const options = coverage.deductibleOptions ?? [];
  if (options.length === 0) return 'None';
  return `${formatList(options.map((o) => formatAmount(o)))} ${currency}`;
}

/** The base rate before any factor: "1.10 USD per 1,000 USD insured" or "24.00 USD a year". */
export function describeRate(coverage: CoverageDefinition, currency: string): string {
  return coverage.rateBasis === 'per_1000' ? `${formatDecimal(coverage.rate)} ${currency} per 1,000 insured` : `${formatDecimal(coverage.rate)} ${currency} a year`;
}

const UNITS: Partial<Record<Condition['field'], string>> = {
  termYears: 'years',
  vehicleAge: 'years',
  tripDays: 'days',
};

function conditionSubject(condition: Condition, definition: ProductDefinition): string {
  if (condition.field !== 'sumInsured') return CONDITION_FIELD_LABELS[condition.field];
  const coverage = definition.coverages.find((c) => c.code === condition.coverage);
  return `${coverage?.name ?? condition.coverage ?? 'A coverage'} sum insured`;
}

function conditionValue(condition: Condition, value: string | number | boolean, currency: string): string {
  if (condition.field === 'sumInsured' && typeof value === 'number') return formatAmount(value, currency);
  if (typeof value === 'number') return UNITS[condition.field] ? `${value} ${UNITS[condition.field]}` : String(value);
  return valueLabel(condition.field, String(value));
}

/** "Age ≥ 50", "Death benefit sum insured ≥ 1,000,000 USD", "Smoker", "Region is FL, LA or TX". */
export function describeCondition(condition: Condition, definition: ProductDefinition): string {
  const subject = conditionSubject(condition, definition);
  const { value, op } = condition;
  if (condition.field === 'smoker' && op === 'eq' && typeof value === 'boolean') return value ? 'Smoker' : 'Non-smoker';
  if (Array.isArray(value)) {
    return `${subject} is ${formatList(value.map((v) => conditionValue(condition, v, definition.currency)))}`;
  }
  const shown = conditionValue(condition, value, definition.currency);
  if (op === 'gte') return `${subject} ≥ ${shown}`;
  if (op === 'lte') return `${subject} ≤ ${shown}`;
  return `${subject} is ${shown}`;
}

/** All conditions of a rule, or null when the rule always applies. */
export function describeConditions(conditions: readonly Condition[] | undefined, definition: ProductDefinition): string | null {
  if (!conditions || conditions.length === 0) return null;
  return conditions.map((condition) => describeCondition(condition, definition)).join(' and ');
}

/** "paramedical, blood panel and urinalysis" */
export function describeExams(exams: readonly ExamType[]): string {
  return formatList(
    exams.map((exam) => EXAM_LABELS[exam]),
    'and',
  );
}

export interface EntryAgesForTerm {
  termYears: number;
  minAge: number;
  /** Lower than minAge when nobody can take this term. */
  maxAge: number;
}

/**
 * The entry ages each term is open to: the maximum age at the end of the term cuts the upper entry
 * age of long terms (a 30-year term ending by 85 takes people up to 55).
 */
export function entryAgesByTerm(definition: ProductDefinition): EntryAgesForTerm[] {
  const { entryAgeMin, entryAgeMax, maxAgeAtExpiry } = definition.eligibility;
  return [...definition.termYears]
    .sort((a, b) => a - b)
    .map((termYears) => ({
      termYears,
      minAge: entryAgeMin,
      maxAge: maxAgeAtExpiry === undefined ? entryAgeMax : Math.min(entryAgeMax, maxAgeAtExpiry - termYears),
    }));
}
