import { endDateOf, remainingInstallments } from '../policy-issuer';

describe('policy end date', () => {
  it('is the day before the last anniversary of the term', () => {
    expect(endDateOf('2026-12-01', 20)).toBe('2046-11-30');
    expect(endDateOf('2026-01-01', 1)).toBe('2026-12-31');
    // A leap-day start ends on the last day of February of the final year.
    expect(endDateOf('2028-02-29', 1)).toBe('2029-02-28');
    expect(endDateOf('2028-02-29', 4)).toBe('2032-02-28');
  });
});

describe('remaining installments', () => {
  it('counts the due dates after today up to the end date', () => {
    // Monthly from 2026-12-01 to 2046-11-30: 240 installments; on the start date the first is due today.
    expect(remainingInstallments('2026-12-01', '2046-11-30', 12, '2026-12-01')).toBe(239);
    expect(remainingInstallments('2026-12-01', '2046-11-30', 12, '2026-11-30')).toBe(240);
    expect(remainingInstallments('2026-12-01', '2027-11-30', 1, '2026-11-30')).toBe(1);
    expect(remainingInstallments('2026-12-01', '2027-11-30', 4, '2027-06-15')).toBe(1); // September is left
    expect(remainingInstallments('2026-12-01', '2027-11-30', 4, '2027-12-01')).toBe(0);
  });
});
