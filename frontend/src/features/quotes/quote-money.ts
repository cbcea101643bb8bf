// Sums insured and deductibles are whole amounts: people read "250,000 USD", not "250,000.00 USD".
const wholeFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 0, maximumFractionDigits: 2 });

/** 25_000_000 minor units → "250,000" */
export function formatAmount(minorUnits: number): string {
  return wholeFormat.format(minorUnits / 100);
}

/** 25_000_000 minor units, "USD" → "250,000 USD" */
export function formatSum(minorUnits: number, currency: string): string {
  return `${formatAmount(minorUnits)} ${currency}`;
}
