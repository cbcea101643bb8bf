import { describe, expect, it } from 'vitest';
import { onboardingOverviewSection } from '../onboarding-section';
import { milestoneState, progressWording } from '../playbook-progress';

const clock = (breached = false) => ({
  metric: 'milestone' as const,
  status: 'running' as const,
  targetMinutes: 480,
  usedMinutes: 0,
  remainingMinutes: 480,
  dueAt: null,
  breached,
  warned: false,
  breachRecorded: breached,
});
const now = new Date('2027-03-02T12:00:00Z');

describe('milestoneState', () => {
  it('tells done from done late by the due time', () => {
    expect(milestoneState({ status: 'done', dueAt: '2027-03-02T10:00:00Z', completedAt: '2027-03-02T09:00:00Z', clock: clock() }, now).kind).toBe('done');
    expect(milestoneState({ status: 'done', dueAt: '2027-03-02T10:00:00Z', completedAt: '2027-03-02T11:00:00Z', clock: clock() }, now)).toMatchObject({
      kind: 'late',
      color: 'orange',
    });
  });

  it('flags an open milestone overdue once its due time passed or its clock breached, else says when it is due', () => {
    expect(milestoneState({ status: 'open', dueAt: '2027-03-02T10:00:00Z', completedAt: null, clock: clock() }, now)).toMatchObject({ kind: 'overdue', color: 'red' });
    expect(milestoneState({ status: 'open', dueAt: '2027-03-03T10:00:00Z', completedAt: null, clock: clock(true) }, now).kind).toBe('overdue');
    const open = milestoneState({ status: 'open', dueAt: '2027-03-03T10:00:00Z', completedAt: null, clock: clock() }, now);
    expect(open.kind).toBe('open');
    expect(open.label).toMatch(/^Due /);
  });
});

describe('progressWording', () => {
  it('counts what is done and overdue, and says when all is done', () => {
    expect(progressWording({ done: 1, total: 4, breached: 2 })).toBe('1 of 4 done, 2 overdue');
    expect(progressWording({ done: 0, total: 3, breached: 0 })).toBe('0 of 3 done');
    expect(progressWording({ done: 4, total: 4, breached: 1 })).toBe('All 4 done');
  });
});

describe('the onboarding section of the 360° view', () => {
  const item = {
    id: '6f1c1f5e-9f7a-4b7e-9d2a-1c2b3d4e5f60',
    title: 'Life onboarding: 1 of 4 milestones done, 2 overdue',
    name: 'Life onboarding',
    progress: { done: 1, total: 4, breached: 2 },
    policyId: '0b6c3a5e-1d2f-4e3a-8b9c-0d1e2f3a4b5c',
    startedAt: '2027-03-01T10:00:00.000Z',
  };

  it('links a policy’s playbook to the policy, with its state', () => {
    expect(onboardingOverviewSection.itemView(item)).toMatchObject({
      label: 'Life onboarding',
      to: `/policies/${item.policyId}`,
      status: { label: 'Overdue', color: 'red' },
      detail: expect.stringMatching(/^1 of 4 done, 2 overdue · started /),
    });
    expect(onboardingOverviewSection.itemView({ ...item, progress: { done: 4, total: 4, breached: 0 } })?.status).toEqual({ label: 'Done', color: 'green' });
  });

  it('has no link for a playbook started by hand without a policy, and leaves an unknown item to the generic text', () => {
    expect(onboardingOverviewSection.itemView({ ...item, policyId: null })?.to).toBeNull();
    expect(onboardingOverviewSection.itemView({ title: 'Something else' })).toBeNull();
  });
});
