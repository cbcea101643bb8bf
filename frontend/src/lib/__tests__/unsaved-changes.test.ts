import { describe, expect, it } from 'vitest';
import { leavesPage } from '../unsaved-changes';

describe('leavesPage', () => {
  it('is a move to another path: a menu link, a route tab, the back button', () => {
    expect(leavesPage({ pathname: '/customers/1/details' }, { pathname: '/customers/1' })).toBe(true);
    expect(leavesPage({ pathname: '/approval-limits' }, { pathname: '/users' })).toBe(true);
  });
  it('is not a new query or hash on the same page (filters, sorting)', () => {
    expect(leavesPage({ pathname: '/customers' }, { pathname: '/customers' })).toBe(false);
  });
});
