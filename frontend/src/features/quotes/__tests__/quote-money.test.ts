import { describe, expect, it } from 'vitest';
import { formatAmount, formatSum } from '../quote-money';

describe('formatAmount', () => {
  it('shows whole amounts without decimals, thousands grouped', () => {
    expect(formatAmount(25_000_000)).toBe('250,000');
    expect(formatAmount(0)).toBe('0');
    expect(formatAmount(100)).toBe('1');
    expect(formatAmount(100_000_000_00)).toBe('100,000,000');
  });

  it('shows the cents of an amount that has some (band bounds such as 299,999.99)', () => {
    expect(formatAmount(299_999_99)).toBe('299,999.99');
    expect(formatAmount(5)).toBe('0.05');
  });

  it('shows both digits of the cents when there are any (12,345.60, as the product pages do)', () => {
    expect(formatAmount(1_234_560)).toBe('12,345.60');
    expect(formatAmount(-50)).toBe('-0.50');
  });
});

describe('formatSum', () => {
  it('names the currency after the amount', () => {
    expect(formatSum(25_000_000, 'USD')).toBe('250,000 USD');
    expect(formatSum(-50_00, 'EUR')).toBe('-50 EUR');
  });
});
