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
