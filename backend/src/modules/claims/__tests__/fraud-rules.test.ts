// The fraud rules alone: each fires on its fact with a reason in words, stays silent just outside
// it, and the score refers a claim at the threshold or with a severe indicator.
import fc from 'fast-check';
import { evaluateFraud, FRAUD_REFERRAL_THRESHOLD, FRAUD_RULES, type FraudFacts } from '../fraud-rules';

const clean: FraudFacts = {
  lossDate: '2027-06-30',
  currency: 'USD',
  policyStartDate: '2026-01-01',
  reinstatedOn: [],
  sumInsuredIncreases: [],
  claimedAmount: 1_000_00,
  sumInsured: 100_000_00,
  recentClaims: [],
  inGrace: false,
  kycVerified: true,
  duplicates: [],
};
const codes = (f: Partial<FraudFacts>) => evaluateFraud({ ...clean, ...f }).indicators.map((i) => i.code);

describe('fraud rules', () => {
  it('finds nothing on a claim with none of the facts', () => {
    expect(evaluateFraud(clean)).toEqual({ indicators: [], score: 0, referred: false });
  });

  it('flags a loss within 60 days of the start, a reinstatement or a sum-insured increase — the latest of them, with the days', () => {
    expect(codes({ policyStartDate: '2027-05-02' })).toEqual(['EARLY_LOSS']); // 59 days
    expect(codes({ policyStartDate: '2027-05-01' })).toEqual([]); // 60 days: outside
    const reinstated = evaluateFraud({ ...clean, reinstatedOn: ['2027-06-20'] });
    expect(reinstated.indicators[0]!.reason).toBe('The loss was 10 days after the policy was reinstated (2027-06-20); the rule looks at the first 60 days.');
    const raised = evaluateFraud({ ...clean, sumInsuredIncreases: [{ effectiveFrom: '2027-06-29', coverage: 'DEATH', from: 100_000_00, to: 250_000_00 }] });
    expect(raised.indicators[0]!.reason).toBe(
      'The loss was 1 day after the DEATH sum insured rose from 100,000.00 USD to 250,000.00 USD (2027-06-29); the rule looks at the first 60 days.',
    );
    // A change after the loss says nothing about it.
    expect(codes({ reinstatedOn: ['2027-07-01'] })).toEqual([]);
  });

  it('flags a claimed amount at 90% of the sum insured or more', () => {
    expect(codes({ claimedAmount: 90_000_00 })).toEqual(['NEAR_SUM_INSURED']);
    expect(codes({ claimedAmount: 89_999_99 })).toEqual([]);
    expect(codes({ claimedAmount: null })).toEqual([]);
    expect(codes({ sumInsured: null, claimedAmount: 5 })).toEqual([]);
    expect(evaluateFraud({ ...clean, claimedAmount: 100_000_00 }).indicators[0]!.reason).toBe('100,000.00 USD claimed is 100% of the 100,000.00 USD sum insured.');
  });

  it('flags two or more other claims in the 12 months, naming them', () => {
    expect(codes({ recentClaims: ['CL-000001'] })).toEqual([]);
    const two = evaluateFraud({ ...clean, recentClaims: ['CL-000001', 'CL-000004'] });
    expect(two.indicators).toEqual([expect.objectContaining({ code: 'FREQUENT_CLAIMS', reason: expect.stringContaining('CL-000001, CL-000004') })]);
  });

  it('flags a loss in grace, an unverified KYC and a duplicate (severe: referred on its own)', () => {
    expect(codes({ inGrace: true })).toEqual(['LOSS_IN_GRACE']);
    expect(codes({ kycVerified: false })).toEqual(['KYC_NOT_VERIFIED']);
    const dup = evaluateFraud({ ...clean, duplicates: ['CL-000009'] });
    expect(dup).toMatchObject({ score: 50, referred: true, indicators: [{ code: 'DUPLICATE_CLAIM', severe: true }] });
  });

  it('refers at the threshold: an early loss near the sum insured is referred, an early loss alone is not', () => {
    expect(evaluateFraud({ ...clean, policyStartDate: '2027-06-01' })).toMatchObject({ score: 30, referred: false });
    expect(evaluateFraud({ ...clean, policyStartDate: '2027-06-01', claimedAmount: 95_000_00 })).toMatchObject({ score: 55, referred: true });
    expect(evaluateFraud({ ...clean, inGrace: true, kycVerified: false })).toMatchObject({ score: 35, referred: false });
  });

  it('scores the sum of the weights fired, and refers exactly at or above the threshold or on a severe one', () => {
    fc.assert(
      fc.property(fc.record({ early: fc.boolean(), near: fc.boolean(), frequent: fc.boolean(), grace: fc.boolean(), kyc: fc.boolean(), dup: fc.boolean() }), (o) => {
        const result = evaluateFraud({
          ...clean,
          policyStartDate: o.early ? '2027-06-15' : clean.policyStartDate,
          claimedAmount: o.near ? 99_000_00 : clean.claimedAmount,
          recentClaims: o.frequent ? ['CL-1', 'CL-2', 'CL-3'] : [],
          inGrace: o.grace,
          kycVerified: !o.kyc,
          duplicates: o.dup ? ['CL-9'] : [],
        });
        const expected = result.indicators.reduce((s, i) => s + FRAUD_RULES[i.code].weight, 0);
        expect(result.indicators).toHaveLength(Object.values(o).filter(Boolean).length);
        expect(result.score).toBe(expected);
        expect(result.referred).toBe(expected >= FRAUD_REFERRAL_THRESHOLD || o.dup);
        for (const i of result.indicators) expect(i.reason.length).toBeGreaterThan(10);
      }),
    );
  });
});
