import { describe, expect, it } from 'vitest';
import { basisLabel, comparedLabel, formatKpiValue, periodPresets, targetLabel } from '../kpi-format';

describe('formatKpiValue', () => {
  it('reads each unit as a person would', () => {
    expect(formatKpiValue('score', 4.6667)).toBe('4.67 / 5');
    expect(formatKpiValue('ratio', 0.6667)).toBe('66.7%');
    expect(formatKpiValue('business_days', 7)).toBe('7.0 business days');
    expect(formatKpiValue('per_agent_day', 1.5)).toBe('1.50 a day per agent');
    expect(formatKpiValue('money', 123456, 'USD')).toBe('1,234.56 USD');
    expect(formatKpiValue('count', 1234)).toBe('1,234');
    expect(formatKpiValue('ratio', null)).toBe('—');
  });
});

describe('targetLabel', () => {
  it('says the comparison and the target in the figure’s unit', () => {
    expect(targetLabel('score', { comparison: 'above', value: 4.5 })).toBe('Target: above 4.50 / 5');
    expect(targetLabel('business_days', { comparison: 'at_most', value: 10 })).toBe('Target: at most 10.0 business days');
    expect(targetLabel('ratio', { comparison: 'below', value: 0.65 })).toBe('Target: below 65.0%');
    expect(targetLabel('ratio', null)).toBeNull();
  });
});

describe('basisLabel', () => {
  const base = { currency: null, basisUnit: 'count' as const };
  it('names what was counted', () => {
    expect(basisLabel({ ...base, unit: 'ratio', numerator: 17, denominator: 20 })).toBe('17 of 20');
    expect(basisLabel({ ...base, unit: 'score', numerator: 14, denominator: 3 })).toBe('3 answers');
    expect(basisLabel({ ...base, unit: 'business_days', numerator: 21, denominator: 3 })).toBe('3 decided');
    expect(basisLabel({ ...base, unit: 'hours', numerator: 7.5, denominator: 4 })).toBe('4 cases');
    expect(basisLabel({ ...base, unit: 'per_agent_day', numerator: 33, denominator: 22 })).toBe('33 over 22 agent working days');
    expect(basisLabel({ unit: 'ratio', numerator: 750_00, denominator: 1_500_00, basisUnit: 'money', currency: 'USD' })).toBe('750.00 USD of 1,500.00 USD');
    expect(basisLabel({ unit: 'money', numerator: 3_600_00, denominator: 3, basisUnit: 'money', currency: 'USD' })).toBe('3,600.00 USD over 3 months');
    expect(basisLabel({ ...base, unit: 'ratio', numerator: 0, denominator: 0 })).toBe('Nothing to count in the period');
    expect(basisLabel({ ...base, unit: 'ratio', numerator: null, denominator: null })).toBeNull();
  });
});

describe('periodPresets', () => {
  it('gives whole months and quarters up to today, across a year end', () => {
    const presets = Object.fromEntries(periodPresets('2027-02-14').map((p) => [p.value, p.period]));
    expect(presets['this-month']).toEqual({ from: '2027-02-01', to: '2027-02-14' });
    expect(presets['last-month']).toEqual({ from: '2027-01-01', to: '2027-01-31' });
    expect(presets['this-quarter']).toEqual({ from: '2027-01-01', to: '2027-02-14' });
    expect(presets['last-quarter']).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(presets['last-12-months']).toEqual({ from: '2026-03-01', to: '2027-02-14' });
  });

  it('ends last month on its last day, leap years included', () => {
    expect(periodPresets('2028-03-31').find((p) => p.value === 'last-month')!.period).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});

describe('comparedLabel', () => {
  it('gives the figure before and the change in the unit’s own terms', () => {
    expect(comparedLabel({ unit: 'score', value: 4.6, currency: null, compared: { value: 4.25, numerator: 17, denominator: 4 } })).toBe('Before: 4.25 / 5 (+0.35 / 5)');
    expect(comparedLabel({ unit: 'ratio', value: 0.8, currency: null, compared: { value: 0.85, numerator: 17, denominator: 20 } })).toBe('Before: 85.0% (−5.0 pts)');
    expect(comparedLabel({ unit: 'count', value: 3, currency: null, compared: { value: 3, numerator: null, denominator: null } })).toBe('Before: 3 (±0)');
    expect(comparedLabel({ unit: 'hours', value: 2, currency: null, compared: { value: null, numerator: 0, denominator: 0 } })).toBe('Before: —');
  });
});
