import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-error';
import { creditRefundable, refundableOf } from '../refund-amounts';
import { refundProblem } from '../refund-problems';

const payment = { id: 'p1', amount: 100_00 };

describe('refundableOf', () => {
  it('is what was paid less the refunds that hold money (requested, approved, paid), never below zero', () => {
    expect(refundableOf(payment, [])).toBe(100_00);
    expect(
      refundableOf(payment, [
        { paymentId: 'p1', status: 'requested', amount: 10_00 },
        { paymentId: 'p1', status: 'approved', amount: 20_00 },
        { paymentId: 'p1', status: 'paid', amount: 30_00 },
        { paymentId: 'p1', status: 'rejected', amount: 40_00 },
        { paymentId: 'p1', status: 'cancelled', amount: 40_00 },
        { paymentId: 'p1', status: 'failed', amount: 40_00 },
        { paymentId: 'p2', status: 'paid', amount: 40_00 },
      ]),
    ).toBe(40_00);
    expect(refundableOf(payment, [{ paymentId: 'p1', status: 'paid', amount: 120_00 }])).toBe(0);
  });
});

describe('creditRefundable', () => {
  it('holds back the credit refunds waiting for approval only', () => {
    const refunds = [
      { source: 'credit', status: 'requested', amount: 5_00 },
      { source: 'credit', status: 'approved', amount: 7_00 },
      { source: 'payment', status: 'requested', amount: 9_00 },
    ] as const;
    expect(creditRefundable(20_00, refunds)).toBe(15_00);
    expect(creditRefundable(3_00, refunds)).toBe(0);
  });
});

describe('refundProblem', () => {
  const problem = (code: string, extensions: Record<string, unknown> = {}) => new ApiError({ status: 409, code, title: 'Conflict', detail: 'Server text', extensions });

  it('says in words why a refund was refused', () => {
    expect(refundProblem(problem('FOUR_EYES'), 'USD').title).toBe('Someone else must approve this refund');
    expect(refundProblem(problem('APPROVAL_LIMIT_EXCEEDED', { amount: 3_000_00, limit: 2_500_00 }), 'USD').detail).toMatch(/3,000\.00.*2,500\.00/);
    expect(refundProblem(problem('REFUND_EXCEEDS_PAYMENT', { refundable: 40_00 }), 'USD').detail).toMatch(/40\.00/);
    expect(refundProblem(problem('WRITE_OFF_EXCEEDS_OPEN', { openAmount: 3_50 }), 'USD').detail).toMatch(/3\.50/);
    expect(refundProblem(problem('SOMETHING_ELSE'), 'USD')).toMatchObject({ title: 'Conflict', detail: 'Server text' });
  });
});
