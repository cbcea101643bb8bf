import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseRetryAfter } from '../retry-after';

describe('parseRetryAfter', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-03-12T14:05:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('has no delay when the header is missing or blank', () => {
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('')).toBeUndefined();
    expect(parseRetryAfter('   ')).toBeUndefined();
  });

  it('reads delay-seconds as a number of seconds, spaces around allowed', () => {
    expect(parseRetryAfter('120')).toBe(120);
    expect(parseRetryAfter(' 5 ')).toBe(5);
    expect(parseRetryAfter('0')).toBe(0);
  });

  it('reads an HTTP date as the whole seconds from now until then, rounded up', () => {
    expect(parseRetryAfter('Thu, 12 Mar 2026 14:06:00 GMT')).toBe(60);
    vi.setSystemTime(new Date('2026-03-12T14:05:59.500Z'));
    expect(parseRetryAfter('Thu, 12 Mar 2026 14:06:00 GMT')).toBe(1);
  });

  it('reads an HTTP date across midnight, month and year ends', () => {
    vi.setSystemTime(new Date('2026-12-31T23:59:30Z'));
    expect(parseRetryAfter('Fri, 01 Jan 2027 00:00:30 GMT')).toBe(60);
  });

  it('never asks to wait a negative time for a date already past', () => {
    expect(parseRetryAfter('Thu, 12 Mar 2026 14:00:00 GMT')).toBe(0);
  });

  it('ignores a value that is neither delay-seconds nor a date', () => {
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('in 5 minutes')).toBeUndefined();
  });

  it('ignores a fractional or negative delay such as "1.5" or "-5" (RFC 9110 allows only digits; Date.parse would read a date in 2001)', () => {
    expect(parseRetryAfter('1.5')).toBeUndefined();
    expect(parseRetryAfter('-5')).toBeUndefined();
    expect(parseRetryAfter('+5')).toBeUndefined();
  });
});
