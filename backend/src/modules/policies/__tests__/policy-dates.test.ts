import { endDateOf } from '../policy-issuer';

describe('policy end date', () => {
  it('is the day before the last anniversary of the term', () => {
    expect(endDateOf('2026-12-01', 20)).toBe('2046-11-30');
    expect(endDateOf('2026-01-01', 1)).toBe('2026-12-31');
    // A leap-day start ends on the last day of February of the final year.
    expect(endDateOf('2028-02-29', 1)).toBe('2029-02-28');
    expect(endDateOf('2028-02-29', 4)).toBe('2032-02-28');
  });
});
