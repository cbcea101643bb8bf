import { describe, expect, it } from 'vitest';
import { dayBandOf, readOverdueCriteria } from '../overdue-filter';

const read = (query: string) => readOverdueCriteria(new URLSearchParams(query));

describe('readOverdueCriteria', () => {
  it('reads the filters the API takes, numbers as numbers', () => {
    const productId = '0b6a3c1e-9f0e-4c8a-9a53-2f1f5d1e8b11';
    expect(read(`daysFrom=31&daysTo=60&amountMin=50000&productId=${productId}&q=P-0001&sort=-amount`)).toEqual({
      daysFrom: 31,
      daysTo: 60,
      amountMin: 50000,
      productId,
      q: 'P-0001',
      sort: '-amount',
    });
  });

  it('drops what the API would refuse instead of showing an error page', () => {
    expect(read('daysFrom=0&amountMin=-5&productId=nope&sort=name&branchId=1')).toEqual({});
    // Days to below days from: the upper bound goes.
    expect(read('daysFrom=60&daysTo=30')).toEqual({ daysFrom: 60 });
  });

  it('leaves out the default sort and empty values', () => {
    expect(read('sort=-daysPastDue&q=')).toEqual({});
  });
});

describe('dayBandOf', () => {
  it('names the band of the days filter, custom for others, none without one', () => {
    expect(dayBandOf({})).toBeNull();
    expect(dayBandOf({ daysFrom: 31, daysTo: 60 })).toBe('31-60');
    expect(dayBandOf({ daysFrom: 91 })).toBe('91-');
    expect(dayBandOf({ daysFrom: 5, daysTo: 10 })).toBe('custom');
  });
});
