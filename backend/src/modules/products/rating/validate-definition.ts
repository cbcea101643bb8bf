// Publishing refuses a product version whose pricing definition has holes: every factor table
// must cover its input's whole domain without gaps or overlaps, everything referenced must exist,
// ranges must be ordered, and there must be something to sell (a term, a frequency, a coverage).
import Decimal from 'decimal.js';
import type { FieldError } from '../../../contracts/common';
import {
  CONSTRUCTION_TYPES,
  DESTINATION_ZONES,
  FACTOR_INPUTS,
  PAYMENT_FREQUENCIES,
  RISK_INPUT_RANGES,
  VEHICLE_USES,
  type BandRow,
  type Condition,
  type FactorInput,
  type ProductDefinition,
} from './product-definition';

/** The values a categorical input can take; a category table must price each of them. */
const CATEGORY_DOMAINS: Partial<Record<FactorInput, readonly string[]>> = {
  gender: ['female', 'male', 'non_binary', 'unspecified'],
  smoker: ['no', 'yes'],
  riskLevel: ['low', 'medium', 'high'],
  vehicleUse: VEHICLE_USES,
  constructionType: CONSTRUCTION_TYPES,
  destinationZone: DESTINATION_ZONES,
};

const NUMERIC_FIELDS = new Set<Condition['field']>(['entryAge', 'ageAtExpiry', 'termYears', 'sumInsured', 'occupationClass', 'vehicleAge', 'tripDays']);

const isDecimal = (v: string) => {
  try {
    return new Decimal(v).isFinite();
  } catch {
    return false;
  }
};

/** What a band table must cover: a continuous range (no gaps) or a set of offered values. */
type BandDomain = { range: [number, number] } | { values: number[] } | undefined;

function bandDomain(def: ProductDefinition, input: FactorInput, coverages: string[] | undefined): BandDomain {
  switch (input) {
    case 'entryAge':
      return { range: [def.eligibility.entryAgeMin, def.eligibility.entryAgeMax] };
    case 'termYears':
      return { values: def.termYears };
    case 'occupationClass':
      return { values: def.eligibility.occupationClasses };
    case 'sumInsured': {
      const ranges = def.coverages
        .filter((c) => !coverages || coverages.includes(c.code))
        .map((c) => ('options' in c.sumInsured ? [Math.min(...c.sumInsured.options), Math.max(...c.sumInsured.options)] : [c.sumInsured.min, c.sumInsured.max]));
      return ranges.length ? { range: [Math.min(...ranges.map((r) => r[0]!)), Math.max(...ranges.map((r) => r[1]!))] } : undefined;
    }
    case 'vehicleAge':
    case 'tripDays':
      return { range: [...RISK_INPUT_RANGES[input]] };
    default:
      return undefined; // e.g. deductible: only gaps and overlaps are checked
  }
}

/** "30–39", or "30" for a single value. */
const span = (from: number, to: number) => (from === to ? String(from) : `${from}–${to}`);

function checkBands(rows: BandRow[], domain: BandDomain, path: string, errors: FieldError[]) {
  const sorted = rows.map((r, i) => ({ ...r, i })).sort((a, b) => a.from - b.from);
  sorted.forEach((r) => {
    if (!Number.isInteger(r.from) || !Number.isInteger(r.to) || r.from > r.to)
      errors.push({ path: `${path}.rows.${r.i}`, message: '`from` must be a whole number not above `to`' });
  });
  const continuous = !domain || 'range' in domain;
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!;
    const cur = sorted[k]!;
    if (cur.from <= prev.to) errors.push({ path: `${path}.rows.${cur.i}.from`, message: `Overlaps the band ${prev.from}–${prev.to}` });
    else if (continuous && cur.from > prev.to + 1) errors.push({ path: `${path}.rows.${cur.i}.from`, message: `Gap: nothing prices ${span(prev.to + 1, cur.from - 1)}` });
  }
  if (domain && 'values' in domain) {
    for (const v of domain.values) if (!rows.some((r) => v >= r.from && v <= r.to)) errors.push({ path: `${path}.rows`, message: `Nothing prices ${v}` });
  } else if (domain && sorted.length) {
    const [from, to] = domain.range;
    if (sorted[0]!.from > from) errors.push({ path: `${path}.rows`, message: `Nothing prices ${span(from, sorted[0]!.from - 1)}` });
    const last = sorted[sorted.length - 1]!;
    if (last.to < to) errors.push({ path: `${path}.rows`, message: `Nothing prices ${span(last.to + 1, to)}` });
  }
}

