// The quote builder's form: what the agent has chosen so far, checked against the product version in
// force, and turned into the POST /quotes body once it is complete. Amounts are typed in major units.
import type { FieldError } from '@contracts/common';
import { CreateQuoteBody, DESTINATION_ZONES, PAYMENT_FREQUENCIES, RISK_INPUT_RANGES, TRIP_RISK_INPUTS, riskInputsOf } from '@contracts/products';
import type { CoverageDefinition, PaymentFrequency, ProductDefinition, RiskDetails, RiskInput } from '@contracts/products';
import dayjs from 'dayjs';
import { z } from 'zod';
import { toMajorUnits, toMinorUnits } from '@/lib/money';
import { tripLength } from '@/lib/term-wording';
import { RISK_INPUT_SHORT_LABELS } from './quote-labels';
import { formatAmount } from './quote-money';

const NumberOrEmpty = z.union([z.number(), z.literal('')]);

export const CoverageDraft = z.object({
  /** The coverage's name in the product it was laid out for: another product's coverage of the same code carries over only under the same name. */
  name: z.string().optional(),
  included: z.boolean(),
  /** Major units; "" while empty. */
  sumInsured: NumberOrEmpty,
  /** Minor units as text (the select's value); null until chosen. */
  deductible: z.string().nullable(),
});
export type CoverageDraft = z.infer<typeof CoverageDraft>;

export const QuoteDraft = z.object({
  productId: z.string().nullable(),
  /** The product version the options were laid out for; a newer one lays them out again. */
  versionId: z.string().nullable(),
  coverages: z.record(z.string(), CoverageDraft),
  /** The select's value ("20"); null until chosen. */
  termYears: z.string().nullable(),
  paymentFrequency: z.enum(PAYMENT_FREQUENCIES).nullable(),
  risk: z.object({
    vehicleAge: NumberOrEmpty,
    vehicleUse: z.string().nullable(),
    constructionType: z.string().nullable(),
    destinationZone: z.string().nullable(),
    tripDays: NumberOrEmpty,
  }),
  /** A trip product's trip: dates as YYYY-MM-DD ("" while empty), the destination zone. */
  trip: z
    .object({ departureDate: z.string(), returnDate: z.string(), destinationZone: z.enum(DESTINATION_ZONES).nullable() })
    .default({ departureDate: '', returnDate: '', destinationZone: null }),
});
export type QuoteDraft = z.infer<typeof QuoteDraft>;

export const EMPTY_DRAFT: QuoteDraft = {
  productId: null,
  versionId: null,
  coverages: {},
  termYears: null,
  paymentFrequency: null,
  risk: { vehicleAge: '', vehicleUse: null, constructionType: null, destinationZone: null, tripDays: '' },
  trip: { departureDate: '', returnDate: '', destinationZone: null },
};

/** The risk details the builder asks for: a trip product's trip gives its length and destination itself. */
export function askedRiskInputs(def: ProductDefinition): RiskInput[] {
  return riskInputsOf(def).filter((input) => !(def.trip && (TRIP_RISK_INPUTS as readonly string[]).includes(input)));
}

/** The frequencies a version offers, in the usual order (annual first). */
export function offeredFrequencies(def: ProductDefinition): PaymentFrequency[] {
  return PAYMENT_FREQUENCIES.filter((f) => def.frequencyLoadings[f] !== undefined);
}

/**
 * What the product calls its term: the label of the factor table rating on it ("Term", or whole life's
 * "Premium-paying period", since whole life covers for life and `termYears` is how long premiums are paid).
 */
export function termLabel(def: ProductDefinition): string {
  return def.factorTables.find((t) => t.input === 'termYears')?.label ?? 'Term';
}

export function isRange(cov: CoverageDefinition): cov is CoverageDefinition & { sumInsured: { min: number; max: number; step: number } } {
  return 'min' in cov.sumInsured;
}

/** Options a coverage offers as a fixed list (a single option is simply "included or not"). */
export function sumInsuredOptions(cov: CoverageDefinition): number[] {
  return 'options' in cov.sumInsured ? cov.sumInsured.options : [];
}

