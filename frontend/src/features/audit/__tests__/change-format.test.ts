import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeLabel, changeValue } from '../change-format';
import type { ChangeContext } from '../change-format';
import { approvalLimitsFeature } from '@/features/approval-limits';
import { customersFeature } from '@/features/customers';
import { ordersFeature } from '@/features/orders';
import { usersFeature } from '@/features/users';
import { mergeAuditLabels } from '../audit-labels';

const NORTH = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
const SOUTH = '6f7a8b9c-0d1e-4f2a-9b3c-4d5e6f7a8b9c';
const context: ChangeContext = {
  labels: mergeAuditLabels([usersFeature.auditLabels, customersFeature.auditLabels, ordersFeature.auditLabels, approvalLimitsFeature.auditLabels]),
  branchNames: new Map([
    [NORTH, 'North'],
    [SOUTH, 'South'],
  ]),
};
const value = (entityType: string | null, field: string, v: unknown) => changeValue(entityType, field, v, context);

describe('changeLabel', () => {
  it('names recorded fields in words, the customers’ columns included', () => {
    expect(changeLabel('user', 'managedBranchIds', context)).toBe('Managed branches');
    expect(changeLabel('customer', 'date_of_birth', context)).toBe('Date of birth');
    expect(changeLabel('customer', 'kyc_status', context)).toBe('KYC status');
    expect(changeLabel('order', 'payment_method', context)).toBe('Payment method');
  });

  it('shows an unknown field as recorded', () => {
    expect(changeLabel('customer', 'shoe_size', context)).toBe('shoe_size');
    expect(changeLabel(null, '', context)).toBe('');
  });

  it('names an approval limit change role/kind/currency as role · kind (currency)', () => {
    expect(changeLabel('approval_limits', 'manager/claim_amount/EUR', context)).toBe('Manager · Claim amount (EUR)');
    expect(changeLabel('approval_limits', 'senior_agent/order_sum_insured/USD', context)).toBe('Senior agent · Order sum insured (USD)');
  });

  it('reads role/kind/currency only on approval limits, and only with a known role and kind and a currency', () => {
    expect(changeLabel('user', 'manager/claim_amount/EUR', context)).toBe('manager/claim_amount/EUR');
    expect(changeLabel('approval_limits', 'pilot/claim_amount/EUR', context)).toBe('pilot/claim_amount/EUR');
    expect(changeLabel('approval_limits', 'manager/bonus/EUR', context)).toBe('manager/bonus/EUR');
    expect(changeLabel('approval_limits', 'manager/claim_amount', context)).toBe('manager/claim_amount');
  });
});

describe('changeValue', () => {
  const machineZone = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = 'Europe/Berlin';
  });
  afterEach(() => {
    if (machineZone === undefined) delete process.env.TZ;
    else process.env.TZ = machineZone;
  });

  it('shows a missing value as a dash and yes/no for booleans', () => {
    expect(value('user', 'email', null)).toBe('—');
    expect(value('user', 'email', undefined)).toBe('—');
    expect(value('user', 'active', true)).toBe('Yes');
    expect(value('customer', 'smoker', false)).toBe('No');
  });

  it('shows an approval limit in its currency’s major units', () => {
    expect(value('approval_limits', 'manager/claim_amount/EUR', 25_000_000)).toBe('250,000.00 EUR');
    expect(value('approval_limits', 'manager/claim_amount/EUR', 0)).toBe('0.00 EUR');
    expect(value('user', 'manager/claim_amount/EUR', 25_000_000)).toBe('25000000');
  });

  it('names roles, and customers’ statuses and KYC statuses, and shows unknown ones as recorded', () => {
    expect(value('user', 'role', 'senior_agent')).toBe('Senior agent');
    expect(value('user', 'role', 'pilot')).toBe('pilot');
    expect(value('customer', 'status', 'merged')).toBe('Merged');
    expect(value('customer', 'kyc_status', 'not_started')).toBe('Not started');
    expect(value('customer', 'kycStatus', 'expired')).toBe('Expired');
    expect(value('customer', 'status', 'archived')).toBe('archived');
  });

  it('names customer statuses only on customers (an order’s status is another list)', () => {
    expect(value('order', 'status', 'active')).toBe('active');
  });

  it('shows branch ids as branch names, and an unknown branch by its id', () => {
    expect(value('user', 'branchId', NORTH)).toBe('North');
    expect(value('customer', 'branch_id', SOUTH)).toBe('South');
    expect(value('user', 'branchId', 'gone')).toBe('gone');
    expect(value('user', 'managedBranchIds', [NORTH, 'gone', SOUTH])).toBe('North, gone, South');
    expect(value('user', 'managedBranchIds', [])).toBe('None');
  });

  it('shows instants in the browser’s time zone and leaves business dates as written', () => {
    expect(value('user', 'lockedUntil', '2026-12-31T23:30:00Z')).toBe('1 Jan 2027, 00:30');
    expect(value('customer', 'date_of_birth', '1980-03-12')).toBe('1980-03-12');
    expect(value('customer', 'first_name', 'Ada')).toBe('Ada');
  });

  it('shows numbers and other structures as JSON rather than [object Object]', () => {
    expect(value('customer', 'risk_score', 42)).toBe('42');
    expect(value('customer', 'risk_score', 0)).toBe('0');
    expect(value('product', 'definition', { a: 1 })).toBe('{"a":1}');
  });
});

describe('changeValue on applications (never raw JSON)', () => {
  it('shows the insured person by name, or the policyholder when there is none', () => {
    expect(value('order', 'insured', { firstName: 'Charles', lastName: 'Babbage', dateOfBirth: '1980-03-12' })).toBe('Charles Babbage');
    expect(value('order', 'insured', null)).toBe('The policyholder');
    expect(value('order', 'insured', {})).toBe('Someone else');
  });

  it('lists beneficiaries with tier and share, and says None for an empty list', () => {
    expect(
      value('order', 'beneficiaries', [
        { name: 'A', tier: 'primary', share: 66.67 },
        { name: 'B', tier: 'contingent', share: 100 },
      ]),
    ).toBe('A (primary 66.67 %), B (contingent 100 %)');
    expect(value('order', 'beneficiaries', [])).toBe('None');
  });

  it('counts declaration answers and the “yes” among them', () => {
    expect(value('order', 'declarations', { A: { answer: true }, B: { answer: false }, C: { answer: 3 } })).toBe('3 answers, 1 “yes”');
    expect(value('order', 'declarations', { A: { answer: false } })).toBe('1 answer');
    expect(value('order', 'declarations', {})).toBe('0 answers');
  });

  it('shows the masked payment method only', () => {
    expect(value('order', 'payment_method', { type: 'card', brand: 'Visa', last4: '1111', token: 'secret' })).toBe('Visa •••• 1111');
    expect(value('order', 'payment_method', { type: 'bank_account', last4: '6789' })).toBe('Bank account •••• 6789');
    expect(value('order', 'payment_method', null)).toBe('—');
  });
});
