// The assessment's arithmetic (pure): per coverage, the loss established minus the policy's
// deductible for that coverage, never above the coverage's remaining sum insured (its sum insured
// less what the policy's earlier claims were approved on it), never below 0. And how many approvals
// an amount needs: one within the manager's claim_amount limit, two above it.
import type { AssessmentLine } from '../../contracts/claims';
import { formatAmount as money } from '../../platform/money';

export interface CoverageTerms {
  code: string;
  sumInsured: number;
  /** The deductible (excess) the policy holds on this coverage, from the version's options (0: none). */
  deductible: number;
}

export function assessLine(lossAmount: number, terms: CoverageTerms, usedByOtherClaims: number): AssessmentLine {
  const remaining = Math.max(0, terms.sumInsured - usedByOtherClaims);
  const afterDeductible = Math.max(0, lossAmount - terms.deductible);
  const payable = Math.min(afterDeductible, remaining);
  const parts = [`Loss ${money(lossAmount)}`];
  if (terms.deductible > 0) parts.push(`less the deductible ${money(terms.deductible)} = ${money(afterDeductible)}`);
  if (afterDeductible > remaining)
    parts.push(`capped at the remaining sum insured ${money(remaining)} (${money(terms.sumInsured)} less ${money(usedByOtherClaims)} on earlier claims)`);
  return {
    coverage: terms.code,
    lossAmount,
    sumInsured: terms.sumInsured,
    usedByOtherClaims,
    remainingSumInsured: remaining,
    deductible: terms.deductible,
    payable,
    explanation: `${parts.join(', ')}: ${money(payable)} payable.`,
  };
}

/** 1 when the amount is within the manager's claim_amount limit, 2 above it (or when managers have no limit). */
export function approvalsRequired(amount: number, managerLimit: number | null): 1 | 2 {
  return managerLimit !== null && amount <= managerLimit ? 1 : 2;
}