export function validateDefinition(def: ProductDefinition): FieldError[] {
  const errors: FieldError[] = [];
  const coverageCodes = new Set<string>();
  if (!def.coverages.length) errors.push({ path: 'coverages', message: 'Add at least one coverage' });
  def.coverages.forEach((c, i) => {
    const path = `coverages.${i}`;
    if (coverageCodes.has(c.code)) errors.push({ path: `${path}.code`, message: `Coverage ${c.code} is defined twice` });
    coverageCodes.add(c.code);
    if (!isDecimal(c.rate) || new Decimal(c.rate).isNegative()) errors.push({ path: `${path}.rate`, message: 'Use a non-negative decimal rate' });
    if ('options' in c.sumInsured) {
      if (!c.sumInsured.options.length) errors.push({ path: `${path}.sumInsured.options`, message: 'Offer at least one sum insured' });
    } else {
      const { min, max, step } = c.sumInsured;
      if (min > max) errors.push({ path: `${path}.sumInsured.min`, message: 'The minimum is above the maximum' });
      if (step <= 0 || (max - min) % step !== 0) errors.push({ path: `${path}.sumInsured.step`, message: 'The step must divide the range from minimum to maximum' });
    }
  });
  if (!def.coverages.some((c) => c.required)) errors.push({ path: 'coverages', message: 'At least one coverage must be required' });
  if (def.trip) {
    // A trip product: its term is the trip and its premium one single premium.
    if (def.termYears.length) errors.push({ path: 'termYears', message: 'A trip product has no term in years: its policies last for the trip' });
    for (const frequency of Object.keys(def.frequencyLoadings))
      if (frequency !== 'single') errors.push({ path: `frequencyLoadings.${frequency}`, message: 'A trip is paid in one single premium: offer only `single`' });
    if (def.trip.maxDays > RISK_INPUT_RANGES.tripDays[1]) errors.push({ path: 'trip.maxDays', message: `At most ${RISK_INPUT_RANGES.tripDays[1]} days` });
  } else {
    if (!def.termYears.length) errors.push({ path: 'termYears', message: 'Offer at least one term' });
    if (def.frequencyLoadings.single !== undefined) errors.push({ path: 'frequencyLoadings.single', message: 'A single premium is only for trip products (define `trip`)' });
  }
  const frequencies = Object.entries(def.frequencyLoadings);
  if (!frequencies.length) errors.push({ path: 'frequencyLoadings', message: 'Offer at least one payment frequency' });
  for (const [frequency, loading] of frequencies) {
    if (!(PAYMENT_FREQUENCIES as readonly string[]).includes(frequency)) errors.push({ path: `frequencyLoadings.${frequency}`, message: 'Unknown payment frequency' });
    else if (!isDecimal(loading!)) errors.push({ path: `frequencyLoadings.${frequency}`, message: 'Use a decimal loading such as 0.05' });
  }
  const e = def.eligibility;
  if (e.entryAgeMin > e.entryAgeMax) errors.push({ path: 'eligibility.entryAgeMin', message: 'The minimum entry age is above the maximum' });
  if (e.maxAgeAtExpiry !== undefined && def.termYears.length && e.maxAgeAtExpiry < e.entryAgeMin + Math.min(...def.termYears)) {
    errors.push({ path: 'eligibility.maxAgeAtExpiry', message: 'No one could buy the shortest term' });
  }
  if (!e.occupationClasses.length) errors.push({ path: 'eligibility.occupationClasses', message: 'Accept at least one occupation class' });
  if (def.minimumPremium < 0 || def.policyFee < 0) errors.push({ path: def.policyFee < 0 ? 'policyFee' : 'minimumPremium', message: 'Must not be negative' });
  for (const [region, rate] of Object.entries(def.premiumTaxByRegion)) {
    if (!isDecimal(rate) || new Decimal(rate).isNegative()) errors.push({ path: `premiumTaxByRegion.${region}`, message: 'Use a non-negative decimal rate such as 0.02' });
  }

  const tableCodes = new Set<string>();
  def.factorTables.forEach((t, i) => {
    const path = `factorTables.${i}`;
    if (tableCodes.has(t.code)) errors.push({ path: `${path}.code`, message: `Table ${t.code} is defined twice` });
    tableCodes.add(t.code);
    if (!(FACTOR_INPUTS as readonly string[]).includes(t.input)) errors.push({ path: `${path}.input`, message: 'Unknown factor input' });
    t.coverages?.forEach((code, k) => {
      if (!coverageCodes.has(code)) errors.push({ path: `${path}.coverages.${k}`, message: `No coverage ${code} in this version` });
    });
    if (!t.rows.length) errors.push({ path: `${path}.rows`, message: 'Add at least one row' });
    t.rows.forEach((r, k) => {
      if (!isDecimal(r.factor) || !new Decimal(r.factor).isPositive()) errors.push({ path: `${path}.rows.${k}.factor`, message: 'Use a positive decimal factor' });
    });
    if (t.kind === 'band') checkBands(t.rows, bandDomain(def, t.input, t.coverages), path, errors);
    else {
      const seen = new Set<string>();
      t.rows.forEach((r, k) => {
        if (seen.has(r.key)) errors.push({ path: `${path}.rows.${k}.key`, message: `${r.key} appears twice` });
        seen.add(r.key);
      });
      const domain = t.input === 'region' ? (def.eligibility.allowedRegions ?? undefined) : CATEGORY_DOMAINS[t.input];
      for (const key of domain ?? []) if (!seen.has(key)) errors.push({ path: `${path}.rows`, message: `No row for ${key}` });
    }
  });
  checkRules(def, coverageCodes, errors);
  return errors;
}

