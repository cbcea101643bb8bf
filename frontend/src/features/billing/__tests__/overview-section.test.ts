import { describe, expect, it } from 'vitest';
import { invoicesOverviewSection } from '../overview-section';

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
