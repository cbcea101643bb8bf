import { describe, expect, it } from 'vitest';
import { splitColumns } from '../record-columns';

const columns = [
  { name: 'number', priority: 'key' as const },
  { name: 'email' },
  { name: 'status', priority: 'key' as const },
  { name: 'second link', wideOnly: true },
  { name: 'city' },
];

describe('splitColumns', () => {
  it('shows every column on a wide screen and hides none', () => {
    const { shown, hidden } = splitColumns(columns, false);
    expect(shown.map((c) => c.name)).toEqual(['number', 'email', 'status', 'second link', 'city']);
    expect(hidden).toEqual([]);
  });

  it('keeps only the key columns on a phone, in their order, the others (but wide-only ones) behind the details', () => {
    const { shown, hidden } = splitColumns(columns, true);
    expect(shown.map((c) => c.name)).toEqual(['number', 'status']);
    expect(hidden.map((c) => c.name)).toEqual(['email', 'city']);
  });
});
