// The assessment's arithmetic: the deductible comes off the loss, the remaining sum insured (after
// earlier claims on the coverage) caps it, and nothing is ever negative or above either bound.
import fc from 'fast-check';
import { approvalsRequired, assessLine } from '../assessment';

describe('assessLine', () => {
  it('takes the deductible off the loss', () => {
    expect(assessLine(2_000_00, { code: 'COLLISION', sumInsured: 30_000_00, deductible: 500_00 }, 0)).toMatchObject({ payable: 1_500_00, remainingSumInsured: 30_000_00 });
  });

  it('caps at what remains of the sum insured after earlier claims, and says so', () => {
    const line = assessLine(40_000_00, { code: 'ADB', sumInsured: 50_000_00, deductible: 0 }, 30_000_00);
    expect(line).toMatchObject({ payable: 20_000_00, remainingSumInsured: 20_000_00, usedByOtherClaims: 30_000_00 });
    expect(line.explanation).toContain('capped at the remaining sum insured 20,000.00');
  });

  it('pays nothing when the loss is below the deductible or the sum insured is used up', () => {
    expect(assessLine(300_00, { code: 'C', sumInsured: 10_000_00, deductible: 500_00 }, 0).payable).toBe(0);
    expect(assessLine(300_00, { code: 'C', sumInsured: 10_000_00, deductible: 0 }, 12_000_00)).toMatchObject({ payable: 0, remainingSumInsured: 0 });
  });

  it('never pays more than the loss less the deductible nor the remaining sum insured, never below 0', () => {
    const amount = fc.integer({ min: 0, max: 10_000_000_00 });
    fc.assert(
      fc.property(amount, amount, amount, amount, (loss, sumInsured, deductible, used) => {
        const line = assessLine(loss, { code: 'X', sumInsured, deductible }, used);
        expect(line.payable).toBeGreaterThanOrEqual(0);
        expect(line.payable).toBeLessThanOrEqual(Math.max(0, loss - deductible));
        expect(line.payable).toBeLessThanOrEqual(Math.max(0, sumInsured - used));
        expect(line.payable === Math.max(0, loss - deductible) || line.payable === Math.max(0, sumInsured - used)).toBe(true);
      }),
    );
  });
});

describe('approvalsRequired', () => {
  it('needs one approval within the manager’s limit and two above it (or when managers have none)', () => {
    expect(approvalsRequired(50_000_00, 50_000_00)).toBe(1);
    expect(approvalsRequired(50_000_01, 50_000_00)).toBe(2);
    expect(approvalsRequired(1, null)).toBe(2);
  });
});
