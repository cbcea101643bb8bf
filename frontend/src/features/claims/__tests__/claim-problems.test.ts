import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-error';
import { claimProblem } from '../claim-problems';

const problem = (status: number, code: string, extensions: Record<string, unknown> = {}) =>
  new ApiError({ status, code, title: `title of ${code}`, detail: `detail of ${code}`, extensions });

describe('claimProblem', () => {
  it('says a 412 means someone else saved the claim', () => {
    expect(claimProblem(problem(412, 'VERSION_MISMATCH'), 'USD').title).toBe('The claim changed meanwhile');
  });

  it('names the status a claim moved to meanwhile (409)', () => {
    expect(claimProblem(problem(409, 'CLAIM_INVALID_TRANSITION', { currentStatus: 'under_investigation' }), 'USD')).toEqual({
      title: 'Not possible any more',
      detail: 'The claim is under investigation now (someone else moved it). The page shows where it stands.',
    });
  });

  it('reads the amounts the server gives in minor units as money', () => {
    expect(claimProblem(problem(409, 'CLAIM_PAYMENT_EXCEEDS_APPROVED', { payableLeft: 150_000 }), 'USD').detail).toBe('Only 1,500.00 USD of the approved amount is left to pay.');
    expect(claimProblem(problem(409, 'CLAIM_PAYMENT_EXCEEDS_RESERVE', { reserve: 99 }), 'EUR').detail).toMatch(/^The coverage’s indemnity reserve holds 0.99 EUR: raise it first/);
  });

  it('keeps the server’s words for codes it has none of its own for', () => {
    expect(claimProblem(problem(400, 'CLAIM_COVERAGE_INVALID'), 'USD')).toEqual({ title: 'title of CLAIM_COVERAGE_INVALID', detail: 'detail of CLAIM_COVERAGE_INVALID' });
    expect(claimProblem(new Error('boom'), 'USD')).toEqual({ title: 'Something went wrong', detail: 'boom' });
  });
});
