import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerFilterParams, MIN_SEARCH_LENGTH, readCustomerFilter, searchCriteria, searchTooShort } from '../customer-filter';
import type { CustomerFilter } from '../customer-filter';

const BRANCH = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
const read = (query: string) => readCustomerFilter(new URLSearchParams(query));

describe('readCustomerFilter', () => {
  it('reads the filters the page keeps in its address', () => {
    expect(read(`q=smith&status=active&kycStatus=verified&branchId=${BRANCH}&dateOfBirth=1980-03-12&postalCode=62701`)).toEqual({
      q: 'smith',
      status: 'active',
      kycStatus: 'verified',
      branchId: BRANCH,
      dateOfBirth: '1980-03-12',
      postalCode: '62701',
    });
  });

  it('drops a value the API would refuse: an unknown status, a mistyped date, a branch that is not an id', () => {
    expect(read('status=archived&kycStatus=maybe&dateOfBirth=12.03.1980&branchId=north&q=ok')).toEqual({ q: 'ok' });
    expect(read('dateOfBirth=2026-02-30')).toEqual({});
  });

  it('keeps only filters that are set, trimmed, so "is anything filtered?" is a key count', () => {
    expect(read('q=%20%20&status=&postalCode=')).toEqual({});
    expect(read('q=%20smith%20')).toEqual({ q: 'smith' });
  });

  it('never reads a national id or an agent from the address', () => {
    expect(read('nationalId=123-45-6789&assignedAgentId=7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d')).toEqual({});
  });

  it('reads back every filter it writes', () => {
    const filterArb: fc.Arbitrary<CustomerFilter> = fc.record(
      {
        q: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s !== ''),
        status: fc.constantFrom('prospect', 'active', 'inactive', 'deceased', 'merged'),
        kycStatus: fc.constantFrom('not_started', 'pending', 'verified', 'rejected', 'expired'),
        branchId: fc.constant(BRANCH),
        postalCode: fc.stringMatching(/^[A-Z0-9]{1,10}$/),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(filterArb, (filter) => {
        expect(read(customerFilterParams(filter))).toEqual(filter);
      }),
    );
  });
});

describe('searchCriteria', () => {
  it('holds back a one-character search on its own (the API answers 400 SEARCH_TOO_BROAD)', () => {
    expect(MIN_SEARCH_LENGTH).toBe(2);
    expect(searchCriteria({ q: 's' }, '')).toEqual({});
    expect(searchTooShort({ q: 's' }, '')).toBe(true);
    expect(searchCriteria({ q: 'sm' }, '')).toEqual({ q: 'sm' });
    expect(searchTooShort({ q: 'sm' }, '')).toBe(false);
  });

  it('sends a one-character search when another filter or a national id narrows it', () => {
    expect(searchCriteria({ q: 's', status: 'active' }, '')).toEqual({ q: 's', status: 'active' });
    expect(searchCriteria({ q: 's' }, '6789')).toEqual({ q: 's', nationalId: '6789' });
    expect(searchTooShort({ q: 's', status: 'active' }, '')).toBe(false);
  });

  it('counts the search without its surrounding spaces', () => {
    expect(searchCriteria({ q: ' s ' }, '')).toEqual({});
    expect(searchCriteria({ q: ' sm ' }, '')).toEqual({ q: 'sm' });
    expect(searchTooShort({ q: '   ' }, '')).toBe(false);
  });

  it('searches a national id only from four characters, trimmed', () => {
    expect(searchCriteria({}, ' 678 ')).toEqual({});
    expect(searchCriteria({}, ' 6789 ')).toEqual({ nationalId: '6789' });
    expect(searchCriteria({ q: 's' }, '678')).toEqual({});
  });
});
