import { describe, expect, it } from 'vitest';
import { buildAssessBody, initialAssessValues, withDecision } from '../assess-form';
import type { AssessFormValues } from '../assess-form';

const values = (over: Partial<AssessFormValues> = {}): AssessFormValues => ({ ...initialAssessValues(['COLLISION', 'TOWING'], null), ...over });

describe('buildAssessBody', () => {
  it('sends the typed losses in minor units and leaves out the coverages left empty', () => {
    expect(buildAssessBody(values({ losses: { COLLISION: 3000, TOWING: '' } }))).toEqual({
      ok: true,
      body: { lines: [{ coverage: 'COLLISION', lossAmount: 300_000 }], decision: 'approve', reasonCode: 'APPROVED_IN_FULL' },
    });
  });

  it('rounds a typed amount to whole cents', () => {
    const result = buildAssessBody(values({ losses: { COLLISION: '1234.565', TOWING: 0.1 } }));
    expect(result.ok && result.body.lines).toEqual([
      { coverage: 'COLLISION', lossAmount: 123_457 },
      { coverage: 'TOWING', lossAmount: 10 },
    ]);
  });

  it('refuses an approval with nothing to approve, as the API would (CLAIM_ASSESSMENT_INVALID)', () => {
    expect(buildAssessBody(values({ losses: { COLLISION: 0, TOWING: '' } }))).toEqual({ ok: false, errors: { lines: 'Enter the loss established on at least one coverage' } });
  });

  it('asks for the reason to partially approve, and the clause to reject', () => {
    const partial = withDecision(values({ losses: { COLLISION: 500, TOWING: '' } }), 'partially_approve');
    expect(buildAssessBody(partial)).toEqual({ ok: false, errors: { reason: 'Say why only part is approved' } });
    const reject = withDecision(values(), 'reject');
    expect(buildAssessBody(reject)).toEqual({ ok: false, errors: { reason: 'Quote the clause the claim is rejected under' } });
  });

  it('rejects with no lines at all and the clause as the reason', () => {
    const reject = { ...withDecision(values(), 'reject'), reason: '  Clause 4.2: racing  ' };
    expect(buildAssessBody(reject)).toEqual({ ok: true, body: { lines: [], decision: 'reject', reasonCode: 'EXCLUSION_APPLIES', reason: 'Clause 4.2: racing' } });
  });

  it('puts an unreadable or negative amount on its coverage', () => {
    expect(buildAssessBody(values({ losses: { COLLISION: -5, TOWING: 100 } }))).toEqual({ ok: false, errors: { 'losses.COLLISION': 'Enter an amount of 0 or more' } });
  });
});

describe('withDecision', () => {
  it('moves the reason code to one the new decision takes', () => {
    expect(withDecision(values(), 'partially_approve').reasonCode).toBe('DEDUCTIBLE_APPLIED');
    expect(withDecision(values(), 'reject').reasonCode).toBe('EXCLUSION_APPLIES');
    expect(withDecision(withDecision(values(), 'reject'), 'approve').reasonCode).toBe('APPROVED_IN_FULL');
  });

  it('keeps a reason code that still fits', () => {
    const v = { ...withDecision(values(), 'reject'), reasonCode: 'WAITING_PERIOD' as const };
    expect(withDecision(v, 'reject').reasonCode).toBe('WAITING_PERIOD');
  });
});

describe('initialAssessValues', () => {
  it('proposes the claimed amount on the first coverage answering the loss', () => {
    expect(initialAssessValues(['COLLISION', 'TOWING'], 300_050).losses).toEqual({ COLLISION: 3000.5, TOWING: '' });
  });
});
