// A death benefit split among beneficiaries: by shares to the cent, never a cent lost or made up,
// survivors taking a predeceased beneficiary's part, contingent ones only when no primary survives.
import fc from 'fast-check';
import type { Beneficiary } from '../../../contracts/orders';
import { entitledBeneficiaries, splitByShares } from '../beneficiary-split';

const b = (name: string, share: number, tier: Beneficiary['tier'] = 'primary'): Beneficiary => ({ name, relationship: 'child', share, tier });

describe('beneficiary split', () => {
  it('splits by shares to the cent, the leftover cent to the largest remainder', () => {
    expect(splitByShares(100_000_00, [b('Ann', 60), b('Ben', 40)]).map((p) => p.amount)).toEqual([60_000_00, 40_000_00]);
    // 100.00 in thirds: 33.34 + 33.33 + 33.33 (ties go by the order on the policy).
    expect(splitByShares(100_00, [b('Ann', 33.33), b('Ben', 33.33), b('Cy', 33.34)]).map((p) => p.amount)).toEqual([3333, 3333, 3334]);
    expect(splitByShares(1, [b('Ann', 50), b('Ben', 50)]).map((p) => p.amount)).toEqual([1, 0]);
    expect(splitByShares(0, [b('Ann', 100)])).toEqual([{ name: 'Ann', tier: 'primary', share: 100, amount: 0 }]);
    expect(splitByShares(5, [])).toEqual([]);
  });

  it('pays the surviving primaries, renormalised; the contingent ones only when no primary survived', () => {
    const all = [b('Ann', 50), b('Ben', 25), b('Cy', 25), b('Dee', 70, 'contingent'), b('Eve', 30, 'contingent')];
    expect(entitledBeneficiaries(all, new Set()).map((x) => x.name)).toEqual(['Ann', 'Ben', 'Cy']);
    const withoutAnn = entitledBeneficiaries(all, new Set(['Ann']));
    expect(splitByShares(1_000_00, withoutAnn).map((p) => [p.name, p.amount])).toEqual([
      ['Ben', 500_00],
      ['Cy', 500_00],
    ]);
    const contingents = entitledBeneficiaries(all, new Set(['Ann', 'Ben', 'Cy']));
    expect(splitByShares(1_000_00, contingents).map((p) => [p.name, p.amount])).toEqual([
      ['Dee', 700_00],
      ['Eve', 300_00],
    ]);
    expect(entitledBeneficiaries(all, new Set(['Ann', 'Ben', 'Cy', 'Dee', 'Eve']))).toEqual([]);
  });

  it('always adds up to the amount, each part within a cent of its exact proportion', () => {
    const share = fc.integer({ min: 1, max: 10_000 }).map((bp) => bp / 100);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_00 }), fc.array(share, { minLength: 1, maxLength: 8 }), (amount, shares) => {
        const parts = splitByShares(
          amount,
          shares.map((s, i) => b(`B${i}`, s)),
        );
        expect(parts.reduce((s, p) => s + p.amount, 0)).toBe(amount);
        const total = shares.reduce((s, x) => s + Math.round(x * 100), 0);
        parts.forEach((p, i) => {
          const exact = (amount * Math.round(shares[i]! * 100)) / total;
          expect(Math.abs(p.amount - exact)).toBeLessThan(1 + 1e-6);
        });
      }),
    );
  });
});
