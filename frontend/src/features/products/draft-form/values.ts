// The draft editor's form values: a product definition in the shape inputs hold it (text and major
// units), and how a definition becomes them.
//
// Field paths mirror the definition's (`factorTables.0.rows.1.from`), so an error the API reports
// for a path lands on the input with that path; `draft-errors.ts` handles the few that differ.
import { PAYMENT_FREQUENCIES } from '@contracts/products';
import type { Condition, CoverageDefinition, DeclarationQuestion, ExamType, FactorInput, LateFeeRule, PaymentFrequency, ProductDefinition } from '@contracts/products';
import { toMajorUnits } from '@/lib/money';
import { MONEY_INPUTS } from '../product-labels';
import type { ConditionField, ConditionOp, RateBasis } from '../product-labels';

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

/** One shape for every kind, so switching between them loses nothing typed. */
export interface LateFeeValues {
  kind: LateFeeRule['kind'];
  /** Flat: major units. */
  amount: NumberValue;
  /** Percentage: a fraction as typed ("0.05" is 5%). */
  rate: string;
  /** Percentage: the most it charges, major units. */
  cap: NumberValue;
  afterDays: NumberValue;
}

/** A new rule's days late before the fee: what most products use. */
export const DEFAULT_LATE_FEE_AFTER_DAYS = 10;

export function lateFeeValues(rule: LateFeeRule | undefined): LateFeeValues {
  const values: LateFeeValues = { kind: 'none', amount: '', rate: '', cap: '', afterDays: DEFAULT_LATE_FEE_AFTER_DAYS };
  if (!rule || rule.kind === 'none') return values;
  if (rule.kind === 'flat') return { ...values, kind: 'flat', amount: toMajorUnits(rule.amount), afterDays: rule.afterDays };
  return { ...values, kind: 'percentage', rate: rule.rate, cap: toMajorUnits(rule.cap), afterDays: rule.afterDays };
}

export interface DraftValues {
  coverages: CoverageValues[];
  termYears: string[];
  frequencyLoadings: Record<PaymentFrequency, { offered: boolean; loading: string }>;
  /** A trip product's trip rule, kept as the version has it (a trip has no term in years and one single premium). */
  trip: ProductDefinition['trip'] | null;
  /** Major units. */
  policyFee: NumberValue;
  minimumPremium: NumberValue;
  premiumTaxByRegion: TaxValues[];
  lateFee: LateFeeValues;
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
  /** The fast-track rule of the claims settings (off: none); the catalog itself stays in `kept.claims`. */
  fastTrack: { enabled: boolean; lossTypes: string[]; maxAmount: NumberValue; samplePercent: NumberValue };
  /** The sections this editor does not show yet (servicing rules, the claims catalog, renewal): kept as they are. */
  kept: Pick<ProductDefinition, 'servicing' | 'claims' | 'renewal'>;
}

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
    trip: definition.trip ?? null,
    policyFee: toMajorUnits(definition.policyFee),
    minimumPremium: toMajorUnits(definition.minimumPremium),
    premiumTaxByRegion: Object.entries(definition.premiumTaxByRegion).map(([region, rate]) => ({ id: newId(), region, rate })),
    lateFee: lateFeeValues(definition.lateFee),
    kept: {
      ...(definition.servicing ? { servicing: definition.servicing } : {}),
      ...(definition.claims ? { claims: { lossTypes: definition.claims.lossTypes } } : {}),
      ...(definition.renewal ? { renewal: definition.renewal } : {}),
    },
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
    fastTrack: definition.claims?.fastTrack
      ? {
          enabled: true,
          lossTypes: [...definition.claims.fastTrack.lossTypes],
          maxAmount: toMajorUnits(definition.claims.fastTrack.maxAmount),
          samplePercent: definition.claims.fastTrack.samplePercent,
        }
      : { enabled: false, lossTypes: [], maxAmount: '', samplePercent: 10 },
    cashValues: {
      enabled: definition.cashValues !== undefined,
      coverage: definition.cashValues?.coverage ?? '',
      rows: (definition.cashValues?.rows ?? []).map((row) => ({ id: newId(), perThousand: row.perThousand })),
    },
  };
}
