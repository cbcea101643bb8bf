import type { MyWorkItem } from '@contracts/service';
import { describe, expect, it } from 'vitest';
import { myWorkRow, type MyWorkLinks } from '../my-work-rows';

const links: MyWorkLinks = {
  casePath: (id) => `/cases/${id}`,
  claimPath: (id) => `/claims/${id}`,
  customerPath: (id) => `/customers/${id}`,
  claimStatusLabel: (s) => s.replace(/_/g, ' '),
  lossTypeLabel: (t) => t.toUpperCase(),
  date: (d) => `on ${d}`,
};
const flags = { dueAt: '2027-03-03T16:00:00.000Z', overdue: false, atRisk: true };
const claimId = '00000000-0000-4000-8000-000000000001';

describe('myWorkRow', () => {
  it('links an assigned claim to its page, with its status and customer', () => {
    const item = {
      kind: 'claim',
      claim: { id: claimId, claimNumber: 'CL-000007', status: 'under_investigation', customerName: 'Ada Lovelace', lossType: 'fire', submittedAt: '2027-03-01T10:00:00.000Z' },
      ...flags,
    } satisfies MyWorkItem;
    expect(myWorkRow(item, links)).toMatchObject({
      key: `claim:${claimId}`,
      badge: 'Claim CL-000007',
      to: `/claims/${claimId}`,
      customer: { name: 'Ada Lovelace', to: null },
      detail: 'under investigation',
      title: 'FIRE: decision due 10 business days after submission',
    });
    expect(myWorkRow({ ...item, claim: { ...item.claim, status: 'draft', submittedAt: null }, dueAt: null }, links)).toMatchObject({
      title: 'FIRE: a draft to submit or withdraw',
      undated: 'Not submitted',
    });
  });

  it('shows a request for information by what was asked, leading to its claim', () => {
    const item = {
      kind: 'claim_information_request',
      request: {
        id: '00000000-0000-4000-8000-000000000002',
        items: 'The police report',
        documentCode: 'POLICE_REPORT',
        dueOn: '2027-03-10',
        claim: { id: claimId, claimNumber: 'CL-000007', status: 'under_investigation', customerName: 'Ada Lovelace' },
      },
      ...flags,
    } satisfies MyWorkItem;
    expect(myWorkRow(item, links)).toMatchObject({
      badge: 'Info request CL-000007',
      title: 'The police report',
      to: `/claims/${claimId}`,
      detail: 'Claimant to answer by on 2027-03-10',
    });
  });
});
