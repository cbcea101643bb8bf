// Sums insured and deductibles are whole amounts: people read "250,000 USD", not "250,000.00 USD";
// an amount with cents shows both digits of them ("12,345.60").
const wholeFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const centsFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 25_000_000 minor units → "250,000"; 1_234_560 → "12,345.60" */
export function formatAmount(minorUnits: number): string {
  return (minorUnits % 100 === 0 ? wholeFormat : centsFormat).format(minorUnits / 100);
}

/** 25_000_000 minor units, "USD" → "250,000 USD" */
export function formatSum(minorUnits: number, currency: string): string {
  return `${formatAmount(minorUnits)} ${currency}`;
}
