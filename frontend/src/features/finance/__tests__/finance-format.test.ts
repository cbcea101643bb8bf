import { describe, expect, it } from 'vitest';
import { defaultRegisterRange, figureOfLink, monthLabel } from '../finance-format';

describe('the premium register’s links', () => {
  it('reads the figure behind a register link: account, currency, dates, product and sources', () => {
    expect(
      figureOfLink(
        '/api/finance/entries?kind=unearned_premium&currency=USD&from=2027-03-01&to=2027-03-31&productId=5b0c1f4e-7a43-4c55-9d0e-0a5f5c1e2d3b&sourceTypes=invoice,policy_transaction',
      ),
    ).toEqual({
      kind: 'unearned_premium',
      currency: 'USD',
      from: '2027-03-01',
      to: '2027-03-31',
      productId: '5b0c1f4e-7a43-4c55-9d0e-0a5f5c1e2d3b',
      sourceTypes: 'invoice,policy_transaction',
    });
    expect(figureOfLink('/api/finance/entries?kind=premium_income&currency=EUR&from=2027-04-01&to=2027-04-30')).toEqual({
      kind: 'premium_income',
      currency: 'EUR',
      from: '2027-04-01',
      to: '2027-04-30',
    });
  });

  it('refuses another address or a link without its dates', () => {
    expect(figureOfLink('/api/policies/1/ledger?kind=premium_income')).toBeNull();
    expect(figureOfLink('/api/finance/entries?kind=premium_income&currency=USD&from=2027-04-01')).toBeNull();
    expect(figureOfLink('/api/finance/entries')).toBeNull();
  });

  it('shows the last three months listed by default, oldest to newest', () => {
    expect(defaultRegisterRange(['2027-05', '2027-04', '2027-03', '2027-02'])).toEqual({ from: '2027-03', to: '2027-05' });
    expect(defaultRegisterRange(['2027-05'])).toEqual({ from: '2027-05', to: '2027-05' });
    expect(defaultRegisterRange([])).toBeNull();
    expect(monthLabel('2027-03')).toBe('March 2027');
  });
});
