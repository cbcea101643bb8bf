// From the draft editor's form values back to the API's ProductDefinition, checked with the API's own
// zod schema; problems are keyed by form path so they land on the inputs.
import { PAYMENT_FREQUENCIES, ProductDefinition } from '@contracts/products';
import type { z } from 'zod';
import { toMinorUnits } from '@/lib/money';
import { formPathOf } from '../draft-errors';
import { MONEY_INPUTS, NUMERIC_CONDITION_FIELDS } from '../product-labels';
import type { ConditionField } from '../product-labels';
import type { ConditionValues, DraftValues, NumberValue } from './values';

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
    const value = condition.op === 'in' ? condition.values.map((text) => conditionScalar(condition.field, text)) : conditionScalar(condition.field, condition.value);
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

function lateFeeInput(lateFee: DraftValues['lateFee']): unknown {
  switch (lateFee.kind) {
    case 'flat':
      return { kind: 'flat', amount: minorOf(lateFee.amount), afterDays: wholeNumberOf(lateFee.afterDays) };
    case 'percentage':
      return { kind: 'percentage', rate: trimmed(lateFee.rate), cap: minorOf(lateFee.cap), afterDays: wholeNumberOf(lateFee.afterDays) };
    default:
      return { kind: 'none' };
  }
}

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
    ...(values.trip ? { trip: values.trip } : {}),
    termYears: amountsOf(values.termYears, 'termYears', errors, wholeNumberOf).sort((a, b) => a - b),
    frequencyLoadings: Object.fromEntries(
      PAYMENT_FREQUENCIES.filter((frequency) => values.frequencyLoadings[frequency].offered).map((frequency) => [frequency, trimmed(values.frequencyLoadings[frequency].loading)]),
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
    premiumTaxByRegion: Object.fromEntries(values.premiumTaxByRegion.map((row) => [row.region.trim().toUpperCase(), trimmed(row.rate)])),
    minimumPremium: minorOf(values.minimumPremium),
    // A definition saved from the editor always says its rule (none is the same as no rule).
    lateFee: lateFeeInput(values.lateFee),
    eligibility: {
      entryAgeMin: numberOf(eligibility.entryAgeMin),
      entryAgeMax: numberOf(eligibility.entryAgeMax),
      ...(eligibility.maxAgeAtExpiry === '' ? {} : { maxAgeAtExpiry: numberOf(eligibility.maxAgeAtExpiry) }),
      ...(eligibility.regionsRestricted ? { allowedRegions: eligibility.allowedRegions.map((region) => region.trim().toUpperCase()) } : {}),
      smokersAllowed: eligibility.smokersAllowed,
      occupationClasses: eligibility.occupationClasses.map(Number).sort((a, b) => a - b),
      kycVerifiedRequired: eligibility.kycVerifiedRequired,
    },
    requiredDocuments: values.requiredDocuments.map((document, index) => ({
      code: trimmed(document.code),
      name: trimmed(document.name),
      ...(document.when.length > 0 ? { when: conditionsOf(document.when, `requiredDocuments.${index}.when`, errors) } : {}),
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
    ...values.kept,
    // The claims catalog as it was, with the fast-track rule as edited (absent: off).
    ...(values.kept.claims || values.fastTrack.enabled
      ? {
          claims: {
            lossTypes: values.kept.claims?.lossTypes ?? [],
            ...(values.fastTrack.enabled
              ? { fastTrack: { lossTypes: values.fastTrack.lossTypes, maxAmount: minorOf(values.fastTrack.maxAmount), samplePercent: numberOf(values.fastTrack.samplePercent) } }
              : {}),
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
      return issue.inclusive === false ? `Must be more than ${String(issue.minimum)}` : `Must be at least ${String(issue.minimum)}`;
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
