import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatMoney, formatPremium, installmentWording, paymentWording, regularInstallment, toMajorUnits, toMinorUnits } from '../money';

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

  it('shows zero and single cents with both decimals', () => {
    expect(formatMoney(0, 'USD')).toBe('0.00 USD');
    expect(formatMoney(1, 'USD')).toBe('0.01 USD');
    expect(formatMoney(-1, 'USD')).toBe('-0.01 USD');
  });

  it('groups thousands in the major unit and keeps the cents of large amounts', () => {
    expect(formatMoney(123_456_789_01, 'USD')).toBe('123,456,789.01 USD');
    expect(formatMoney(100, 'JPY')).toBe('1.00 JPY'); // two decimals whatever the currency (see money.ts)
  });

  it('takes minor units to major units and back without changing any amount up to 10^15 cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (minor) => {
        expect(toMinorUnits(toMajorUnits(minor))).toBe(minor);
      }),
    );
  });

  it('reads a typed amount with at most two decimals as exactly that many cents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.integer({ min: 0, max: 99 }), (whole, cents) => {
        const typed = Number(`${whole}.${String(cents).padStart(2, '0')}`);
        expect(toMinorUnits(typed)).toBe(whole * 100 + cents);
      }),
    );
  });

  it('formats every amount as its major units with exactly two decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e13, max: 1e13 }), (minor) => {
        const text = formatMoney(minor, 'EUR');
        const digits = text.replace(/[, ]|EUR/g, '');
        expect(text).toMatch(/^-?\d{1,3}(,\d{3})*\.\d{2} EUR$/);
        expect(Math.round(Number(digits) * 100)).toBe(minor);
      }),
    );
  });

  it('rounds every typed half cent the same way, up (1.005 → 101 like 12.345 → 1235), whatever the float noise', () => {
    expect(toMinorUnits(1.005)).toBe(101);
    expect(toMinorUnits(12.345)).toBe(1235);
    expect(toMinorUnits(1.115)).toBe(112);
    expect(toMinorUnits(8.675)).toBe(868);
  });
});

describe('premium wording', () => {
  it('reads "279.10 USD a year, paid monthly (23.25 a month)": the annual figure, then how and how much', () => {
    // 27,910 cents over 12 months: 2,325 a month, the 10 cents left over on the first installment (as the rating engine splits it).
    expect(formatPremium({ annualPremium: 279_10, currency: 'USD', paymentFrequency: 'monthly' })).toBe('279.10 USD a year, paid monthly (23.25 a month)');
    expect(formatPremium({ annualPremium: 279_10, currency: 'USD', paymentFrequency: 'quarterly' })).toBe('279.10 USD a year, paid quarterly (69.77 a quarter)');
    expect(formatPremium({ annualPremium: 279_10, currency: 'USD', paymentFrequency: 'semi_annual' })).toBe('279.10 USD a year, paid twice a year (139.55 every six months)');
    expect(formatPremium({ annualPremium: 279_10, currency: 'USD', paymentFrequency: 'annual' })).toBe('279.10 USD a year, paid once a year');
  });

  it('uses the installment the record carries when it has one', () => {
    expect(paymentWording({ annualPremium: 313_75, paymentFrequency: 'monthly', installmentAmount: 26_14 })).toBe('paid monthly (26.14 a month)');
    expect(formatPremium({ annualPremium: 1_234_567_89, currency: 'EUR', paymentFrequency: 'monthly', installmentAmount: 102_880_65 })).toBe(
      '1,234,567.89 EUR a year, paid monthly (102,880.65 a month)',
    );
    expect(installmentWording('quarterly', 5_00)).toBe('5.00 a quarter');
  });

  it('splits like the rating engine: installments never add up to more than the premium, the first takes what is left', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.constantFrom('annual', 'semi_annual', 'quarterly', 'monthly') as fc.Arbitrary<'annual' | 'semi_annual' | 'quarterly' | 'monthly'>,
        (annual, frequency) => {
          const count = { annual: 1, semi_annual: 2, quarterly: 4, monthly: 12 }[frequency];
          const regular = regularInstallment(annual, frequency);
          const first = annual - regular * (count - 1);
          expect(Number.isInteger(regular)).toBe(true);
          expect(first).toBeGreaterThanOrEqual(regular);
          expect(first - regular).toBeLessThan(count);
        },
      ),
    );
  });
});
