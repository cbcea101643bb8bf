import { describe, expect, it } from 'vitest';
import { invoicesOverviewSection, paymentsOverviewSection } from '../overview-section';

const item = {
  id: '1e3101ce-15d1-4732-abb6-ba0c0b27a075',
  invoiceNumber: 'I-000036',
  policyId: '80c34149-b523-48c4-93ab-a3046e7898aa',
  dueDate: '2026-12-05',
  status: 'overdue',
  currency: 'USD',
  openAmount: 20715,
};

describe('the billing section of the 360° view', () => {
  it('shows each invoice with its status and what is still open, leading to its policy', () => {
    expect(invoicesOverviewSection.itemView(item)).toEqual({
      label: 'I-000036',
      to: `/policies/${item.policyId}`,
      permission: 'policies:read',
      status: { label: 'Overdue', color: 'red' },
      detail: expect.stringMatching(/^Due .+ · 207\.15 USD open$/),
    });
    expect(invoicesOverviewSection.itemView({ ...item, status: 'paid', openAmount: 0 })?.detail).toMatch(/^Due [^·]+$/);
    expect(invoicesOverviewSection.itemView({ invoiceNumber: 'I-1' })).toBeNull();
  });
});

describe('the payments section of the 360° view', () => {
  const payment = {
    id: '5c1f0c1e-8a55-4a5e-9b0e-0c1b7e4f7a11',
    paymentNumber: 'PM-000012',
    policyId: '80c34149-b523-48c4-93ab-a3046e7898aa',
    method: 'card',
    status: 'failed',
    amount: 20715,
    currency: 'USD',
    receivedOn: '2026-12-05',
  };

  it('shows each payment with its status, amount, method and date, leading to its policy', () => {
    expect(paymentsOverviewSection.itemView(payment)).toEqual({
      label: 'PM-000012',
      to: `/policies/${payment.policyId}`,
      permission: 'policies:read',
      status: { label: 'Failed', color: 'red' },
      detail: expect.stringMatching(/^207\.15 USD · Card on file · .+$/),
    });
  });

  it('shows a payment on the customer’s account (no policy) as text, and ignores what it does not know', () => {
    expect(paymentsOverviewSection.itemView({ ...payment, policyId: null, method: 'cash', status: 'succeeded' })).toMatchObject({
      to: null,
      status: { label: 'Succeeded', color: 'green' },
    });
    expect(paymentsOverviewSection.itemView({ paymentNumber: 'PM-1' })).toBeNull();
  });
});
