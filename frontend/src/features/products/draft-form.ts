// The draft editor's form: a product definition in the shape inputs hold it (text and major units),
// and the way back to the API's ProductDefinition, checked with the API's own zod schema.
//
// Field paths mirror the definition's (`factorTables.0.rows.1.from`), so an error the API reports
// for a path lands on the input with that path; `draft-errors.ts` handles the few that differ.
import { PAYMENT_FREQUENCIES, ProductDefinition } from '@contracts/products';
import type {
  Condition,
  CoverageDefinition,
  DeclarationQuestion,
  ExamType,
  FactorInput,
  PaymentFrequency,
} from '@contracts/products';
import type { z } from 'zod';
import { toMajorUnits, toMinorUnits } from '@/lib/money';
import { formPathOf } from './draft-errors';
import { MONEY_INPUTS, NUMERIC_CONDITION_FIELDS } from './product-labels';
import type { ConditionField, ConditionOp, RateBasis } from './product-labels';

/** A number as a NumberInput holds it: '' while empty. */
export type NumberValue = number | string;

let lastId = 0;
/** Keys list items for React across inserts and removals; never sent to the API. */
export function newId(): string {
  lastId += 1;
  return `item-${lastId}`;
}

export interface CoverageValues {
  id: string;
  code: string;
  name: string;
  required: boolean;
  rateBasis: RateBasis;
  rate: string;
  /** Amounts in major units; `options` as typed in the tags input. */
  sumInsured: { kind: 'range' | 'options'; min: NumberValue; max: NumberValue; step: NumberValue; options: string[] };
  deductibleOptions: string[];
}

/** One row holds both shapes, so switching a table between band and category loses nothing. */
export interface FactorRowValues {
  id: string;
  /** Major units when the table's input is money (sum insured, deductible). */
  from: NumberValue;
  to: NumberValue;
  key: string;
  factor: string;
}

export interface FactorTableValues {
  id: string;
  code: string;
  label: string;
  input: FactorInput;
  kind: 'band' | 'category';
  /** Empty: the table applies to every coverage. */
  coverages: string[];
  rows: FactorRowValues[];
}

export interface ConditionValues {
  id: string;
  field: ConditionField;
  /** The coverage whose sum insured is compared (sumInsured only). */
  coverage: string;
  op: ConditionOp;
  /** For ≥, ≤ and =: "50", "true", "business"; sums insured in major units. */
  value: string;
  /** For "is one of". */
  values: string[];
}

export interface DocumentValues {
  id: string;
  code: string;
  name: string;
  when: ConditionValues[];
}

export interface ExamRuleValues {
  id: string;
  code: string;
  description: string;
  exams: ExamType[];
  when: ConditionValues[];
}

export interface ReferralRuleValues {
  id: string;
  code: string;
  message: string;
  when: ConditionValues[];
}

export interface QuestionValues {
  id: string;
  code: string;
  category: DeclarationQuestion['category'];
  text: string;
  answerType: DeclarationQuestion['answerType'];
  detailsOnYes: boolean;
}

export interface TaxValues {
  id: string;
  region: string;
  rate: string;
}

export interface CashValueRowValues {
  id: string;
  /** Policy years are the row numbers: 1, 2, 3… */
  perThousand: string;
}

export interface DraftValues {
  coverages: CoverageValues[];
  termYears: string[];
  frequencyLoadings: Record<PaymentFrequency, { offered: boolean; loading: string }>;
  /** Major units. */
  policyFee: NumberValue;
  minimumPremium: NumberValue;
  premiumTaxByRegion: TaxValues[];
  eligibility: {
    entryAgeMin: NumberValue;
    entryAgeMax: NumberValue;
    /** '' for no limit. */
    maxAgeAtExpiry: NumberValue;
    regionsRestricted: boolean;
    allowedRegions: string[];
    smokersAllowed: boolean;
    /** '1' to '4', as the checkboxes hold them. */
    occupationClasses: string[];
    kycVerifiedRequired: boolean;
  };
  factorTables: FactorTableValues[];
  requiredDocuments: DocumentValues[];
  medicalExamRules: ExamRuleValues[];
  referralRules: ReferralRuleValues[];
  declarationQuestions: QuestionValues[];
  cashValues: { enabled: boolean; coverage: string; rows: CashValueRowValues[] };
}

