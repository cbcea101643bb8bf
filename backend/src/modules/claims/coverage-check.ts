// The coverage check of a first notice of loss (pure): was the policy in force on the loss date, does
// one of its coverages (terms in force that day) answer the loss type under the product version's
// claims catalog, has the loss type's waiting period passed, and may one of the policy's
// underwriting exclusions apply. Each check answers with its result and a reason an agent can read
// out; any failure makes the claim `coverageDoubtful` (recorded all the same, adjuster first).
import type { CoverageCheck, LossType } from '../../contracts/claims';
import type { LossTypeCover } from '../../contracts/products';
import { addDays } from '../../platform/calendar';
import type { PolicyOnDate } from '../policies/policy-facts';

/**
 * Words that name each kind of loss. An underwriting exclusion (free text set by the underwriter,
 * e.g. "Hazardous sports", "Flood damage") may apply to a claim when it names the claim's kind of
 * loss, or when the claim's description quotes the exclusion. It is a flag for the adjuster, not a
 * refusal: the claim is recorded as doubtful with the exclusion as the reason.
 */
export const LOSS_WORDS: Readonly<Record<LossType, readonly string[]>> = {
  death: ['death', 'suicide', 'dies', 'died'],
  critical_illness: ['critical illness', 'cancer', 'heart attack', 'stroke'],
  hospitalisation: ['hospital', 'hospitalisation', 'hospitalization', 'inpatient'],
  accident: ['accident', 'accidental', 'injury'],
  vehicle_collision: ['collision', 'crash'],
  vehicle_theft: ['theft', 'stolen'],
  fire: ['fire', 'arson'],
  water_damage: ['water', 'flood', 'leak'],
  storm: ['storm', 'wind', 'hail', 'hurricane', 'flood'],
  burglary: ['burglary', 'theft', 'break-in'],
  travel_medical: ['medical', 'illness abroad'],
  trip_cancellation: ['cancellation'],
  baggage: ['baggage', 'luggage'],
};

const normalise = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const mentions = (text: string, phrase: string) => new RegExp(`(^|[^a-z0-9])${escape(phrase)}([^a-z0-9]|$)`).test(text);

/** Why `exclusion` may apply to a loss of `lossType` described as `description`; undefined when it does not. */
export function exclusionReason(exclusion: string, lossType: LossType, description = ''): string | undefined {
  const ex = normalise(exclusion).replace(/[.;:!]+$/, '');
  if (!ex) return undefined;
  const word = LOSS_WORDS[lossType].find((w) => mentions(ex, w));
  if (word) return `The policy excludes “${exclusion}”, which names this kind of loss (${word}).`;
  if (description && mentions(normalise(description), ex)) return `The policy excludes “${exclusion}”, and the description mentions it.`;
  return undefined;
}

export interface CoverageCheckInput {
  policy: PolicyOnDate;
  /** The product version's claims catalog and its coverage names. */
  catalog: { lossTypes: readonly LossTypeCover[]; coverageNames: Readonly<Record<string, string>> };
  lossDate: string;
  lossType: LossType;
  description?: string;
}

export function checkCoverage({ policy, catalog, lossDate, lossType, description }: CoverageCheckInput): CoverageCheck {
  const checks: CoverageCheck['checks'] = [];
  const label = lossType.replace(/_/g, ' ');

  // 1. In force on the loss date.
  if (policy.inForce)
    checks.push({ code: 'POLICY_IN_FORCE', passed: true, detail: `${policy.policyNumber} was in force on ${lossDate} (from ${policy.startDate} to ${policy.endDate}).` });
  else if (lossDate < policy.startDate)
    checks.push({ code: 'POLICY_IN_FORCE', passed: false, detail: `${policy.policyNumber} starts on ${policy.startDate}, after the loss on ${lossDate}.` });
  else if (policy.endedOn !== null && lossDate >= policy.endedOn)
    checks.push({ code: 'POLICY_IN_FORCE', passed: false, detail: `${policy.policyNumber} ended (${policy.status}) from ${policy.endedOn}, before the loss on ${lossDate}.` });
  else checks.push({ code: 'POLICY_IN_FORCE', passed: false, detail: `${policy.policyNumber} ended on ${policy.endDate}, before the loss on ${lossDate}.` });

  // 2. A coverage of the terms in force answers the loss type.
  const cover = catalog.lossTypes.find((c) => c.lossType === lossType);
  const held = policy.terms?.coverages ?? [];
  const coverages = cover
    ? cover.coverages.flatMap((code) => {
        const c = held.find((h) => h.code === code);
        return c ? [{ code, name: catalog.coverageNames[code] ?? code, sumInsured: c.sumInsured }] : [];
      })
    : [];
  if (!cover) checks.push({ code: 'LOSS_TYPE_COVERED', passed: false, detail: `${policy.productName} does not cover ${label}.` });
  else if (!policy.terms) checks.push({ code: 'LOSS_TYPE_COVERED', passed: false, detail: `No terms of ${policy.policyNumber} were in force on ${lossDate}.` });
  else if (!coverages.length)
    checks.push({
      code: 'LOSS_TYPE_COVERED',
      passed: false,
      detail: `${label} is covered by ${cover.coverages.map((c) => catalog.coverageNames[c] ?? c).join(' or ')}, which the policy did not hold on ${lossDate}.`,
    });
  else checks.push({ code: 'LOSS_TYPE_COVERED', passed: true, detail: `Covered by ${coverages.map((c) => c.name).join(', ')}.` });

  // 3. The waiting period of the loss type, from the policy's start.
  const waitingDays = cover?.waitingDays ?? 0;
  if (waitingDays > 0) {
    const from = addDays(policy.startDate, waitingDays);
    checks.push(
      lossDate >= from
        ? { code: 'WAITING_PERIOD_PASSED', passed: true, detail: `The ${waitingDays}-day waiting period for ${label} ended on ${from}.` }
        : {
            code: 'WAITING_PERIOD_PASSED',
            passed: false,
            detail: `${label} is covered only from ${from}: a ${waitingDays}-day waiting period from the start on ${policy.startDate}.`,
          },
    );
  } else checks.push({ code: 'WAITING_PERIOD_PASSED', passed: true, detail: `No waiting period for ${label}.` });

  // 4. The underwriting exclusions of the terms in force.
  const excluded = (policy.terms?.exclusions ?? []).flatMap((e) => exclusionReason(e, lossType, description) ?? []);
  checks.push(
    excluded.length
      ? { code: 'NO_EXCLUSION', passed: false, detail: excluded.join(' ') }
      : {
          code: 'NO_EXCLUSION',
          passed: true,
          detail: policy.terms?.exclusions.length ? `None of the exclusions (${policy.terms.exclusions.join('; ')}) concerns this loss.` : 'The policy has no exclusions.',
        },
  );

  const failed = checks.filter((c) => !c.passed);
  return {
    policyId: policy.id,
    policyNumber: policy.policyNumber,
    lossDate,
    lossType,
    termsVersion: policy.terms?.version ?? null,
    coverages,
    checks,
    coverageDoubtful: failed.length > 0,
    reasons: failed.map((c) => c.detail),
  };
}
