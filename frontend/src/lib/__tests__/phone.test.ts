import { describe, expect, it } from 'vitest';
import { formatPhone, normalizePhone } from '../phone';

describe('formatPhone', () => {
  it('reads a stored E.164 number in groups, with its country code', () => {
    expect(formatPhone('+12125550147')).toBe('+1 212 555 0147');
    expect(formatPhone('+442079460958')).toBe('+44 20 7946 0958');
    expect(formatPhone('+49301234567')).toBe('+49 30 1234567');
  });

  it('shows what it cannot read as stored', () => {
    expect(formatPhone('n/a')).toBe('n/a');
  });
});

describe('normalizePhone (the API’s rule)', () => {
  it('reads common formats, national numbers in the customer’s country, 00 as +', () => {
    expect(normalizePhone('(212) 555-0147', 'US')).toBe('+12125550147');
    expect(normalizePhone('+44 20 7946 0958', 'US')).toBe('+442079460958');
    expect(normalizePhone('0049 30 1234567', 'US')).toBe('+49301234567');
    expect(normalizePhone('020 7946 0958', 'GB')).toBe('+442079460958');
  });

  it('refuses what cannot be a number of the country', () => {
    expect(normalizePhone('+1 212 55', 'US')).toBeUndefined();
    expect(normalizePhone('12', 'US')).toBeUndefined();
  });
});