// --- From the API's definition to the form

const amountText = (minor: number) => String(toMajorUnits(minor));

function conditionText(field: ConditionField, value: string | number | boolean): string {
  return field === 'sumInsured' && typeof value === 'number' ? amountText(value) : String(value);
}

export function conditionValues(condition: Condition): ConditionValues {
  const { field, op, value } = condition;
  return {
    id: newId(),
    field,
    coverage: condition.coverage ?? '',
    op,
    value: Array.isArray(value) ? '' : conditionText(field, value),
    values: Array.isArray(value) ? value.map((v) => conditionText(field, v)) : [],
  };
}

function coverageValues(coverage: CoverageDefinition): CoverageValues {
  const { sumInsured } = coverage;
  return {
    id: newId(),
    code: coverage.code,
    name: coverage.name,
    required: coverage.required,
    rateBasis: coverage.rateBasis,
    rate: coverage.rate,
    sumInsured:
      'options' in sumInsured
        ? { kind: 'options', min: '', max: '', step: '', options: sumInsured.options.map(amountText) }
        : {
            kind: 'range',
            min: toMajorUnits(sumInsured.min),
            max: toMajorUnits(sumInsured.max),
            step: toMajorUnits(sumInsured.step),
            options: [],
          },
    deductibleOptions: (coverage.deductibleOptions ?? []).map(amountText),
  };
}

export function toDraftValues(definition: ProductDefinition): DraftValues {
  const { eligibility } = definition;
  return {
    coverages: definition.coverages.map(coverageValues),
    termYears: definition.termYears.map(String),
    frequencyLoadings: Object.fromEntries(
      PAYMENT_FREQUENCIES.map((frequency) => {
        const loading = definition.frequencyLoadings[frequency];
        return [frequency, { offered: loading !== undefined, loading: loading ?? '0' }];
      }),
    ) as DraftValues['frequencyLoadings'],
    policyFee: toMajorUnits(definition.policyFee),
    minimumPremium: toMajorUnits(definition.minimumPremium),
    premiumTaxByRegion: Object.entries(definition.premiumTaxByRegion).map(([region, rate]) => ({ id: newId(), region, rate })),
    eligibility: {
      entryAgeMin: eligibility.entryAgeMin,
      entryAgeMax: eligibility.entryAgeMax,
      maxAgeAtExpiry: eligibility.maxAgeAtExpiry ?? '',
      regionsRestricted: eligibility.allowedRegions !== undefined,
      allowedRegions: eligibility.allowedRegions ?? [],
      smokersAllowed: eligibility.smokersAllowed,
      occupationClasses: eligibility.occupationClasses.map(String),
      kycVerifiedRequired: eligibility.kycVerifiedRequired,
    },
    factorTables: definition.factorTables.map((table) => {
      const money = MONEY_INPUTS.has(table.input);
      return {
        id: newId(),
        code: table.code,
        label: table.label,
        input: table.input,
        kind: table.kind,
        coverages: table.coverages ?? [],
        rows:
          table.kind === 'band'
            ? table.rows.map((row) => ({
                id: newId(),
                from: money ? toMajorUnits(row.from) : row.from,
                to: money ? toMajorUnits(row.to) : row.to,
                key: '',
                factor: row.factor,
              }))
            : table.rows.map((row) => ({ id: newId(), from: '', to: '', key: row.key, factor: row.factor })),
      };
    }),
    requiredDocuments: definition.requiredDocuments.map((document) => ({
      id: newId(),
      code: document.code,
      name: document.name,
      when: (document.when ?? []).map(conditionValues),
    })),
    medicalExamRules: definition.medicalExamRules.map((rule) => ({
      id: newId(),
      code: rule.code,
      description: rule.description,
      exams: [...rule.exams],
      when: rule.when.map(conditionValues),
    })),
    referralRules: definition.referralRules.map((rule) => ({
      id: newId(),
      code: rule.code,
      message: rule.message,
      when: rule.when.map(conditionValues),
    })),
    declarationQuestions: definition.declarationQuestions.map((question) => ({
      id: newId(),
      code: question.code,
      category: question.category,
      text: question.text,
      answerType: question.answerType,
      detailsOnYes: question.detailsOnYes ?? false,
    })),
    cashValues: {
      enabled: definition.cashValues !== undefined,
      coverage: definition.cashValues?.coverage ?? '',
      rows: (definition.cashValues?.rows ?? []).map((row) => ({ id: newId(), perThousand: row.perThousand })),
    },
  };
}

