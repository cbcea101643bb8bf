import type { Claim } from '@contracts/claims';
import { describe, expect, it } from 'vitest';
import { availableClaimActions, decisionTransition, fourEyesBlock, referralBlock } from '../claim-actions';

const person = (id: string) => ({ id, name: id });
const assessment = (decision: 'approve' | 'partially_approve' | 'reject', approvals: string[] = []): NonNullable<Claim['assessment']> => ({
  round: 1,
  lines: [],
  total: 100,
  decision,
  reasonCode: decision === 'approve' ? 'APPROVED_IN_FULL' : decision === 'reject' ? 'EXCLUSION_APPLIES' : 'DEDUCTIBLE_APPLIED',
  reason: null,
  assessedBy: person('adjuster'),
  assessedAt: '2026-12-01T10:00:00.000Z',
  approvalsRequired: 2,
  approvals: approvals.map((id, i) => ({ level: i + 1, approvedBy: person(id), approvedAt: '2026-12-01T11:00:00.000Z', amount: 100 })),
});

const AGENT = ['claims:read', 'claims:create'];
const ADJUSTER = [...AGENT, 'claims:investigate', 'claims:reserve', 'claims:decide', 'claims:pay'];
const canOf = (grants: string[]) => (p: string) => grants.includes(p);

describe('availableClaimActions', () => {
  it('offers an agent only to submit or withdraw a draft', () => {
    expect(availableClaimActions({ status: 'draft', assessment: null }, canOf(AGENT))).toEqual(['submit', 'withdraw']);
    expect(availableClaimActions({ status: 'under_investigation', assessment: null }, canOf(AGENT))).toEqual([]);
  });

  it('offers an adjuster the investigation of a submitted claim, its assignment, reserves and notes', () => {
    expect(availableClaimActions({ status: 'submitted', assessment: null }, canOf(ADJUSTER))).toEqual(['start-investigation', 'assign', 'withdraw', 'refer', 'reserve', 'note']);
    expect(availableClaimActions({ status: 'under_investigation', assessment: null }, canOf(ADJUSTER))).toEqual(['assign', 'assess', 'refer', 'reserve', 'note']);
  });

  it('offers the decision of an assessed claim, and payment once approved', () => {
    expect(availableClaimActions({ status: 'assessed', assessment: assessment('approve') }, canOf(ADJUSTER))).toContain('decide');
    expect(availableClaimActions({ status: 'approved', assessment: assessment('approve') }, canOf(ADJUSTER))).toEqual(['pay', 'refer', 'reserve', 'note']);
    expect(availableClaimActions({ status: 'approved', assessment: assessment('approve') }, canOf(AGENT))).toEqual([]);
  });

  it('closes a paid or rejected claim and reopens a closed one; nothing changes a withdrawn one', () => {
    expect(availableClaimActions({ status: 'paid', assessment: assessment('approve') }, canOf(ADJUSTER))).toEqual(['close', 'note']);
    expect(availableClaimActions({ status: 'closed', assessment: assessment('approve') }, canOf(ADJUSTER))).toEqual(['reopen', 'note']);
    expect(availableClaimActions({ status: 'withdrawn', assessment: null }, canOf(AGENT))).toEqual([]);
  });
});

describe('decisionTransition', () => {
  it('is the transition of the assessment’s decision', () => {
    expect(decisionTransition({ assessment: assessment('partially_approve') })).toBe('partially-approve');
    expect(decisionTransition({ assessment: assessment('reject') })).toBe('reject');
    expect(decisionTransition({ assessment: null })).toBeNull();
  });
});

describe('fourEyesBlock', () => {
  it('keeps whoever assessed the claim or gave its first approval from deciding it', () => {
    expect(fourEyesBlock({ assessment: assessment('approve') }, 'adjuster')).toMatch(/You assessed/);
    expect(fourEyesBlock({ assessment: assessment('approve', ['manager']) }, 'manager')).toMatch(/first approval/);
    expect(fourEyesBlock({ assessment: assessment('approve', ['manager']) }, 'other')).toBeNull();
  });
});

describe('fraud referrals', () => {
  const referral = (status: 'open' | 'cleared' | 'upheld'): NonNullable<Claim['referral']> => ({
    id: 'r1',
    source: 'rules',
    reason: 'Fraud indicators scored 55',
    score: 55,
    status,
    referredBy: person('agent'),
    referredAt: '2026-12-01T10:00:00.000Z',
    decidedBy: status === 'open' ? null : person('manager'),
    decidedAt: status === 'open' ? null : '2026-12-02T10:00:00.000Z',
    decisionNote: status === 'open' ? null : 'Checked',
  });
  const MANAGER = [...ADJUSTER, 'claims:referrals'];

  it('lets a manager decide an open referral, and an adjuster refer a claim not referred yet', () => {
    expect(availableClaimActions({ status: 'submitted', assessment: null, referral: referral('open') }, canOf(MANAGER))).toContain('decide-referral');
    expect(availableClaimActions({ status: 'submitted', assessment: null, referral: referral('open') }, canOf(ADJUSTER))).not.toContain('decide-referral');
    expect(availableClaimActions({ status: 'submitted', assessment: null, referral: referral('open') }, canOf(ADJUSTER))).not.toContain('refer');
    expect(availableClaimActions({ status: 'approved', assessment: assessment('approve'), referral: referral('cleared') }, canOf(ADJUSTER))).toContain('refer');
    expect(availableClaimActions({ status: 'draft', assessment: null, referral: null }, canOf(ADJUSTER))).not.toContain('refer');
  });

  it('says why a referred claim is neither approved nor paid', () => {
    expect(referralBlock({ referral: referral('open') })).toMatch(/once the referral is cleared/);
    expect(referralBlock({ referral: referral('upheld') })).toMatch(/upheld/);
    expect(referralBlock({ referral: referral('cleared') })).toBeNull();
    expect(referralBlock({ referral: null })).toBeNull();
  });
});
