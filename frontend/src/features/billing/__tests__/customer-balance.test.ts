import { describe, expect, it } from 'vitest';
import { formatMoney } from '@/lib/money';
import { balanceSummary, worthShowing } from '../customer-balance';

const base = { currency: 'USD', amountDue: 0, overdueAmount: 0, overdueSince: null, credit: 0, nextDue: null };

describe('the customer header’s billing figures', () => {
  it('says what is due, overdue since when, what falls due next and the credit', () => {
    const text = balanceSummary({ ...base, amountDue: 120_00, overdueAmount: 60_00, overdueSince: '2026-12-05', credit: 10_00, nextDue: { date: '2027-01-05', amount: 60_00 } });
    expect(text).toBe(
      `${formatMoney(120_00, 'USD')} due, ${formatMoney(60_00, 'USD')} overdue since 5 Dec 2026, next ${formatMoney(60_00, 'USD')} on 5 Jan 2027, ${formatMoney(10_00, 'USD')} credit`,
    );
  });

  it('shows a customer who owes nothing yet but has credit or an installment coming', () => {
    expect(balanceSummary({ ...base, credit: 5_00 })).toBe(`Nothing due, ${formatMoney(5_00, 'USD')} credit`);
    expect(balanceSummary({ ...base, nextDue: { date: '2027-02-01', amount: 30_00 } })).toBe(`Nothing due, next ${formatMoney(30_00, 'USD')} on 1 Feb 2027`);
    expect(worthShowing({ ...base, credit: 1 })).toBe(true);
    expect(worthShowing({ ...base, nextDue: { date: '2027-02-01', amount: 1 } })).toBe(true);
    expect(worthShowing(base)).toBe(false);
  });
});
