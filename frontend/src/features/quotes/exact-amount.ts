// Worksheet amounts are exact decimal strings of minor units ("27500", "639.175", "-0.4"): fractions
// of a cent until the rounding step. They are added and shown here with BigInt, never binary floats,
// so the running total ends exactly on the annual premium.

/** value × 10^-scale */
export interface ExactDecimal {
  value: bigint;
  scale: number;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

export function parseDecimal(text: string): ExactDecimal {
  const match = DECIMAL.exec(text.trim());
  if (!match) throw new Error(`Not a decimal number: ${text}`);
  const [, sign = '', whole = '0', fraction = '', exponent = '0'] = match;
  let value = BigInt(`${whole}${fraction}`);
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    value *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { value: sign === '-' ? -value : value, scale };
}

function rescale(d: ExactDecimal, scale: number): bigint {
  return d.value * 10n ** BigInt(scale - d.scale);
}

export function addDecimals(a: ExactDecimal, b: ExactDecimal): ExactDecimal {
  const scale = Math.max(a.scale, b.scale);
  return { value: rescale(a, scale) + rescale(b, scale), scale };
}

export const ZERO: ExactDecimal = { value: 0n, scale: 0 };

export function isZero(d: ExactDecimal): boolean {
  return d.value === 0n;
}

/** The same number shown in the major unit: the cents, and any fraction of a cent apart. */
export interface MajorParts {
  negative: boolean;
  /** "1,234.56" */
  main: string;
  /** Further digits of an inexact amount ("175" of 6.39175), without trailing zeros; "" when whole cents. */
  fraction: string;
}

const groupThousands = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Minor units (exact) → the major-unit parts: 639.175 cents → { main: "6.39", fraction: "175" }. */
export function minorToMajorParts(d: ExactDecimal): MajorParts {
  const scale = d.scale + 2;
  const digits = (d.value < 0n ? -d.value : d.value).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const decimals = digits.slice(digits.length - scale).padEnd(2, '0');
  return {
    negative: d.value < 0n,
    main: `${groupThousands(whole)}.${decimals.slice(0, 2)}`,
    fraction: decimals.slice(2).replace(/0+$/, ''),
  };
}

/** "1,234.56" or "6.39175" as one string (the exact amount in major units). */
export function formatExactMajor(d: ExactDecimal): string {
  const { negative, main, fraction } = minorToMajorParts(d);
  return `${negative ? '−' : ''}${main}${fraction}`;
}

/** A rate as a percentage: "0.05" → "5", "0.0185" → "1.85". */
export function decimalToPercent(text: string): string {
  const d = parseDecimal(text);
  const shifted = { value: d.value * 100n, scale: d.scale };
  const digits = (shifted.value < 0n ? -shifted.value : shifted.value).toString().padStart(shifted.scale + 1, '0');
  const whole = digits.slice(0, digits.length - shifted.scale);
  const decimals = digits.slice(digits.length - shifted.scale).replace(/0+$/, '');
  return `${shifted.value < 0n ? '-' : ''}${whole}${decimals ? `.${decimals}` : ''}`;
}
