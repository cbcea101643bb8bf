import { describe, expect, it } from 'vitest';
import { claimsOverviewSection } from '../overview-section';

const item = {
  id: '0c9e46a0-5b6d-4ada-9596-141223d602ce',
  claimNumber: 'CL-000013',
  policyId: '80c34149-b523-48c4-93ab-a3046e7898aa',
  status: 'paid',
  lossDate: '2026-12-06',
  lossType: 'vehicle_collision',
  claimedAmount: 320000,
  paidAmount: 250000,
  currency: 'USD',
};

describe('the claims section of the 360° view', () => {
  it('links each claim with its status, the loss, and what was claimed and paid', () => {
    expect(claimsOverviewSection.itemView(item)).toEqual({
      label: 'CL-000013',
      to: `/claims/${item.id}`,
      permission: 'claims:read',
      status: { label: 'Paid', color: expect.any(String) },
      detail: expect.stringMatching(/^Vehicle collision, .+ · 3,200\.00 USD claimed · 2,500\.00 USD paid$/),
    });
  });

  it('leaves out the amounts not known yet, and an unknown item to the generic text', () => {
    expect(claimsOverviewSection.itemView({ ...item, status: 'submitted', claimedAmount: null, paidAmount: 0 })?.detail).toMatch(/^Vehicle collision, [^·]+$/);
    expect(claimsOverviewSection.itemView({ id: 'x' })).toBeNull();
  });
});
