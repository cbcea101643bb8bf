// The rating engine: eligibility, then the annual premium as an ordered worksheet whose step
// amounts add up exactly to it.
//
// Order: for each chosen coverage, base (rate × units) then each applicable factor table as a
// multiplier; then the payment-frequency loading on the sum; the policy fee; premium tax of the
// region on everything so far; a top-up to the minimum premium; and finally the one rounding rule:
// half-even to the minor unit (cent), applied once, to the annual premium. Installments split the
// annual premium evenly in whole cents, the remainder going on the first installment.
import Decimal from 'decimal.js';
import {
  INSTALLMENTS_PER_YEAR,
  type BandRow,
  type CategoryRow,
  type CoverageDefinition,
  type FactorInput,
  type PaymentFrequency,
  type ProductDefinition,
  type RiskDetails,
} from './product-definition';

const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });
type Dec = InstanceType<typeof D>;

export interface Applicant {
  entryAge: number;
  gender: string;
  smoker: boolean;
  region: string;
  occupationClass: number;
  riskLevel?: string;
  kycVerified?: boolean;
}

export interface CoverageChoice {
  code: string;
  /** Minor units. */
  sumInsured: number;
  deductible?: number;
}

export interface QuoteRequest {
  applicant: Applicant;
  coverages: CoverageChoice[];
  /** 0 for a trip product: a trip lasts days (its length is `risk.tripDays`), not years. */
  termYears: number;
  paymentFrequency: PaymentFrequency;
  /** Category-specific inputs (vehicle age, construction type, destination zone…). */
  risk?: RiskDetails;
}

export interface Reason {
  code: string;
  message: string;
}

export interface WorksheetStep {
  kind: 'base' | 'factor' | 'frequency_loading' | 'fee' | 'tax' | 'minimum_premium' | 'rounding' | 'underwriting_rating';
  label: string;
  coverage?: string;
  /** The factor table and the row the value came from. */
  table?: string;
  row?: string;
  /** Rate, units, factor or percentage applied, as a decimal string. */
  value?: string;
  /** Minor units, exact decimal string (fractions of a cent until the rounding step). */
  amount: string;
}

export interface RatedQuote {
  eligibility: { eligible: boolean; reasons: Reason[] };
  price?: {
    currency: string;
    /** Minor units. */
    annualPremium: number;
    installments: { count: number; amount: number; firstAmount: number };
    worksheet: WorksheetStep[];
  };
}

const dec = (v: string | number) => new D(v);

function inputValue(req: QuoteRequest, input: FactorInput, coverage: CoverageChoice): string | number | undefined {
  const a = req.applicant;
  switch (input) {
    case 'entryAge':
      return a.entryAge;
    case 'gender':
      return a.gender;
    case 'smoker':
      return a.smoker ? 'yes' : 'no';
    case 'region':
      return a.region;
    case 'occupationClass':
      return a.occupationClass;
    case 'riskLevel':
      return a.riskLevel;
    case 'termYears':
      return req.termYears;
    case 'deductible':
      return coverage.deductible ?? 0;
    case 'sumInsured':
      return coverage.sumInsured;
    default:
      return req.risk?.[input];
  }
}

function findRow(rows: (BandRow | CategoryRow)[], kind: 'band' | 'category', value: string | number | undefined): BandRow | CategoryRow | undefined {
  if (value === undefined) return undefined;
  if (kind === 'band') return (rows as BandRow[]).find((r) => Number(value) >= r.from && Number(value) <= r.to);
  return (rows as CategoryRow[]).find((r) => r.key === String(value));
}

const rowLabel = (row: BandRow | CategoryRow) => ('key' in row ? row.key : row.from === row.to ? String(row.from) : `${row.from}–${row.to}`);

