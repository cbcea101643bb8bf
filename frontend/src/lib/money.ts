import type { PaymentFrequency } from '@contracts/products';

// The API keeps money as integer minor units (cents: two decimals, whatever the currency); people
// read and type major units.
const MINOR_PER_MAJOR = 100;

const amountFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "250,000.00 USD" */
export function formatMoney(minorUnits: number, currency: string): string {
  return `${amountFormat.format(minorUnits / MINOR_PER_MAJOR)} ${currency}`;
}

export function toMajorUnits(minorUnits: number): number {
  return minorUnits / MINOR_PER_MAJOR;
}

/** Rounds to whole cents, a typed half cent up: 12.345 → 1235, 1.005 → 101. */
export function toMinorUnits(majorUnits: number): number {
  // 1.005 × 100 is 100.49999999999999 in binary floats: shift the decimal point in the number's own
  // digits instead ("1.005e2" is exactly 100.5), which also keeps every digit of large amounts.
  const digits = String(majorUnits);
  if (/e/i.test(digits)) return Math.round(majorUnits * MINOR_PER_MAJOR);
  return Math.round(Number(`${digits}e2`));
}

/** A money input's value (major units, or '' while empty) in minor units; undefined while empty or unreadable, which the API's schema calls "Required". */
export function typedMinorUnits(value: number | string): number | undefined {
  if (value === '') return undefined;
  const major = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(major) ? toMinorUnits(major) : undefined;
}

// --- Premiums: one wording wherever a premium and how it is paid are shown.

const PAYMENTS: Record<PaymentFrequency, { perYear: number; adverb: string; period: string }> = {
  annual: { perYear: 1, adverb: 'once a year', period: 'a year' },
  semi_annual: { perYear: 2, adverb: 'twice a year', period: 'every six months' },
  quarterly: { perYear: 4, adverb: 'quarterly', period: 'a quarter' },
  monthly: { perYear: 12, adverb: 'monthly', period: 'a month' },
  // A trip's one single premium, paid once before it starts (only trip products offer it).
  single: { perYear: 1, adverb: 'once, before the trip', period: 'for the trip' },
};

/** Amount without the currency: "23.25". */
const amountOnly = (minorUnits: number) => amountFormat.format(minorUnits / MINOR_PER_MAJOR);

/**
 * The regular installment of an annual premium, as the rating engine splits it (rate-quote.ts
 * `splitInstallments`): whole cents, rounded down; the cents left over go on the first installment.
 */
export function regularInstallment(annualPremium: number, frequency: PaymentFrequency): number {
  return Math.floor(annualPremium / PAYMENTS[frequency].perYear);
}

export interface PremiumTerms {
  /** Minor units a year — for a trip (`single`), the one single premium of the whole trip. */
  annualPremium: number;
  currency: string;
  paymentFrequency: PaymentFrequency;
  /** The regular installment in minor units, when the record carries it (quotes, policies); else split here the engine's way. */
  installmentAmount?: number;
}

/** One installment: "23.25 a month", "69.77 a quarter", "279.10 a year". */
export function installmentWording(paymentFrequency: PaymentFrequency, installmentAmount: number): string {
  return `${amountOnly(installmentAmount)} ${PAYMENTS[paymentFrequency].period}`;
}

/** How it is paid, after the annual figure: "paid monthly (23.25 a month)", "paid once a year". */
export function paymentWording({ annualPremium, paymentFrequency, installmentAmount }: Omit<PremiumTerms, 'currency'>): string {
  const payment = PAYMENTS[paymentFrequency];
  if (payment.perYear === 1) return `paid ${payment.adverb}`;
  return `paid ${payment.adverb} (${installmentWording(paymentFrequency, installmentAmount ?? regularInstallment(annualPremium, paymentFrequency))})`;
}

/**
 * "279.10 USD a year, paid monthly (23.25 a month)", or for a trip "single premium 48.00 USD": the
 * premium, read one way only (lib/term-wording.ts has the trip's and the term's wording beside it).
 */
export function formatPremium(terms: PremiumTerms): string {
  if (terms.paymentFrequency === 'single') return `single premium ${formatMoney(terms.annualPremium, terms.currency)}`;
  return `${formatMoney(terms.annualPremium, terms.currency)} a year, ${paymentWording(terms)}`;
}

/** What a premium's figure is for: "a year", or a trip's "single premium". */
export function premiumPeriod(paymentFrequency: PaymentFrequency): string {
  return paymentFrequency === 'single' ? 'single premium' : 'a year';
}

/** The premium as a figure in lists: "279.10 USD a year", or "48.00 USD single premium". */
export function premiumFigure(amount: number, currency: string, paymentFrequency: PaymentFrequency): string {
  return `${formatMoney(amount, currency)} ${premiumPeriod(paymentFrequency)}`;
}

/** What a premium is called: "Single premium" for a trip, else "Annual premium". */
export function premiumLabel(paymentFrequency: PaymentFrequency): string {
  return paymentFrequency === 'single' ? 'Single premium' : 'Annual premium';
}

/** The words after a premium's figure: "a year, paid monthly (23.25 a month)", or "single premium, paid once before the trip". */
export function premiumPeriodWording(terms: Omit<PremiumTerms, 'currency'>): string {
  if (terms.paymentFrequency === 'single') return 'single premium, paid once before the trip';
  return `a year, ${paymentWording(terms)}`;
}
