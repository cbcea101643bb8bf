import type { TimelineItem } from '@contracts/service';
import { describe, expect, it } from 'vitest';
import { timelineEntryView, timelineKinds, type TimelineRecords } from '../timeline-view';

const records: TimelineRecords = {
  case: { path: (id) => `/cases/${id}`, permission: 'cases:read' },
  claim: { path: (id) => `/claims/${id}`, permission: 'claims:read', statusLabel: (s) => ({ draft: 'Draft', submitted: 'Submitted' })[s] ?? s },
};
const AT = '2027-01-11T10:00:00.000Z';
const agent = { id: '00000000-0000-4000-8000-000000000001', name: 'Ana Agent' };
const item = (overrides: Partial<TimelineItem>): TimelineItem => ({
  kind: 'interaction',
  id: '00000000-0000-4000-8000-0000000000aa',
  at: AT,
  title: 'Asked about the renewal',
  detail: 'phone_inbound',
  by: agent,
  record: { type: 'interaction', id: '00000000-0000-4000-8000-0000000000aa', number: null },
  statusChange: null,
  ...overrides,
});

describe('timelineEntryView', () => {
  it('reads a status change as from → to with its reason, titled and linked by the record', () => {
    const claimId = '00000000-0000-4000-8000-0000000000cc';
    const view = timelineEntryView(
      item({
        kind: 'claim',
        id: '42',
        title: 'CL-000007',
        detail: 'submitted',
        record: { type: 'claim', id: claimId, number: 'CL-000007' },
        statusChange: { from: 'draft', to: 'submitted', reason: 'All papers in' },
      }),
      records,
    );
    expect(view).toEqual({
      key: 'claim:42',
      kind: 'claim',
      kindLabel: 'Claim',
      title: 'CL-000007',
      link: { to: `/claims/${claimId}`, permission: 'claims:read' },
      summary: 'Draft → Submitted',
      reason: 'All papers in',
      by: 'Ana Agent',
      at: AT,
    });
  });

  it('says a record was created in its first status, and words statuses its feature does not label; a job has no person', () => {
    const view = timelineEntryView(
      item({
        kind: 'policy',
        id: '7',
        title: 'P-000001',
        detail: 'active',
        by: null,
        record: { type: 'policy', id: agent.id, number: 'P-000001' },
        statusChange: { from: null, to: 'in_grace', reason: ' ' },
      }),
      records,
    );
    expect(view).toMatchObject({ kindLabel: 'Policy', title: 'P-000001', summary: 'Created as In grace', reason: null, by: null, link: null });
  });

  it('names the channel of a contact, the status of a task or case, and links only records with a page', () => {
    expect(timelineEntryView(item({}), records)).toMatchObject({ kindLabel: 'Contact', title: 'Asked about the renewal', summary: 'Phone (inbound)', link: null });
    expect(timelineEntryView(item({ kind: 'task', detail: 'done', record: { type: 'task', id: agent.id, number: null } }), records)).toMatchObject({ summary: 'Done', link: null });
    const kase = timelineEntryView(
      item({ kind: 'case', title: 'CS-000003: Pack never came', detail: 'pending', record: { type: 'case', id: agent.id, number: 'CS-000003' } }),
      records,
    );
    expect(kase).toMatchObject({ title: 'CS-000003: Pack never came', summary: 'Pending', link: { to: `/cases/${agent.id}`, permission: 'cases:read' } });
  });
  it('reads a message to the customer by what it was and how it went, with no page and no person', () => {
    const message = (detail: string) =>
      timelineEntryView(item({ kind: 'message', title: 'Payment receipt by email', detail, by: null, record: { type: 'message', id: agent.id, number: null } }), records);
    expect(message('sent')).toMatchObject({ kindLabel: 'Message', title: 'Payment receipt by email', summary: 'Sent', link: null, by: null });
    expect(message('pending').summary).toBe('Queued');
    expect(message('dead').summary).toBe('Could not be delivered');
  });
});

describe('timelineKinds', () => {
  it('asks for every kind with "all", else the one chosen', () => {
    expect(timelineKinds('all')).toEqual([]);
    expect(timelineKinds('case')).toEqual(['case']);
  });
});