function checkConditions(conditions: Condition[] | undefined, path: string, coverageCodes: Set<string>, errors: FieldError[]) {
  conditions?.forEach((c, k) => {
    const at = `${path}.when.${k}`;
    if (c.field === 'sumInsured' && !coverageCodes.has(c.coverage ?? ''))
      errors.push({ path: `${at}.coverage`, message: 'Name a coverage of this version whose sum insured is compared' });
    if (c.field !== 'sumInsured' && c.coverage !== undefined) errors.push({ path: `${at}.coverage`, message: 'Only a sum-insured condition names a coverage' });
    if ((c.op === 'gte' || c.op === 'lte') && (!NUMERIC_FIELDS.has(c.field) || typeof c.value !== 'number'))
      errors.push({ path: `${at}.value`, message: `${c.op === 'gte' ? '≥' : '≤'} compares a numeric field with a number` });
    if (c.op === 'in' && (!Array.isArray(c.value) || !c.value.length)) errors.push({ path: `${at}.value`, message: 'List the values to match' });
    if (c.op === 'eq' && Array.isArray(c.value)) errors.push({ path: `${at}.value`, message: 'Compare with a single value' });
  });
}

function uniqueCodes(items: { code: string }[], path: string, errors: FieldError[]) {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.code)) errors.push({ path: `${path}.${i}.code`, message: `${item.code} appears twice` });
    seen.add(item.code);
  });
}

/** Documents, exams, referrals, declarations and cash values: references resolve, codes are unique. */
function checkRules(def: ProductDefinition, coverageCodes: Set<string>, errors: FieldError[]) {
  const lists = { requiredDocuments: def.requiredDocuments, medicalExamRules: def.medicalExamRules, referralRules: def.referralRules } as const;
  for (const [name, rules] of Object.entries(lists)) {
    uniqueCodes(rules, name, errors);
    rules.forEach((r, i) => checkConditions(r.when, `${name}.${i}`, coverageCodes, errors));
  }
  uniqueCodes(def.declarationQuestions, 'declarationQuestions', errors);
  const cv = def.cashValues;
  if (cv) {
    if (!coverageCodes.has(cv.coverage)) errors.push({ path: 'cashValues.coverage', message: `No coverage ${cv.coverage} in this version` });
    if (!cv.rows.length) errors.push({ path: 'cashValues.rows', message: 'Add at least one policy year' });
    cv.rows.forEach((r, k) => {
      if (r.policyYear !== k + 1) errors.push({ path: `cashValues.rows.${k}.policyYear`, message: `Expected policy year ${k + 1}: years run 1, 2, 3… without gaps` });
      if (!isDecimal(r.perThousand) || new Decimal(r.perThousand).isNegative())
        errors.push({ path: `cashValues.rows.${k}.perThousand`, message: 'Use a non-negative decimal amount' });
    });
  } // The claims catalog: each loss type once, answered by coverages of this version.
  const seen = new Set<string>();
  def.claims?.lossTypes.forEach((c, i) => {
    if (seen.has(c.lossType)) errors.push({ path: `claims.lossTypes.${i}.lossType`, message: `${c.lossType} is listed twice` });
    seen.add(c.lossType);
    c.coverages.forEach((code, j) => {
      if (!coverageCodes.has(code)) errors.push({ path: `claims.lossTypes.${i}.coverages.${j}`, message: `No coverage ${code} in this version` });
    });
  });
  // The fast-track rule admits only kinds of loss the catalog covers.
  def.claims?.fastTrack?.lossTypes.forEach((lossType, i) => {
    if (!seen.has(lossType)) errors.push({ path: `claims.fastTrack.lossTypes.${i}`, message: `${lossType} is not in the claims catalog` });
  });
}