// --- New items, as the "Add …" buttons create them

export function newCoverage(): CoverageValues {
  return {
    id: newId(),
    code: '',
    name: '',
    required: false,
    rateBasis: 'per_1000',
    rate: '',
    sumInsured: { kind: 'range', min: '', max: '', step: '', options: [] },
    deductibleOptions: [],
  };
}

export function newFactorRow(): FactorRowValues {
  return { id: newId(), from: '', to: '', key: '', factor: '1.00' };
}

export function newFactorTable(): FactorTableValues {
  return { id: newId(), code: '', label: '', input: 'entryAge', kind: 'band', coverages: [], rows: [newFactorRow()] };
}

export function newCondition(): ConditionValues {
  return { id: newId(), field: 'entryAge', coverage: '', op: 'gte', value: '', values: [] };
}

export function newDocument(): DocumentValues {
  return { id: newId(), code: '', name: '', when: [] };
}

export function newExamRule(): ExamRuleValues {
  return { id: newId(), code: '', description: '', exams: [], when: [newCondition()] };
}

export function newReferralRule(): ReferralRuleValues {
  return { id: newId(), code: '', message: '', when: [newCondition()] };
}

export function newQuestion(): QuestionValues {
  return { id: newId(), code: '', category: 'health', text: '', answerType: 'yes_no', detailsOnYes: false };
}

export function newTaxRow(): TaxValues {
  return { id: newId(), region: '', rate: '' };
}

export function newCashValueRow(): CashValueRowValues {
  return { id: newId(), perThousand: '' };
}

/** What a new product starts from when it is not a copy: sellable nowhere until it is filled in. */
export function blankDefinition(currency: string): ProductDefinition {
  return {
    currency,
    coverages: [],
    termYears: [1],
    frequencyLoadings: { annual: '0' },
    factorTables: [],
    policyFee: 0,
    premiumTaxByRegion: {},
    minimumPremium: 0,
    eligibility: { entryAgeMin: 18, entryAgeMax: 65, smokersAllowed: true, occupationClasses: [1, 2, 3, 4], kycVerifiedRequired: false },
    requiredDocuments: [],
    medicalExamRules: [],
    referralRules: [],
    declarationQuestions: [],
  };
}

// --- From the form back to the API's definition

export type FieldErrors = Record<string, string>;

/** '' stays undefined (the schema then says "Required"); text that is no number becomes NaN. */
function numberOf(value: NumberValue): number | undefined {
  if (typeof value === 'number') return value;
  const text = value.replace(/[,\s]/g, '');
  return text === '' ? undefined : Number(text);
}

function minorOf(value: NumberValue): number | undefined {
  const major = numberOf(value);
  return major === undefined || !Number.isFinite(major) ? major : toMinorUnits(major);
}

/** Tags typed as amounts ("250,000") in minor units; a tag that is no amount is reported on the field. */
function amountsOf(tags: readonly string[], path: string, errors: FieldErrors, toNumber = minorOf): number[] {
  const numbers: number[] = [];
  for (const tag of tags) {
    const value = toNumber(tag);
    if (value === undefined || !Number.isFinite(value)) errors[path] ??= `“${tag}” is not a number`;
    else numbers.push(value);
  }
  return numbers;
}

