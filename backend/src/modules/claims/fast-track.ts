// Fast-track (pure): whether a product version's rule admits a submitted claim, and if not, every
// condition that failed, each with a reason an adjuster can read out. The service gathers the facts
// (claim-fast-track.ts); an empty list means the claim is approved and paid straight through.
import type { FastTrackReason, FastTrackReasonCode, FraudIndicator } from '../../contracts/claims';
import type { FastTrackRule, LossType } from '../../contracts/products';
import { formatMoney } from '../../platform/money';

export interface FastTrackFacts {
  /** The product version's rule (null: not configured, so off). */
  rule: FastTrackRule | null;
  /** A manager switched fast-track off for the product. */
  suspended: boolean;
  currency: string;
  lossType: LossType;
  claimedAmount: number | null;
  /** The coverage check on the loss date failed (its reasons). */
  coverageDoubtful: boolean;
  coverageReasons: readonly string[];
  fraudIndicators: readonly FraudIndicator[];
  /** Other claims on the policy not settled yet (drafts aside). */
  openClaims: readonly string[];
  kycVerified: boolean;
  /** What would be paid: the claimed amount less the deductible, within what remains of the sum insured (null: no coverage answers). */
  payable: number | null;
  /** The claims automation role's claim_amount limit in the currency (null: none set). */
  systemLimit: number | null;
  /** The submission's reserve waits for approval. */
  reservePending: boolean;
}

/** The reasons the claim is not fast-tracked: empty when the rule admits it. */
export function evaluateFastTrack(f: FastTrackFacts): FastTrackReason[] {
  const reasons: FastTrackReason[] = [];
  const no = (r: { code: FastTrackReasonCode; reason: string }) => reasons.push(r);
  const money = (minor: number) => formatMoney(minor, f.currency);
  // Off: nothing else is weighed.
  if (!f.rule) return [{ code: 'NOT_CONFIGURED', reason: 'The product version has no fast-track rule: every claim goes to an adjuster.' }];
  if (f.suspended) return [{ code: 'SWITCHED_OFF', reason: 'Fast-track is switched off for this product.' }];
  const rule = f.rule;

  if (!rule.lossTypes.includes(f.lossType))
    no({
      code: 'LOSS_TYPE_NOT_ADMITTED',
      reason: `A ${f.lossType.replace(/_/g, ' ')} claim is not fast-tracked (the rule admits ${rule.lossTypes.map((t) => t.replace(/_/g, ' ')).join(', ')}).`,
    });
  if (f.claimedAmount === null || f.claimedAmount <= 0) no({ code: 'NO_AMOUNT', reason: 'No amount was claimed: an adjuster establishes the loss.' });
  else if (f.claimedAmount > rule.maxAmount)
    no({ code: 'ABOVE_MAXIMUM', reason: `${money(f.claimedAmount)} claimed is above the fast-track maximum of ${money(rule.maxAmount)}.` });
  if (f.coverageDoubtful) no({ code: 'COVERAGE_NOT_CONFIRMED', reason: `Coverage on the loss date is not confirmed: ${f.coverageReasons.join(' ')}`.trim() });
  const fraud = f.fraudIndicators.filter((i) => i.code !== 'KYC_NOT_VERIFIED');
  if (fraud.length) no({ code: 'FRAUD_INDICATOR', reason: `Fraud indicators: ${fraud.map((i) => `${i.code} (${i.reason})`).join(' ')}` });
  if (f.openClaims.length) no({ code: 'OPEN_CLAIM_ON_POLICY', reason: `Another claim on the policy is not settled: ${f.openClaims.join(', ')}.` });
  if (!f.kycVerified) no({ code: 'IDENTITY_NOT_VERIFIED', reason: "The customer's identity (KYC) is not verified." });
  if (f.claimedAmount !== null && f.claimedAmount > 0 && f.payable !== null && f.payable <= 0)
    no({ code: 'NOTHING_PAYABLE', reason: 'After the deductible (or with the sum insured used up) nothing is payable.' });
  const amount = f.payable ?? f.claimedAmount;
  if (amount !== null && amount > 0 && (f.systemLimit === null || amount > f.systemLimit))
    no({
      code: 'ABOVE_SYSTEM_LIMIT',
      reason:
        f.systemLimit === null
          ? `The claims automation role has no claim amount approval limit in ${f.currency}.`
          : `${money(amount)} is above the claims automation role's approval limit of ${money(f.systemLimit)}.`,
    });
  if (f.reservePending) no({ code: 'RESERVE_PENDING', reason: "The claim's reserve waits for approval above the adjuster's limit." });
  return reasons;
}
