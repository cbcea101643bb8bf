import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatDate, formatDateTime, formatTimestamp, yearsSince } from '../format-date';

// Times are shown in the browser's time zone; these tests pick the zone instead of relying on the machine's.
const machineZone = process.env.TZ;
function inZone(zone: string) {
  process.env.TZ = zone;
}
afterEach(() => {
  if (machineZone === undefined) delete process.env.TZ;
  else process.env.TZ = machineZone;
  vi.useRealTimers();
});

describe('formatDateTime', () => {
  it('shows an instant as day, short month, year and 24-hour time in the browser time zone', () => {
    inZone('UTC');
    expect(formatDateTime('2026-03-12T14:05:09Z')).toBe('12 Mar 2026, 14:05');
    inZone('America/New_York');
    expect(formatDateTime('2026-03-12T14:05:09Z')).toBe('12 Mar 2026, 10:05');
  });

  it('moves an instant near midnight UTC to the previous or next local day, month and year', () => {
    inZone('America/Los_Angeles');
    expect(formatDateTime('2027-01-01T03:30:00Z')).toBe('31 Dec 2026, 19:30');
    inZone('Asia/Tokyo');
    expect(formatDateTime('2026-12-31T20:00:00Z')).toBe('1 Jan 2027, 05:00');
    expect(formatDateTime('2026-02-28T16:00:00Z')).toBe('1 Mar 2026, 01:00');
  });

  it('uses the offset written in the instant, not the browser zone, to read it', () => {
    inZone('UTC');
    expect(formatDateTime('2026-06-01T09:00:00+02:00')).toBe('1 Jun 2026, 07:00');
  });

  it('follows daylight saving time of the browser zone', () => {
    inZone('Europe/Berlin');
    expect(formatDateTime('2026-01-15T12:00:00Z')).toBe('15 Jan 2026, 13:00');
    expect(formatDateTime('2026-07-15T12:00:00Z')).toBe('15 Jul 2026, 14:00');
  });
});

describe('formatTimestamp', () => {
  it('adds the seconds, so two events within one minute keep their order', () => {
    inZone('UTC');
    expect(formatTimestamp('2026-03-12T14:05:09.999Z')).toBe('12 Mar 2026, 14:05:09');
    expect(formatTimestamp('2026-03-12T14:05:00Z')).toBe('12 Mar 2026, 14:05:00');
  });
});

describe('formatDate', () => {
  it('shows a business date as it is written, in every time zone (it has no time to convert)', () => {
    for (const zone of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      inZone(zone);
      expect(formatDate('1980-03-12')).toBe('12 Mar 1980');
      expect(formatDate('2026-01-01')).toBe('1 Jan 2026');
      expect(formatDate('2024-02-29')).toBe('29 Feb 2024');
      expect(formatDate('2026-12-31')).toBe('31 Dec 2026');
    }
  });
});

describe('yearsSince', () => {
  beforeEach(() => {
    inZone('UTC');
    vi.useFakeTimers();
  });

  it('counts only whole years: the day before the birthday is still the younger age', () => {
    vi.setSystemTime(new Date(2026, 2, 11, 12));
    expect(yearsSince('1980-03-12')).toBe(45);
    vi.setSystemTime(new Date(2026, 2, 12, 0, 0));
    expect(yearsSince('1980-03-12')).toBe(46);
  });

  it('turns the year over at new year, not before', () => {
    vi.setSystemTime(new Date(2026, 11, 31, 23, 59));
    expect(yearsSince('2000-01-01')).toBe(26);
    vi.setSystemTime(new Date(2027, 0, 1, 0, 0));
    expect(yearsSince('2000-01-01')).toBe(27);
  });

  it('is 0 on the day itself and for a date less than a year ago', () => {
    vi.setSystemTime(new Date(2026, 5, 1, 9));
    expect(yearsSince('2026-06-01')).toBe(0);
    expect(yearsSince('2025-06-02')).toBe(0);
  });

  it('counts a date in the future as minus the whole years to it', () => {
    vi.setSystemTime(new Date(2026, 5, 1, 9));
    expect(yearsSince('2029-01-01')).toBe(-2);
  });

  it('counts someone born on 29 February a year older on 29 February in a leap year', () => {
    vi.setSystemTime(new Date(2028, 1, 28, 12));
    expect(yearsSince('2004-02-29')).toBe(23);
    vi.setSystemTime(new Date(2028, 1, 29, 12));
    expect(yearsSince('2004-02-29')).toBe(24);
  });

  it('agrees with the API (ageOn) on a 29 February birthday in a non-leap year: 21 on 2026-02-28, 22 on 2026-03-01', () => {
    vi.setSystemTime(new Date(2026, 1, 28, 12));
    expect(yearsSince('2004-02-29')).toBe(21);
    vi.setSystemTime(new Date(2026, 2, 1, 12));
    expect(yearsSince('2004-02-29')).toBe(22);
  });
});
