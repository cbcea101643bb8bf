import { describe, expect, it } from 'vitest';
import { surveySummary } from '../service-labels';

describe('surveySummary', () => {
  const waiting = { status: 'sent' as const, score: null, answeredVia: null };

  it('says how the link went out, and offers the link in case it did not arrive', () => {
    expect(surveySummary({ ...waiting, sentVia: 'email' })).toEqual({
      state: 'sent to the customer by email; waiting for the answer',
      linkAdvice: 'If they did not get it, pass on this link',
    });
    expect(surveySummary({ ...waiting, sentVia: 'sms' }).state).toBe('sent to the customer by text message; waiting for the answer');
  });

  it('asks the agent to pass the link on when nothing could be sent', () => {
    expect(surveySummary({ ...waiting, sentVia: null })).toEqual({
      state: 'not sent: the customer has no email address or phone number on file',
      linkAdvice: 'Pass on this link',
    });
  });

  it('gives the answer, or says it expired, with no link to pass on', () => {
    expect(surveySummary({ status: 'answered', score: 4, answeredVia: 'link', sentVia: 'email' })).toEqual({ state: 'answered 4/5 (through the link)', linkAdvice: null });
    expect(surveySummary({ status: 'answered', score: 2, answeredVia: 'phone', sentVia: null }).state).toBe('answered 2/5 (on the phone)');
    expect(surveySummary({ status: 'expired', score: null, answeredVia: null, sentVia: 'sms' })).toEqual({ state: 'expired without an answer', linkAdvice: null });
  });
});
