import fc from 'fast-check';
import { KYC_STATUSES } from '../../../contracts/customers';
import { computeRisk, levelFor, type RiskInputs } from '../risk-score';

const inputs = fc.record<RiskInputs>({
  dateOfBirth: fc.date({ min: new Date('1906-01-01'), max: new Date('2026-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  today: fc.constant('2026-11-21'),
  occupationClass: fc.integer({ min: 1, max: 4 }),
  smoker: fc.boolean(),
  country: fc.constantFrom('US', 'GB', 'BR', 'IN', 'DE', 'NG'),
  kycStatus: fc.constantFrom(...KYC_STATUSES),
});

describe('risk score (risk-v1)', () => {
  it('always lies in 0–100 and its factors add up to it exactly', () => {
    fc.assert(
      fc.property(inputs, fc.array(fc.integer({ min: -40, max: 60 }), { maxLength: 3 }), (i, extras) => {
        const r = computeRisk(
          i,
          extras.map((points, n) => ({ code: `extra${n}`, label: 'Extra', value: '', points })),
        );
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(100);
        expect(r.factors.reduce((s, f) => s + f.points, 0)).toBe(r.score);
        expect(r.level).toBe(levelFor(r.score));
      }),
    );
  });

  it('never falls when a risk input gets worse (smoking, occupation class, KYC rejected)', () => {
    fc.assert(
      fc.property(inputs, (i) => {
        expect(computeRisk({ ...i, smoker: true }).score).toBeGreaterThanOrEqual(computeRisk({ ...i, smoker: false }).score);
        expect(computeRisk({ ...i, occupationClass: 4 }).score).toBeGreaterThanOrEqual(computeRisk({ ...i, occupationClass: 1 }).score);
        expect(computeRisk({ ...i, kycStatus: 'rejected' }).score).toBeGreaterThanOrEqual(computeRisk({ ...i, kycStatus: 'verified' }).score);
      }),
    );
  });

  it('explains a typical score', () => {
    const r = computeRisk({ dateOfBirth: '1960-06-01', today: '2026-11-21', occupationClass: 3, smoker: true, country: 'BR', kycStatus: 'pending' });
    expect(r.factors.map((f) => [f.code, f.points])).toEqual([
      ['base', 10],
      ['age', 15],
      ['occupation_class', 12],
      ['smoker', 15],
      ['region', 8],
      ['kyc', 5],
    ]);
    expect(r).toMatchObject({ score: 65, level: 'high', formulaVersion: 'risk-v1' });
  });
});
