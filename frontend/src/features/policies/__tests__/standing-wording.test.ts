import { describe, expect, it } from 'vitest';
import { daysUntil, standingSentence } from '../standing-wording';

const today = Date.parse('2027-03-10T00:00:00Z');

describe('where a policy stands, in words', () => {
  it('counts whole days to a date, negative once it has passed', () => {
    expect(daysUntil('2027-03-10', today)).toBe(0);
    expect(daysUntil('2027-03-17', today)).toBe(7);
    expect(daysUntil('2027-03-09', today)).toBe(-1);
  });

  it('says when grace ends and what the customer must do', () => {
    const sentence = standingSentence({ graceSince: '2027-02-08', graceEndsOn: '2027-03-11', lapsedOn: null, reinstatableUntil: null, lapseReview: null }, today);
    expect(sentence).toMatch(/unpaid/);
    expect(sentence).toMatch(/\(tomorrow\)/);
  });

  it('says since when a lapsed policy has no cover and until when it can be reinstated', () => {
    const sentence = standingSentence({ graceSince: null, graceEndsOn: null, lapsedOn: '2027-03-01', reinstatableUntil: '2029-03-01', lapseReview: null }, today);
    expect(sentence).toMatch(/^Lapsed on .*no cover since then.*reinstated until/);
  });
});