/** Minor units as people read them in messages: 1000000 → "10,000", 50050 → "500.50". */
export function formatAmount(minor: number): string {
  const major = Math.trunc(minor / 100);
  const cents = Math.abs(minor % 100);
  return `${major.toLocaleString('en-US')}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
}

function sumInsuredProblem(def: CoverageDefinition, si: number, currency: string): string | undefined {
  if ('options' in def.sumInsured) return def.sumInsured.options.includes(si) ? undefined : `must be one of ${def.sumInsured.options.map(formatAmount).join(', ')} ${currency}`;
  const { min, max, step } = def.sumInsured;
  if (si < min || si > max) return `must be between ${formatAmount(min)} and ${formatAmount(max)} ${currency}`;
  if ((si - min) % step !== 0) return `must be in steps of ${formatAmount(step)} ${currency}`;
  return undefined;
}

export function checkEligibility(def: ProductDefinition, req: QuoteRequest): Reason[] {
  const rules = def.eligibility;
  const a = req.applicant;
  const reasons: Reason[] = [];
  if (a.entryAge < rules.entryAgeMin) reasons.push({ code: 'ENTRY_AGE_TOO_LOW', message: `The minimum entry age is ${rules.entryAgeMin}.` });
  if (a.entryAge > rules.entryAgeMax) reasons.push({ code: 'ENTRY_AGE_TOO_HIGH', message: `The maximum entry age is ${rules.entryAgeMax}.` });
  if (rules.maxAgeAtExpiry !== undefined && a.entryAge + req.termYears > rules.maxAgeAtExpiry) {
    reasons.push({ code: 'AGE_AT_EXPIRY_TOO_HIGH', message: `Age at the end of the term may not exceed ${rules.maxAgeAtExpiry}.` });
  }
  if (rules.allowedRegions && !rules.allowedRegions.includes(a.region)) reasons.push({ code: 'REGION_NOT_COVERED', message: `The product is not sold in ${a.region}.` });
  if (a.smoker && !rules.smokersAllowed) reasons.push({ code: 'SMOKERS_NOT_ACCEPTED', message: 'The product does not accept smokers.' });
  if (!rules.occupationClasses.includes(a.occupationClass))
    reasons.push({ code: 'OCCUPATION_CLASS_NOT_ACCEPTED', message: `Occupation class ${a.occupationClass} is not accepted.` });
  if (rules.kycVerifiedRequired && !a.kycVerified) reasons.push({ code: 'KYC_NOT_VERIFIED', message: "The customer's identity must be verified (KYC)." });
  // A trip product's term is the trip (its length is a risk detail): no term in years to check.
  if (!def.trip && !def.termYears.includes(req.termYears)) reasons.push({ code: 'TERM_NOT_OFFERED', message: `Terms offered: ${def.termYears.join(', ')} years.` });
  if (def.frequencyLoadings[req.paymentFrequency] === undefined)
    reasons.push({ code: 'FREQUENCY_NOT_OFFERED', message: `Payment ${req.paymentFrequency.replace('_', '-')} is not offered.` });
  const chosen = new Map(req.coverages.map((c) => [c.code, c]));
  for (const cov of def.coverages) {
    const choice = chosen.get(cov.code);
    if (!choice) {
      if (cov.required) reasons.push({ code: 'REQUIRED_COVERAGE_MISSING', message: `${cov.name} is required.` });
      continue;
    }
    const problem = sumInsuredProblem(cov, choice.sumInsured, def.currency);
    if (problem) reasons.push({ code: 'SUM_INSURED_OUT_OF_RANGE', message: `${cov.name}: the sum insured ${problem}.` });
    if (cov.deductibleOptions && !cov.deductibleOptions.includes(choice.deductible ?? -1)) {
      reasons.push({ code: 'DEDUCTIBLE_NOT_OFFERED', message: `${cov.name}: choose a deductible of ${cov.deductibleOptions.map(formatAmount).join(', ')} ${def.currency}.` });
    }
  }
  for (const code of chosen.keys()) {
    if (!def.coverages.some((c) => c.code === code)) reasons.push({ code: 'UNKNOWN_COVERAGE', message: `The product has no coverage ${code}.` });
  }
  return reasons;
}

/** Splits the annual premium into `count` whole-cent installments; the remainder goes on the first. */
export function splitInstallments(annualPremium: number, count: number) {
  const amount = Math.floor(annualPremium / count);
  return { count, amount, firstAmount: annualPremium - amount * (count - 1) };
}

export function rateQuote(def: ProductDefinition, req: QuoteRequest): RatedQuote {
  const reasons = checkEligibility(def, req);
  if (reasons.length) return { eligibility: { eligible: false, reasons } };
  return { eligibility: { eligible: true, reasons: [] }, price: priceQuote(def, req) };
}

/**
 * The price of an eligible request. An underwriter's extra premium (`extraPercent`) loads the risk
 * premium — the coverages' premiums — before the frequency loading, the fee and the tax, as its own
 * worksheet step; with none, the price is exactly the quoted one.
 */
export function priceQuote(def: ProductDefinition, req: QuoteRequest, options: { extraPercent?: number } = {}): NonNullable<RatedQuote['price']> {
  const worksheet: WorksheetStep[] = [];
  let total: Dec = dec(0);
  for (const choice of req.coverages) {
    const cov = def.coverages.find((c) => c.code === choice.code)!;
    const units = cov.rateBasis === 'per_1000' ? dec(choice.sumInsured).div(100_000) : dec(1); // minor units → thousands of major units
    let running = dec(cov.rate).times(units).times(100); // major → minor units
    worksheet.push({ kind: 'base', label: `${cov.name}: rate × units`, coverage: cov.code, value: `${cov.rate} × ${units.toString()}`, amount: running.toString() });
    for (const table of def.factorTables) {
      if (table.coverages && !table.coverages.includes(cov.code)) continue;
      const row = findRow(table.rows, table.kind, inputValue(req, table.input, choice));
      // A table without a matching row leaves the price unchanged; publishing refuses gaps, so this
      // only happens for inputs the product does not use (e.g. no vehicle age on a life product).
      if (!row) continue;
      const delta = running.times(dec(row.factor).minus(1));
      worksheet.push({ kind: 'factor', label: table.label, coverage: cov.code, table: table.code, row: rowLabel(row), value: row.factor, amount: delta.toString() });
      running = running.plus(delta);
    }
    total = total.plus(running);
  }
  if (options.extraPercent) {
    const rating = dec(options.extraPercent).div(100);
    const extra = total.times(rating);
    worksheet.push({ kind: 'underwriting_rating', label: `Underwriting rating +${options.extraPercent}% on the risk premium`, value: rating.toString(), amount: extra.toString() });
    total = total.plus(extra);
  }
  const loading = dec(def.frequencyLoadings[req.paymentFrequency]!);
  if (!loading.isZero()) {
    const delta = total.times(loading);
    worksheet.push({ kind: 'frequency_loading', label: `Payment ${req.paymentFrequency.replace('_', '-')}`, value: loading.toString(), amount: delta.toString() });
    total = total.plus(delta);
  }
  if (def.policyFee) {
    worksheet.push({ kind: 'fee', label: 'Policy fee', amount: String(def.policyFee) });
    total = total.plus(def.policyFee);
  }
  const taxRate = def.premiumTaxByRegion[req.applicant.region];
  if (taxRate && !dec(taxRate).isZero()) {
    const tax = total.times(taxRate);
    worksheet.push({ kind: 'tax', label: `Premium tax (${req.applicant.region})`, value: taxRate, amount: tax.toString() });
    total = total.plus(tax);
  }
  if (total.lessThan(def.minimumPremium)) {
    const topUp = dec(def.minimumPremium).minus(total);
    worksheet.push({ kind: 'minimum_premium', label: `Minimum premium ${formatAmount(def.minimumPremium)} ${def.currency}`, amount: topUp.toString() });
    total = total.plus(topUp);
  }
  const rounded = total.toDecimalPlaces(0, D.ROUND_HALF_EVEN);
  worksheet.push({ kind: 'rounding', label: 'Rounding to the cent (half-even)', amount: rounded.minus(total).toString() });
  const annualPremium = rounded.toNumber();
  return { currency: def.currency, annualPremium, installments: splitInstallments(annualPremium, INSTALLMENTS_PER_YEAR[req.paymentFrequency]), worksheet };
}
