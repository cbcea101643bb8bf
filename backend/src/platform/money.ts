// How money is written for people (policy schedules, messages to customers): exact, from minor units.

/** "250,000.00 USD" from 25000000 minor units: exact integer arithmetic (no float rounding), as the console shows money. */
export function formatMoney(minorUnits: number, currency: string): string {
  return `${formatAmount(minorUnits)} ${currency}`;
}

/** "250,000.00" from 25000000 minor units, where the currency is said elsewhere. */
export function formatAmount(minorUnits: number): string {
  const negative = minorUnits < 0;
  const abs = BigInt(Math.abs(Math.trunc(minorUnits)));
  const major = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${major}.${cents}`;
}