/** "50,000 – 2,000,000, steps of 10,000" (the field's label names the currency) */
export function sumInsuredHint(cov: CoverageDefinition): string | undefined {
  if (!isRange(cov)) return undefined;
  const { min, max, step } = cov.sumInsured;
  return `${formatAmount(min)} – ${formatAmount(max)}, steps of ${formatAmount(step)}`;
}

export function sumInsuredProblem(cov: CoverageDefinition, minor: number, currency: string): string | undefined {
  if (!isRange(cov)) return sumInsuredOptions(cov).includes(minor) ? undefined : 'Choose one of the amounts offered';
  const { min, max, step } = cov.sumInsured;
  if (minor < min) return `At least ${formatAmount(min)} ${currency}`;
  if (minor > max) return `At most ${formatAmount(max)} ${currency}`;
  if ((minor - min) % step !== 0) return `In steps of ${formatAmount(step)} ${currency} (e.g. ${formatAmount(min + Math.round((minor - min) / step) * step)})`;
  return undefined;
}

function defaultCoverage(cov: CoverageDefinition, before: CoverageDraft | undefined, currency: string): CoverageDraft {
  const deductibles = cov.deductibleOptions ?? [];
  const fallback = isRange(cov) ? cov.sumInsured.min : (sumInsuredOptions(cov)[0] ?? 0);
  // The same coverage on the next product (same code and name: term and whole life's death benefit)
  // keeps its choices where that product allows them; a namesake (auto and home "LIABILITY") does not.
  const previous = before?.name === cov.name ? before : undefined;
  const kept = previous && previous.sumInsured !== '' && !sumInsuredProblem(cov, toMinorUnits(previous.sumInsured), currency) ? previous.sumInsured : toMajorUnits(fallback);
  const keptDeductible = previous?.deductible && deductibles.includes(Number(previous.deductible)) ? previous.deductible : null;
  return {
    name: cov.name,
    included: cov.required || (previous?.included ?? false),
    sumInsured: kept,
    deductible: keptDeductible ?? (deductibles.length ? String(deductibles[0]) : null),
  };
}

/**
 * The options of a newly chosen product: its required coverages included, the lowest amounts, the first
 * term; what the agent already chose (a coverage of the same code, the term, the frequency, the risk
 * details) is kept when the new product offers it, so switching products compares like with like.
 */
export function draftForProduct(productId: string, version: { id: string; definition: ProductDefinition }, previous: QuoteDraft = EMPTY_DRAFT): QuoteDraft {
  const def = version.definition;
  const frequencies = offeredFrequencies(def);
  const terms = def.termYears.map(String);
  const keepFrequency = previous.paymentFrequency && frequencies.includes(previous.paymentFrequency);
  return {
    productId,
    versionId: version.id,
    coverages: Object.fromEntries(def.coverages.map((cov) => [cov.code, defaultCoverage(cov, previous.coverages[cov.code], def.currency)])),
    termYears: previous.termYears && terms.includes(previous.termYears) ? previous.termYears : (terms[0] ?? null),
    paymentFrequency: keepFrequency ? previous.paymentFrequency : frequencies.includes('monthly') ? 'monthly' : (frequencies[0] ?? null),
    risk: previous.risk,
    trip: previous.trip,
  };
}

export interface DraftCheck {
  /** The POST /quotes body (without `save`) once everything needed is there and valid. */
  body: CreateQuoteBody | null;
  /** Messages by form path: `coverages.DEATH.sumInsured`, `risk.vehicleAge`, `termYears`… */
  errors: Record<string, string>;
  /** What is still to be filled in, in words ("Vehicle use"). */
  missing: string[];
}

const riskRange = (input: RiskInput) => (input === 'vehicleAge' || input === 'tripDays' ? RISK_INPUT_RANGES[input] : undefined);

