// Fraud indicators (pure): documented rules over the facts of a submitted claim, each answering with
// its reason in words. Indicators add up to a score; at or above the threshold, or with any severe
// indicator, the claim is referred to a manager and cannot be paid until the referral is cleared.
// The rules flag a claim for a closer look; they never decide it.
import type { FraudIndicator, FraudRuleCode } from '../../contracts/claims';
import { daysBetween } from '../../platform/calendar';
import { formatMoney } from '../../platform/money';

/** A claim's facts the rules look at, gathered by the service at submission. */
export interface FraudFacts {
  lossDate: string;
  currency: string;
  policyStartDate: string;
  /** Reinstatements of the policy on or before the loss date. */
  reinstatedOn: readonly string[];
  /** Versions of the policy's terms, effective on or before the loss date, that raised a coverage's sum insured. */
  sumInsuredIncreases: readonly { effectiveFrom: string; coverage: string; from: number; to: number }[];
  claimedAmount: number | null;
  /** The largest sum insured among the policy's coverages answering the loss (null: none does). */
  sumInsured: number | null;
  /** Other lodged claims (not drafts, not withdrawn) on the same policy or customer with a loss within 12 months of this one's, before or after. */
  recentClaims: readonly string[];
  /** The policy was in its grace period (a premium overdue) on the loss date. */
  inGrace: boolean;
  kycVerified: boolean;
  /** Other claims still open or decided with the same policy, loss type and loss date. */
  duplicates: readonly string[];
}

/** The rules, their weights and what they mean: documented here and in the claims CONTEXT.md. */
export const FRAUD_RULES: Record<FraudRuleCode, { weight: number; severe: boolean; meaning: string }> = {
  EARLY_LOSS: { weight: 30, severe: false, meaning: 'The loss happened within 60 days of the policy start, a reinstatement or a sum-insured increase.' },
  NEAR_SUM_INSURED: { weight: 25, severe: false, meaning: 'The amount claimed is 90% or more of the sum insured.' },
  FREQUENT_CLAIMS: { weight: 25, severe: false, meaning: 'Two or more other claims on the policy or the customer with a loss within 12 months of this one.' },
  LOSS_IN_GRACE: { weight: 20, severe: false, meaning: 'The policy was in its grace period (a premium overdue) on the loss date.' },
  KYC_NOT_VERIFIED: { weight: 15, severe: false, meaning: "The customer's identity (KYC) is not verified." },
  DUPLICATE_CLAIM: { weight: 50, severe: true, meaning: 'Another claim with the same policy, loss type and loss date is open or decided.' },
};
export const EARLY_LOSS_DAYS = 60;
export const NEAR_SUM_INSURED_RATIO = 0.9;
export const FREQUENT_CLAIMS_COUNT = 2;
/** A score at or above this refers the claim to a manager. */
export const FRAUD_REFERRAL_THRESHOLD = 50;

export interface FraudEvaluation {
  indicators: FraudIndicator[];
  score: number;
  referred: boolean;
}

export function evaluateFraud(f: FraudFacts): FraudEvaluation {
  const indicators: FraudIndicator[] = [];
  const flag = ({ code, reason }: { code: FraudRuleCode; reason: string }) => indicators.push({ code, weight: FRAUD_RULES[code].weight, severe: FRAUD_RULES[code].severe, reason });
  const money = (minor: number) => formatMoney(minor, f.currency);

  // The latest event that (re)started or widened cover on or before the loss, within the window.
  const starts = [
    { on: f.policyStartDate, what: 'the policy started' },
    ...f.reinstatedOn.map((on) => ({ on, what: 'the policy was reinstated' })),
    ...f.sumInsuredIncreases.map((i) => ({ on: i.effectiveFrom, what: `the ${i.coverage} sum insured rose from ${money(i.from)} to ${money(i.to)}` })),
  ]
    .filter((s) => s.on <= f.lossDate && daysBetween(s.on, f.lossDate) < EARLY_LOSS_DAYS)
    .sort((a, b) => (a.on < b.on ? 1 : -1));
  const early = starts[0];
  if (early) {
    const days = daysBetween(early.on, f.lossDate);
    flag({
      code: 'EARLY_LOSS',
      reason: `The loss was ${days} day${days === 1 ? '' : 's'} after ${early.what} (${early.on}); the rule looks at the first ${EARLY_LOSS_DAYS} days.`,
    });
  }
  if (f.claimedAmount !== null && f.sumInsured !== null && f.sumInsured > 0 && f.claimedAmount >= f.sumInsured * NEAR_SUM_INSURED_RATIO) {
    const percent = Math.floor((f.claimedAmount * 100) / f.sumInsured);
    flag({ code: 'NEAR_SUM_INSURED', reason: `${money(f.claimedAmount)} claimed is ${percent}% of the ${money(f.sumInsured)} sum insured.` });
  }
  if (f.recentClaims.length >= FREQUENT_CLAIMS_COUNT)
    flag({
      code: 'FREQUENT_CLAIMS',
      reason: `${f.recentClaims.length} other claims on the policy or the customer with a loss within 12 months of this one: ${f.recentClaims.join(', ')}.`,
    });
  if (f.inGrace) flag({ code: 'LOSS_IN_GRACE', reason: `The policy was in its grace period on ${f.lossDate}: a premium was overdue.` });
  if (!f.kycVerified) flag({ code: 'KYC_NOT_VERIFIED', reason: "The customer's identity (KYC) is not verified." });
  if (f.duplicates.length > 0) flag({ code: 'DUPLICATE_CLAIM', reason: `Same policy, loss type and loss date as ${f.duplicates.join(', ')}.` });

  const score = indicators.reduce((sum, i) => sum + i.weight, 0);
  return { indicators, score, referred: score >= FRAUD_REFERRAL_THRESHOLD || indicators.some((i) => i.severe) };
}
