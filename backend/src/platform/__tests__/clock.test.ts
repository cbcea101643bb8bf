import fc from 'fast-check';
import { Clock } from '../clock';

describe('Clock', () => {
  it('can be frozen, moved and reset', () => {
    const clock = new Clock();
    clock.set('2026-03-01T10:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-03-01T10:00:00.000Z');
    clock.advance(36 * 3600_000);
    expect(clock.now().toISOString()).toBe('2026-03-02T22:00:00.000Z');
    clock.reset();
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it('gives the business date in the business time zone', () => {
    const clock = new Clock('Pacific/Auckland');
    clock.set('2026-06-30T13:30:00Z'); // already 1 July in New Zealand
    expect(clock.businessDate()).toBe('2026-07-01');
    expect(new Clock('UTC').businessDate(new Date('2026-06-30T13:30:00Z'))).toBe('2026-06-30');
  });

  it('always formats the business date as YYYY-MM-DD', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), (d) => {
        expect(new Clock('America/New_York').businessDate(d)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }),
    );
  });

  it('rejects an invalid time', () => {
    expect(() => new Clock().set('not a date')).toThrow(RangeError);
  });
});