/** Checks the draft against the product version; the body is built only when nothing is missing or wrong. */
export function checkDraft(customerId: string, draft: QuoteDraft, def: ProductDefinition, today: string = dayjs().format('YYYY-MM-DD')): DraftCheck {
  const errors: Record<string, string> = {};
  const missing: string[] = [];
  const coverages: CreateQuoteBody['coverages'] = [];
  for (const cov of def.coverages) {
    const choice = draft.coverages[cov.code];
    if (!choice || !(choice.included || cov.required)) continue;
    const path = `coverages.${cov.code}`;
    let sumInsured: number | undefined;
    if (choice.sumInsured === '') missing.push(`${cov.name}: sum insured`);
    else {
      sumInsured = toMinorUnits(choice.sumInsured);
      const problem = sumInsuredProblem(cov, sumInsured, def.currency);
      if (problem) errors[`${path}.sumInsured`] = problem;
    }
    let deductible: number | undefined;
    if (cov.deductibleOptions?.length) {
      if (choice.deductible === null) missing.push(`${cov.name}: deductible`);
      else deductible = Number(choice.deductible);
    }
    if (sumInsured !== undefined) coverages.push(deductible === undefined ? { code: cov.code, sumInsured } : { code: cov.code, sumInsured, deductible });
  }
  if (draft.termYears === null && !def.trip) missing.push('Term');
  if (draft.paymentFrequency === null) missing.push('Payment frequency');

  // A trip product: the trip's dates and destination instead of a term (the API checks them again).
  let trip: CreateQuoteBody['trip'];
  if (def.trip) {
    const { departureDate, returnDate, destinationZone } = draft.trip;
    if (!departureDate) missing.push('Departure date');
    else if (departureDate < today) errors['trip.departureDate'] = 'The trip cannot start in the past';
    if (!returnDate) missing.push('Return date');
    if (!destinationZone) missing.push('Destination');
    if (departureDate && returnDate) {
      const days = tripLength(departureDate, returnDate);
      if (days === null) errors['trip.returnDate'] = 'Return on or after the departure date';
      else if (days > def.trip.maxDays) errors['trip.returnDate'] = `A trip lasts at most ${def.trip.maxDays} days (this one ${days})`;
    }
    if (departureDate && returnDate && destinationZone) trip = { departureDate, returnDate, destinationZone };
  }

  const risk: RiskDetails = {};
  for (const input of askedRiskInputs(def)) {
    const value = draft.risk[input];
    if (value === '' || value === null) {
      missing.push(RISK_INPUT_SHORT_LABELS[input]);
      continue;
    }
    const range = riskRange(input);
    if (range) {
      const n = Number(value);
      if (!Number.isInteger(n)) errors[`risk.${input}`] = 'Use a whole number';
      else if (n < range[0] || n > range[1]) errors[`risk.${input}`] = `Between ${range[0]} and ${range[1]}`;
      else Object.assign(risk, { [input]: n });
    } else Object.assign(risk, { [input]: value });
  }

  if (missing.length || Object.keys(errors).length || !draft.productId) return { body: null, errors, missing };
  const parsed = CreateQuoteBody.safeParse({
    customerId,
    productId: draft.productId,
    ...(Object.keys(risk).length ? { risk } : {}),
    coverages,
    ...(def.trip ? { trip } : { termYears: Number(draft.termYears) }),
    paymentFrequency: draft.paymentFrequency,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path.join('.') || 'form'] ??= issue.message;
    return { body: null, errors, missing };
  }
  return { body: parsed.data, errors, missing };
}

/**
 * The server's field errors (`coverages.0.sumInsured`, `risk.vehicleAge`) under the builder's paths
 * (`coverages.DEATH.sumInsured`); those it cannot place come back apart.
 */
export function placeServerErrors(errors: FieldError[], body: CreateQuoteBody | null): { byPath: Record<string, string>; unplaced: FieldError[] } {
  const byPath: Record<string, string> = {};
  const unplaced: FieldError[] = [];
  for (const error of errors) {
    const coverage = /^coverages\.(\d+)\.(.+)$/.exec(error.path);
    const code = coverage && body?.coverages[Number(coverage[1])]?.code;
    if (code) byPath[`coverages.${code}.${coverage[2]}`] ??= error.message;
    else if (/^(risk\.\w+|trip(\.\w+)?|termYears|paymentFrequency)$/.test(error.path)) byPath[error.path] ??= error.message;
    else unplaced.push(error);
  }
  return { byPath, unplaced };
}
