import { describe, expect, it } from 'vitest';
import { cronOf, describeCron, type Timing } from '../schedule-timing';

const timing = (overrides: Partial<Timing>): Timing => ({ frequency: 'daily', weekday: 1, dayOfMonth: 1, time: '08:00', ...overrides });

describe('cronOf', () => {
  it('writes the three patterns as five cron fields', () => {
    expect(cronOf(timing({ frequency: 'daily', time: '06:30' }))).toBe('30 6 * * *');
    expect(cronOf(timing({ frequency: 'weekly', weekday: 1, time: '08:00' }))).toBe('0 8 * * 1');
    expect(cronOf(timing({ frequency: 'monthly', dayOfMonth: 28, time: '23:59' }))).toBe('59 23 28 * *');
  });

  it('refuses a time that is not HH:MM', () => {
    for (const time of ['', '8:00', '24:00', '12:60', '12:00:00', 'noon']) expect(cronOf(timing({ time }))).toBeNull();
  });
});

describe('describeCron', () => {
  it('says the patterns in words, and reads back what cronOf writes', () => {
    expect(describeCron('0 8 * * 1')).toBe('Every Monday at 08:00');
    expect(describeCron('30 6 * * *')).toBe('Daily at 06:30');
    expect(describeCron('0 7 1 * *')).toBe('Monthly on the 1st at 07:00');
    expect(describeCron('0 7 22 * *')).toBe('Monthly on the 22nd at 07:00');
    expect(describeCron('0 7 13 * *')).toBe('Monthly on the 13th at 07:00');
    expect(describeCron('15 9 * * 1-5')).toBe('Every weekday at 09:15');
    for (const frequency of ['daily', 'weekly', 'monthly'] as const)
      expect(describeCron(cronOf(timing({ frequency, weekday: 5, dayOfMonth: 3, time: '17:05' }))!)).toMatch(/at 17:05$/);
  });

  it('shows any other expression as it is', () => {
    expect(describeCron('0 8 1 1 *')).toBe('Cron 0 8 1 1 *');
    expect(describeCron('0 8 * * 1,3')).toBe('Cron 0 8 * * 1,3');
  });
});
