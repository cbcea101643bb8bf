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

/** Rounds to whole cents: 12.345 → 1235. */
export function toMinorUnits(majorUnits: number): number {
  return Math.round(majorUnits * MINOR_PER_MAJOR);
}
