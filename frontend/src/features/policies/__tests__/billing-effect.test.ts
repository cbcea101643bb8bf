import type { PolicyTransaction } from '@contracts/policies';
import { describe, expect, it } from 'vitest';
import { billingText } from '../billing-effect';

const tx = (over: Partial<PolicyTransaction>) => ({ status: 'issued', billingEffect: null, ...over }) as PolicyTransaction;
const effect = (e: Partial<NonNullable<PolicyTransaction['billingEffect']>>) =>
  ({ kind: 'none', amount: 0, invoice: null, ledgerEntryId: null, newInstallmentsFrom: null, description: '', ...e }) as NonNullable<PolicyTransaction['billingEffect']>;

describe('what a policy change did to billing', () => {
  it('names the invoice, its amount and due date', () => {
    const text = billingText(tx({ billingEffect: effect({ kind: 'invoice', amount: 9_15, invoice: { id: 'x', invoiceNumber: 'I-000046', dueDate: '2026-12-20' } }) }), 'USD');
    expect(text).toMatch(/^Invoice I-000046, 9\.15\sUSD due 20 Dec 2026$/);
  });
  it('says credit goes to the customer', () => {
    expect(billingText(tx({ billingEffect: effect({ kind: 'credit', amount: 18_70 }) }), 'USD')).toMatch(/^18\.70\sUSD to the customer's credit$/);
  });
  it('a quoted change has no effect yet; an issued one may have none', () => {
    expect(billingText(tx({ status: 'quoted' }), 'USD')).toBe('When issued');
    expect(billingText(tx({ billingEffect: effect({}) }), 'USD')).toBe('No premium change');
  });
});
