import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '@/lib/money';
import { addDecimals, decimalToPercent, formatExactMajor, isZero, minorToMajorParts, parseDecimal, ZERO } from '../exact-amount';
import type { ExactDecimal } from '../exact-amount';

/** The exact value as a fraction with denominator 10^scale, compared at a common scale. */
const atScale = (d: ExactDecimal, scale: number) => d.value * 10n ** BigInt(scale - d.scale);
const same = (a: ExactDecimal, b: ExactDecimal) => {
  const scale = Math.max(a.scale, b.scale);
  return atScale(a, scale) === atScale(b, scale);
};
/** "−12.345" style text of value × 10^-scale, written without floats. */
const textOf = (value: bigint, scale: number) => {
  const digits = (value < 0n ? -value : value).toString().padStart(scale + 1, '0');
  const text = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return value < 0n ? `-${text}` : text;
};
const decimalArb = fc.record({ value: fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), scale: fc.integer({ min: 0, max: 6 }) });

describe('parseDecimal', () => {
  it('reads whole, fractional and negative minor units exactly', () => {
    expect(parseDecimal('27500')).toEqual({ value: 27500n, scale: 0 });
    expect(parseDecimal('639.175')).toEqual({ value: 639175n, scale: 3 });
    expect(parseDecimal('-0.4')).toEqual({ value: -4n, scale: 1 });
    expect(parseDecimal('+12.50')).toEqual({ value: 1250n, scale: 2 });
  });

  it('reads exponent notation without going through floats', () => {
    expect(same(parseDecimal('1.5e2'), { value: 150n, scale: 0 })).toBe(true);
    expect(parseDecimal('1.5e2').scale).toBeGreaterThanOrEqual(0);
    expect(same(parseDecimal('25E-3'), { value: 25n, scale: 3 })).toBe(true);
    expect(same(parseDecimal('123456789012345678901234567890'), { value: 123456789012345678901234567890n, scale: 0 })).toBe(true);
  });

  it('ignores spaces around the number', () => {
    expect(parseDecimal(' 42 ')).toEqual({ value: 42n, scale: 0 });
  });

  it('refuses what is not a decimal number instead of reading it as 0', () => {
    for (const text of ['', 'abc', '1,5', '1.', '.5', '1e', 'NaN', '--1']) expect(() => parseDecimal(text)).toThrow(/Not a decimal number/);
  });

  it('reads back every decimal it is given', () => {
    fc.assert(fc.property(decimalArb, ({ value, scale }) => same(parseDecimal(textOf(value, scale)), { value, scale })));
  });
});

describe('addDecimals', () => {
  it('adds at the finer scale with no binary noise (0.1 + 0.2 is 0.3)', () => {
    const sum = addDecimals(parseDecimal('0.1'), parseDecimal('0.2'));
    expect(same(sum, parseDecimal('0.3'))).toBe(true);
    expect(addDecimals(parseDecimal('639.175'), parseDecimal('-0.4'))).toEqual({ value: 638775n, scale: 3 });
  });

  it('has ZERO as its neutral element and tells zero apart from tiny amounts', () => {
    expect(addDecimals(ZERO, parseDecimal('1.25'))).toEqual({ value: 125n, scale: 2 });
    expect(isZero(addDecimals(parseDecimal('0.175'), parseDecimal('-0.175')))).toBe(true);
    expect(isZero(parseDecimal('0.0000001'))).toBe(false);
  });

  it('sums any list of amounts exactly, in any order', () => {
    fc.assert(
      fc.property(fc.array(decimalArb, { maxLength: 30 }), (parts) => {
        const total = parts.reduce<ExactDecimal>(addDecimals, ZERO);
        const reversed = [...parts].reverse().reduce<ExactDecimal>(addDecimals, ZERO);
        const scale = Math.max(0, ...parts.map((p) => p.scale));
        const expected = parts.reduce((sum, p) => sum + atScale(p, scale), 0n);
        expect(same(total, { value: expected, scale })).toBe(true);
        expect(same(total, reversed)).toBe(true);
      }),
    );
  });
});

describe('minorToMajorParts', () => {
  it('splits an inexact amount into the cents and the further digits of a cent', () => {
    expect(minorToMajorParts(parseDecimal('639.175'))).toEqual({ negative: false, main: '6.39', fraction: '175' });
  });

  it('shows whole minor units as major units with two decimals and no fraction', () => {
    expect(minorToMajorParts(parseDecimal('27500'))).toEqual({ negative: false, main: '275.00', fraction: '' });
    expect(minorToMajorParts(parseDecimal('5'))).toEqual({ negative: false, main: '0.05', fraction: '' });
    expect(minorToMajorParts(ZERO)).toEqual({ negative: false, main: '0.00', fraction: '' });
  });

  it('drops trailing zeros of the fraction but not of the cents', () => {
    expect(minorToMajorParts(parseDecimal('1230.500'))).toEqual({ negative: false, main: '12.30', fraction: '5' });
    expect(minorToMajorParts(parseDecimal('100.000'))).toEqual({ negative: false, main: '1.00', fraction: '' });
  });

  it('keeps the sign apart and groups thousands', () => {
    expect(minorToMajorParts(parseDecimal('-0.4'))).toEqual({ negative: true, main: '0.00', fraction: '4' });
    expect(minorToMajorParts(parseDecimal('123456789.5'))).toEqual({ negative: false, main: '1,234,567.89', fraction: '5' });
  });

  it('shows whole cents exactly as formatMoney does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (minor) => {
        const { negative, main, fraction } = minorToMajorParts(parseDecimal(String(minor)));
        expect(fraction).toBe('');
        expect(`${negative ? '-' : ''}${main} USD`).toBe(formatMoney(minor, 'USD'));
      }),
    );
  });
});

describe('formatExactMajor', () => {
  it('writes the exact amount in major units, negative with a minus sign (−)', () => {
    expect(formatExactMajor(parseDecimal('639.175'))).toBe('6.39175');
    expect(formatExactMajor(parseDecimal('-150'))).toBe('−1.50');
    expect(formatExactMajor(parseDecimal('27500'))).toBe('275.00');
  });
});

describe('decimalToPercent', () => {
  it('shows a rate as a percentage without trailing zeros', () => {
    expect(decimalToPercent('0.05')).toBe('5');
    expect(decimalToPercent('0.0185')).toBe('1.85');
    expect(decimalToPercent('0.0175')).toBe('1.75');
    expect(decimalToPercent('1')).toBe('100');
    expect(decimalToPercent('0')).toBe('0');
    expect(decimalToPercent('0.10')).toBe('10');
  });

  it('keeps the sign of a discount and the leading zero of a small rate', () => {
    expect(decimalToPercent('-0.4')).toBe('-40');
    expect(decimalToPercent('0.00125')).toBe('0.125');
    expect(decimalToPercent('-0.004')).toBe('-0.4');
  });
});
