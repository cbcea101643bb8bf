// The volume seed's planning of a claim (pure): the book's status mix, a loss the policy's cover and
// the target status make sense of, and the assessment a claim gets from its coverage check.
import fc from 'fast-check';
import { assessmentOf, BOOK_MIX, chooseLoss, targetOf, unit, type CandidatePolicy } from '../../../cli/volume-claims';
import type { CoverageCheck, LossType } from '../../../contracts/claims';
import { addDays } from '../../../platform/calendar';

const TODAY = '2027-03-15';
const YESTERDAY = '2027-03-14';
const AUTO = {
  category: 'auto',
  coverages: [
    { code: 'LIABILITY', sumInsured: 300_000_00 },
    { code: 'COLLISION', sumInsured: 25_000_00, deductible: 500_00 },
  ],
  lossTypes: [
    { lossType: 'vehicle_collision', coverages: ['COLLISION', 'LIABILITY'] },
    { lossType: 'accident', coverages: ['LIABILITY', 'COLLISION'] },
    { lossType: 'vehicle_theft', coverages: ['COMPREHENSIVE'] },
  ],
};
const LIFE = { category: 'life', coverages: [{ code: 'DEATH', sumInsured: 250_000_00 }], lossTypes: [{ lossType: 'death', coverages: ['DEATH', 'ADB'] }] };
const TRAVEL = { category: 'travel', coverages: [{ code: 'MEDICAL', sumInsured: 100_000_00 }], lossTypes: [{ lossType: 'travel_medical', coverages: ['MEDICAL'] }] };
const PRODUCTS = [AUTO, LIFE, TRAVEL];

const check = (failed?: CoverageCheck['checks'][number]['code']): CoverageCheck => ({
  policyId: 'p',
  policyNumber: 'P-000001',
  lossDate: YESTERDAY,
  lossType: 'accident',
  termsVersion: 1,
  coverages: [{ code: 'LIABILITY', name: 'Liability', sumInsured: 300_000_00 }],
  checks: (['POLICY_IN_FORCE', 'LOSS_TYPE_COVERED', 'WAITING_PERIOD_PASSED', 'NO_EXCLUSION'] as const).map((code) => ({ code, passed: code !== failed, detail: `${code} detail` })),
  coverageDoubtful: failed !== undefined,
  reasons: failed ? [`${failed} detail`] : [],
});

describe('volume claims planning', () => {
  it('spreads claims over the statuses in the shares of BOOK_MIX', () => {
    const counts = new Map<string, number>();
    for (let n = 0; n < 20_000; n++) counts.set(targetOf(n), (counts.get(targetOf(n)) ?? 0) + 1);
    expect(BOOK_MIX.reduce((s, [, share]) => s + share, 0)).toBe(100);
    for (const [target, share] of BOOK_MIX) expect(Math.abs((100 * (counts.get(target) ?? 0)) / 20_000 - share)).toBeLessThan(1);
  });

  it('draws numbers in [0, 1), the same for the same claim and purpose', () => {
    fc.assert(
      fc.property(fc.nat(10_000_000), fc.nat(100), (n, salt) => {
        const u = unit(n, salt);
        return u >= 0 && u < 1 && u === unit(n, salt);
      }),
    );
  });

  it('chooses a loss within the cover before today, reported after it, that the policy holds a coverage for (or rarely not)', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.integer({ min: 1, max: 364 }), fc.constantFrom(...PRODUCTS), (n, startedDaysAgo, product) => {
        const start = addDays(TODAY, -startedDaysAgo);
        const policy: CandidatePolicy = {
          id: 'p',
          start_date: start,
          end_date: product === TRAVEL ? addDays(start, 13) : addDays(start, 365),
          category: product.category,
          coverages: product.coverages,
        };
        const loss = chooseLoss(n, policy, product.lossTypes as { lossType: LossType; coverages: string[] }[], TODAY)!;
        const lastCovered = policy.end_date < YESTERDAY ? policy.end_date : YESTERDAY;
        expect(loss.lossDate >= start && loss.lossDate <= lastCovered).toBe(true);
        expect(loss.reportedOn >= loss.lossDate && loss.reportedOn <= YESTERDAY).toBe(true);
        expect(product.lossTypes.map((l) => l.lossType)).toContain(loss.lossType);
        // A death claim never reaches an approval here (it would end the policy through servicing).
        if (loss.lossType === 'death') expect(['approved', 'partially_approved', 'paid', 'closed_paid', 'reopened']).not.toContain(loss.target);
        const answering = product.lossTypes.find((l) => l.lossType === loss.lossType)!.coverages.find((c) => product.coverages.some((h) => h.code === c));
        const cover: { sumInsured: number; deductible?: number } | undefined = product.coverages.find((c) => c.code === answering);
        if (loss.claimedAmount !== null && cover) {
          expect(loss.claimedAmount).toBeLessThanOrEqual(cover.sumInsured);
          expect(loss.claimedAmount).toBeGreaterThan(cover.deductible ?? 0);
        }
        // What goes on to be approved and paid states an amount (its reserve is set from it).
        if (['approved', 'partially_approved', 'paid', 'closed_paid', 'reopened'].includes(loss.target)) expect(loss.claimedAmount).not.toBeNull();
        expect(chooseLoss(n, policy, product.lossTypes as { lossType: LossType; coverages: string[] }[], TODAY)).toEqual(loss);
      }),
    );
  });

  it('rejects a claim for the check it failed, and otherwise approves it in full or in part', () => {
    expect(assessmentOf(1, 'paid', check('WAITING_PERIOD_PASSED'), 1_000_00)).toMatchObject({
      decision: 'reject',
      reasonCode: 'WAITING_PERIOD',
      reason: 'WAITING_PERIOD_PASSED detail',
    });
    expect(assessmentOf(1, 'paid', check('POLICY_IN_FORCE'), 1_000_00)).toMatchObject({ decision: 'reject', reasonCode: 'NOT_IN_FORCE' });
    expect(assessmentOf(1, 'rejected', check(), 1_000_00).decision).toBe('reject');
    const partial = assessmentOf(1, 'partially_approved', check(), 1_000_00);
    expect(partial).toMatchObject({ decision: 'partially_approve' });
    expect(partial.lossAmount).toBeLessThan(1_000_00);
    const decisions = new Set(Array.from({ length: 200 }, (_, n) => assessmentOf(n, 'paid', check(), 1_000_00)).map((a) => `${a.decision}:${a.reasonCode}`));
    expect(decisions).toContain('approve:APPROVED_IN_FULL');
  });
});