const wholeNumberOf = (value: NumberValue) => numberOf(value);

/** A condition's value as the API compares it: numbers, true/false for smoker, text otherwise. */
function conditionScalar(field: ConditionField, text: string): string | number | boolean | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (field === 'smoker') return trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed;
  if (!NUMERIC_CONDITION_FIELDS.has(field)) return trimmed;
  return field === 'sumInsured' ? minorOf(trimmed) : numberOf(trimmed);
}

function conditionsOf(conditions: readonly ConditionValues[], path: string, errors: FieldErrors): unknown[] {
  return conditions.map((condition, index) => {
    const at = `${path}.${index}`;
    const value =
      condition.op === 'in'
        ? condition.values.map((text) => conditionScalar(condition.field, text))
        : conditionScalar(condition.field, condition.value);
    if (Array.isArray(value) && value.some((v) => typeof v === 'number' && !Number.isFinite(v))) {
      errors[`${at}.values`] ??= 'Use numbers only';
    }
    if (typeof value === 'number' && !Number.isFinite(value)) errors[`${at}.value`] ??= 'Enter a number';
    return {
      field: condition.field,
      ...(condition.field === 'sumInsured' ? { coverage: condition.coverage || undefined } : {}),
      op: condition.op,
      value,
    };
  });
}

const trimmed = (text: string) => text.trim();

/**
 * The definition the form describes, not yet checked; plus the problems found while converting
 * (amounts typed as tags, duplicate regions), keyed by form path.
 */
