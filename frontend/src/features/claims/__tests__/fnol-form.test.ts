import { describe, expect, it } from 'vitest';
import { buildClaimBody, coverageCheckBodyOf, emptyFnol } from '../fnol-form';
import type { FnolValues } from '../fnol-form';

const POLICY = '0b9c6c36-6d1e-4b9e-9c36-6d1e4b9e9c36';
const filled = (over: Partial<FnolValues> = {}): FnolValues => ({
  ...emptyFnol(POLICY, '2026-12-05'),
  lossType: 'vehicle_collision',
  description: ' Rear-ended at a junction ',
  location: 'Main St and 5th',
  reporter: { kind: 'agent_phone', name: 'Caller on the line', phone: '(555) 201-0000', email: '', relationship: '' },
  ...over,
});

describe('buildClaimBody', () => {
  it('sends the notice with the amount in minor units, trimmed text and without the fields left empty', () => {
    expect(buildClaimBody(filled({ claimedAmount: 3000, lossTime: '14:30' }))).toEqual({
      ok: true,
      body: {
        policyId: POLICY,
        lossDate: '2026-12-05',
        lossTime: '14:30',
        lossType: 'vehicle_collision',
        description: 'Rear-ended at a junction',
        location: 'Main St and 5th',
        reporter: { kind: 'agent_phone', name: 'Caller on the line', phone: '(555) 201-0000' },
        claimedAmount: 300_000,
      },
    });
  });

  it('says every missing field at once, next to its field', () => {
    const result = buildClaimBody(emptyFnol(POLICY, '2026-12-05'));
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(['description', 'location', 'lossType', 'reporter.name', 'reporter.phone']);
    expect(!result.ok && result.errors['reporter.phone']).toBe('Give a phone number or an email address to reach the reporter');
  });

  it('takes an email instead of a phone, and refuses a time that is not HH:MM', () => {
    const byEmail = filled({ reporter: { kind: 'policyholder', name: 'Ada', phone: '', email: 'ada@example.org', relationship: '' } });
    expect(buildClaimBody(byEmail).ok).toBe(true);
    expect(buildClaimBody(filled({ lossTime: '25:00' }))).toEqual({ ok: false, errors: { lossTime: 'Use HH:MM (24 h)' } });
  });

  it('refuses a claimed amount of zero', () => {
    expect(buildClaimBody(filled({ claimedAmount: 0 }))).toEqual({ ok: false, errors: { claimedAmount: 'Must be more than zero' } });
  });
});

describe('coverageCheckBodyOf', () => {
  it('is null until the policy, a loss date and the kind of loss are known', () => {
    expect(coverageCheckBodyOf(emptyFnol(POLICY, '2026-12-05'))).toBeNull();
    expect(coverageCheckBodyOf(filled({ lossDate: '' }))).toBeNull();
    expect(coverageCheckBodyOf(filled({ policyId: '' }))).toBeNull();
  });

  it('checks with the description (an exclusion may be quoted in it)', () => {
    expect(coverageCheckBodyOf(filled())).toEqual({ policyId: POLICY, lossDate: '2026-12-05', lossType: 'vehicle_collision', description: 'Rear-ended at a junction' });
  });
});
