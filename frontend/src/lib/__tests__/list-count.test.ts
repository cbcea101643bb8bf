import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countOfPage, countText, countWhere, resultsText } from '../list-count';

describe('list counts', () => {
  it('is exact when the list ended within its page', () => {
    expect(countOfPage({ items: [1, 2, 3], nextCursor: null })).toEqual({ count: 3, more: false });
    expect(countText({ count: 3, more: false })).toEqual({ short: '3', long: '3' });
  });

  it('says "more than" when the API has a next page', () => {
    const page = { items: Array.from({ length: 100 }, (_, i) => i), nextCursor: 'abc' };
    expect(countText(countOfPage(page))).toEqual({ short: '100+', long: 'more than 100' });
  });

  it('counts the matching items of a capped list, and is a lower bound once the list reached its cap', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 120 }), fc.integer({ min: 1, max: 120 }), (flags, cap) => {
        const items = flags.slice(0, cap);
        const result = countWhere(items, cap, (flag) => flag);
        expect(result.count).toBe(items.filter(Boolean).length);
        expect(result.more).toBe(items.length === cap);
      }),
    );
  });

  it('says the list count as a sentence: exact, singular, none, or more than the cap', () => {
    const noun = { one: 'application', other: 'applications' };
    expect(resultsText({ count: 3, more: false }, noun)).toBe('3 applications');
    expect(resultsText({ count: 1, more: false }, noun)).toBe('1 application');
    expect(resultsText({ count: 0, more: false }, noun)).toBe('No applications');
    expect(resultsText({ count: 100, more: true }, noun)).toBe('More than 100 applications');
  });
});
