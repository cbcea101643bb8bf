import { describe, expect, it } from 'vitest';
import { ariaSort, nextSort, parseSort, readSort } from '../list-sort';

describe('list sort', () => {
  it('reads field and direction from the API value', () => {
    expect(parseSort('createdAt')).toEqual({ field: 'createdAt', direction: 'ascending' });
    expect(parseSort('-createdAt')).toEqual({ field: 'createdAt', direction: 'descending' });
  });

  it('a click on the current column turns it around; on another column starts it in its first direction', () => {
    expect(nextSort('customerName', 'customerName')).toBe('-customerName');
    expect(nextSort('-customerName', 'customerName')).toBe('customerName');
    expect(nextSort('-createdAt', 'customerName')).toBe('customerName');
    expect(nextSort('customerName', 'annualPremium', 'descending')).toBe('-annualPremium');
  });

  it('says aria-sort for each header', () => {
    expect(ariaSort('-createdAt', 'createdAt')).toBe('descending');
    expect(ariaSort('createdAt', 'createdAt')).toBe('ascending');
    expect(ariaSort('createdAt', 'status')).toBe('none');
  });

  it('keeps a sort from the address only when the list has that column', () => {
    const fields = ['createdAt', 'status'] as const;
    expect(readSort('-status', fields, '-createdAt')).toBe('-status');
    expect(readSort('password', fields, '-createdAt')).toBe('-createdAt');
    expect(readSort('--status', fields, '-createdAt')).toBe('-createdAt');
    expect(readSort(null, fields, '-createdAt')).toBe('-createdAt');
  });
});