export function definitionInput(values: DraftValues, currency: string): { input: unknown; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const { eligibility } = values;

  const taxRegions = new Set<string>();
  values.premiumTaxByRegion.forEach((row, index) => {
    const region = row.region.trim().toUpperCase();
    if (region === '') errors[`premiumTaxByRegion.${index}.region`] = 'Required';
    else if (taxRegions.has(region)) errors[`premiumTaxByRegion.${index}.region`] = `${region} appears twice`;
    taxRegions.add(region);
  });

  const input = {
    currency,
    coverages: values.coverages.map((coverage, index) => {
      const path = `coverages.${index}`;
      const { sumInsured } = coverage;
      const deductibles = amountsOf(coverage.deductibleOptions, `${path}.deductibleOptions`, errors);
      return {
        code: trimmed(coverage.code),
        name: trimmed(coverage.name),
        required: coverage.required,
        rateBasis: coverage.rateBasis,
        rate: trimmed(coverage.rate),
        sumInsured:
          sumInsured.kind === 'options'
            ? { options: amountsOf(sumInsured.options, `${path}.sumInsured.options`, errors) }
            : { min: minorOf(sumInsured.min), max: minorOf(sumInsured.max), step: minorOf(sumInsured.step) },
        ...(deductibles.length > 0 ? { deductibleOptions: deductibles } : {}),
      };
    }),
    termYears: amountsOf(values.termYears, 'termYears', errors, wholeNumberOf).sort((a, b) => a - b),
    frequencyLoadings: Object.fromEntries(
      PAYMENT_FREQUENCIES.filter((frequency) => values.frequencyLoadings[frequency].offered).map((frequency) => [
        frequency,
        trimmed(values.frequencyLoadings[frequency].loading),
      ]),
    ),
    factorTables: values.factorTables.map((table) => {
      const money = MONEY_INPUTS.has(table.input);
      const bound = money ? minorOf : numberOf;
      return {
        code: trimmed(table.code),
        label: trimmed(table.label),
        input: table.input,
        kind: table.kind,
        rows:
          table.kind === 'band'
            ? table.rows.map((row) => ({ from: bound(row.from), to: bound(row.to), factor: trimmed(row.factor) }))
            : table.rows.map((row) => ({ key: trimmed(row.key), factor: trimmed(row.factor) })),
        ...(table.coverages.length > 0 ? { coverages: table.coverages } : {}),
      };
    }),
    policyFee: minorOf(values.policyFee),
    premiumTaxByRegion: Object.fromEntries(
      values.premiumTaxByRegion.map((row) => [row.region.trim().toUpperCase(), trimmed(row.rate)]),
    ),
    minimumPremium: minorOf(values.minimumPremium),
    eligibility: {
      entryAgeMin: numberOf(eligibility.entryAgeMin),
      entryAgeMax: numberOf(eligibility.entryAgeMax),
      ...(eligibility.maxAgeAtExpiry === '' ? {} : { maxAgeAtExpiry: numberOf(eligibility.maxAgeAtExpiry) }),
      ...(eligibility.regionsRestricted
        ? { allowedRegions: eligibility.allowedRegions.map((region) => region.trim().toUpperCase()) }
        : {}),
      smokersAllowed: eligibility.smokersAllowed,
      occupationClasses: eligibility.occupationClasses.map(Number).sort((a, b) => a - b),
      kycVerifiedRequired: eligibility.kycVerifiedRequired,
    },
    requiredDocuments: values.requiredDocuments.map((document, index) => ({
      code: trimmed(document.code),
      name: trimmed(document.name),
      ...(document.when.length > 0
        ? { when: conditionsOf(document.when, `requiredDocuments.${index}.when`, errors) }
        : {}),
    })),
    medicalExamRules: values.medicalExamRules.map((rule, index) => ({
      code: trimmed(rule.code),
      description: trimmed(rule.description),
      when: conditionsOf(rule.when, `medicalExamRules.${index}.when`, errors),
      exams: rule.exams,
    })),
    referralRules: values.referralRules.map((rule, index) => ({
      code: trimmed(rule.code),
      message: trimmed(rule.message),
      when: conditionsOf(rule.when, `referralRules.${index}.when`, errors),
    })),
    declarationQuestions: values.declarationQuestions.map((question) => ({
      code: trimmed(question.code),
      category: question.category,
      text: trimmed(question.text),
      answerType: question.answerType,
      ...(question.detailsOnYes && question.answerType === 'yes_no' ? { detailsOnYes: true } : {}),
    })),
    ...(values.cashValues.enabled
      ? {
          cashValues: {
            coverage: values.cashValues.coverage,
            rows: values.cashValues.rows.map((row, index) => ({ policyYear: index + 1, perThousand: trimmed(row.perThousand) })),
          },
        }
      : {}),
  };
  return { input, errors };
}

type Issue = z.core.$ZodIssue;

/** Plainer words than zod's defaults for the mistakes a form makes; the contract's own messages stay. */
export function issueMessage(issue: Issue): string {
  const input: unknown = issue.input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return 'Required';
      if (issue.expected === 'int') return 'Use a whole number';
      if (typeof input === 'number' && Number.isNaN(input)) return 'Enter a number';
      return issue.message;
    case 'too_small':
      if (issue.origin === 'string') return 'Required';
      if (issue.origin === 'array') return `Choose at least ${String(issue.minimum)}`;
      return `Must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'array' ? `At most ${String(issue.maximum)}` : `Must be at most ${String(issue.maximum)}`;
    case 'invalid_union':
      return input === undefined ? 'Required' : 'Not a valid value';
    case 'invalid_value':
      return 'Choose one of the options';
    default:
      return issue.message;
  }
}

export type DraftCheck = { ok: true; definition: ProductDefinition } | { ok: false; errors: FieldErrors };

/** The form as the API's ProductDefinition, or what to fix first, keyed by form path. */
export function checkDraft(values: DraftValues, currency: string): DraftCheck {
  const { input, errors } = definitionInput(values, currency);
  const parsed = ProductDefinition.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = formPathOf(issue.path.map(String).join('.'), values);
      errors[path] ??= issueMessage(issue);
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, definition: parsed.data };
}
