// A death claim's payment split among the policy's beneficiaries (pure): the primary ones who
// survived the insured, by their shares; the contingent ones when no primary survived. Shares are
// percentages with two decimals (basis points here); the amount is split to the cent by the largest
// remainder, so the parts always add up to the amount exactly.
import type { Beneficiary } from '../../contracts/orders';

export interface BeneficiaryPart {
  name: string;
  tier: Beneficiary['tier'];
  /** The beneficiary's share as stated on the policy (percent). */
  share: number;
  amount: number;
}

/** Who receives the benefit: the surviving primaries, else the surviving contingents (empty: nobody). */
export function entitledBeneficiaries(beneficiaries: readonly Beneficiary[], predeceased: ReadonlySet<string>): Beneficiary[] {
  const alive = beneficiaries.filter((b) => !predeceased.has(b.name));
  const primary = alive.filter((b) => b.tier === 'primary');
  return primary.length ? primary : alive.filter((b) => b.tier === 'contingent');
}

/**
 * `amount` minor units split among `entitled` in proportion to their shares (renormalised over
 * those entitled: a survivor takes a predeceased beneficiary's part pro rata). Each part is the
 * exact proportion rounded down, and the cents left go one each to the largest remainders (ties:
 * the order on the policy).
 */
export function splitByShares(amount: number, entitled: readonly Beneficiary[]): BeneficiaryPart[] {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new Error(`A split amount is a whole non-negative number of minor units: ${amount}`);
  if (entitled.length === 0) return [];
  const points = entitled.map((b) => BigInt(Math.round(b.share * 100)));
  const total = points.reduce((s, p) => s + p, 0n);
  const whole = BigInt(amount);
  const parts = points.map((p) => ({ floor: (whole * p) / total, remainder: (whole * p) % total }));
  let left = whole - parts.reduce((s, p) => s + p.floor, 0n);
  const byRemainder = parts.map((p, i) => ({ i, remainder: p.remainder })).sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1));
  for (const { i } of byRemainder) {
    if (left === 0n) break;
    parts[i]!.floor += 1n;
    left -= 1n;
  }
  return entitled.map((b, i) => ({ name: b.name, tier: b.tier, share: b.share, amount: Number(parts[i]!.floor) }));
}
