import { describe, expect, it } from 'vitest';
import { queryString } from '../query-string';

describe('queryString', () => {
  it('is empty (no lone "?") when no value is set', () => {
    expect(queryString({})).toBe('');
    expect(queryString({ a: undefined, b: null, c: '' })).toBe('');
  });

  it('leaves out undefined, null and empty values and keeps the rest in the order given', () => {
    expect(queryString({ q: 'smith', status: undefined, branchId: null, postalCode: '', limit: 25 })).toBe('?q=smith&limit=25');
  });

  it('keeps zero and false, which are values and not "unset"', () => {
    expect(queryString({ page: 0, active: false })).toBe('?page=0&active=false');
  });

  it('encodes reserved characters so a value cannot add a parameter', () => {
    const text = queryString({ q: 'a&b=c d', x: 'é/?#' });
    expect(text).toBe('?q=a%26b%3Dc+d&x=%C3%A9%2F%3F%23');
    expect(new URLSearchParams(text).get('q')).toBe('a&b=c d');
  });

  it('keeps whitespace-only values (only the empty string counts as unset)', () => {
    expect(queryString({ q: ' ' })).toBe('?q=+');
  });
});
