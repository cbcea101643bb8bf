import { describe, expect, it } from 'vitest';
import type { HealthAlert } from '@contracts/system';
import { alertTitle, formatAge, sortAlerts } from '../health-format';

const alert = (name: string, severity: HealthAlert['severity'], firing: boolean | null): HealthAlert => ({
  name,
  severity,
  firing,
  evaluatedBy: firing === null ? 'prometheus' : 'server',
  summary: '',
  threshold: '',
  detail: null,
  runbook: '',
});

describe('health page formatting', () => {
  it('says how long something waited in the largest sensible units', () => {
    expect([formatAge(0), formatAge(45.4), formatAge(600), formatAge(3 * 3600 + 300), formatAge(7200), formatAge(2 * 86400 + 4 * 3600)]).toEqual([
      '0 s',
      '45 s',
      '10 min',
      '3 h 5 min',
      '2 h',
      '2 d 4 h',
    ]);
  });

  it('lists firing alerts first (critical before warning), then unknown, then quiet', () => {
    const sorted = sortAlerts([alert('B', 'warning', false), alert('A', 'warning', null), alert('C', 'warning', true), alert('D', 'critical', true)]);
    expect(sorted.map((a) => a.name)).toEqual(['D', 'C', 'A', 'B']);
  });

  it('turns a rule name into a title', () => {
    expect(alertTitle('PolicydeskOutboxStalled')).toBe('Outbox stalled');
    expect(alertTitle('PolicydeskHighErrorRate')).toBe('High error rate');
  });
});
