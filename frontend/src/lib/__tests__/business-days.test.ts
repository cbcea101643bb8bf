import { describe, expect, it } from 'vitest';
import { decidedAfter, waitingFor } from '../business-days';

describe('business days in words', () => {
  it('says "decided the same business day" rather than "0 business days"', () => {
    expect(decidedAfter(0)).toBe('decided the same business day');
  });

  it('counts one business day in the singular and more in the plural', () => {
    expect(decidedAfter(1)).toBe('decided 1 business day after submission');
    expect(decidedAfter(3)).toBe('decided 3 business days after submission');
  });

  it('says how long something has waited in a queue: today, then business days', () => {
    expect(waitingFor(0)).toBe('Today');
    expect(waitingFor(1)).toBe('1 business day');
    expect(waitingFor(12)).toBe('12 business days');
  });
});
