import { CompareQuotesBody } from '@contracts/products';
import { describe, expect, it } from 'vitest';
import { BasketItem, MAX_COMPARED, optionKey } from '../comparison-basket';

const item: BasketItem = {
  id: 'a',
  productId: 'p1',
  productName: 'Term life',
  currency: 'USD',
  termYears: 20,
  coverages: [{ code: 'DEATH', sumInsured: 250_000_00 }],
  risk: {},
  coverageNames: { DEATH: 'Death benefit' },
};

describe('optionKey', () => {
  it('is the same for the same product and choices, whatever the id, names or term label', () => {
    const again: BasketItem = { ...item, id: 'b', productName: 'Renamed', coverageNames: {}, termLabel: 'Term' };
    expect(optionKey(again)).toBe(optionKey(item));
  });

  it('differs for another product, term, amount, deductible or risk detail', () => {
    const key = optionKey(item);
    expect(optionKey({ ...item, productId: 'p2' })).not.toBe(key);
    expect(optionKey({ ...item, termYears: 30 })).not.toBe(key);
    expect(optionKey({ ...item, coverages: [{ code: 'DEATH', sumInsured: 300_000_00 }] })).not.toBe(key);
    expect(optionKey({ ...item, coverages: [{ code: 'DEATH', sumInsured: 250_000_00, deductible: 0 }] })).not.toBe(key);
    expect(optionKey({ ...item, risk: { vehicleAge: 3 } })).not.toBe(key);
  });
});

describe('the comparison basket', () => {
  it('holds at most as many option sets as POST /quotes/compare takes', () => {
    const option = { productId: '0b6f9d0e-1c2a-4e5b-8f7a-9c0d1e2f3a4b', coverages: item.coverages, termYears: 20 };
    const body = (n: number) => ({ customerId: '3f1c2a9e-5b7d-4c1e-9a2b-1d2e3f4a5b6c', options: Array.from({ length: n }, () => option) });
    expect(CompareQuotesBody.safeParse(body(MAX_COMPARED)).success).toBe(true);
    expect(CompareQuotesBody.safeParse(body(MAX_COMPARED + 1)).success).toBe(false);
  });

  it('keeps only items that can be compared: whole-year terms and the API’s coverage and risk shapes', () => {
    expect(BasketItem.safeParse(item).success).toBe(true);
    expect(BasketItem.safeParse({ ...item, termYears: 2.5 }).success).toBe(false);
    expect(BasketItem.safeParse({ ...item, risk: { vehicleUse: 'racing' } }).success).toBe(false);
    expect(BasketItem.safeParse({ ...item, coverages: [{ code: 'DEATH', sumInsured: -1 }] }).success).toBe(false);
  });
});
