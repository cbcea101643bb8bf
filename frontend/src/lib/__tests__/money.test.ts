import { describe, expect, it } from 'vitest';
import { formatMoney, toMajorUnits, toMinorUnits } from '../money';

describe('money', () => {
  it('shows minor units as major units with two decimals and the currency', () => {
    expect(formatMoney(25_000_000, 'USD')).toBe('250,000.00 USD');
    expect(formatMoney(5, 'EUR')).toBe('0.05 EUR');
    expect(formatMoney(-1999, 'USD')).toBe('-19.99 USD');
  });

  it('rounds typed major units to whole cents', () => {
    expect(toMinorUnits(12.345)).toBe(1235);
    expect(toMinorUnits(0.1 + 0.2)).toBe(30);
    expect(toMajorUnits(1235)).toBe(12.35);
  });
});
