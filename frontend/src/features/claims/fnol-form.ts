// The first notice of loss as typed, and what it sends: the coverage check while it is typed, and
// the CreateClaimBody when saved (the API's own schema says what is missing, every field at once).
import { CoverageCheckBody, CreateClaimBody } from '@contracts/claims';
import type { LossType } from '@contracts/claims';
import { schemaFieldErrors } from '@/lib/form-schema';
import { typedMinorUnits } from '@/lib/money';

export interface FnolValues {
  policyId: string;
  lossDate: string;
  lossTime: string;
  lossType: LossType | null;
  description: string;
  location: string;
  reporter: { kind: CreateClaimBody['reporter']['kind']; name: string; phone: string; email: string; relationship: string };
  /** Major units as typed ('' when the reporter does not know it yet). */
  claimedAmount: number | string;
}

/** The fields of the form, in screen order (server field errors are placed on these). */
export const FNOL_FIELDS = [
  'policyId',
  'lossDate',
  'lossTime',
  'lossType',
  'description',
  'location',
  'reporter.kind',
  'reporter.name',
  'reporter.phone',
  'reporter.email',
  'reporter.relationship',
  'claimedAmount',
] as const;

export const emptyFnol = (policyId: string, today: string): FnolValues => ({
  policyId,
  lossDate: today,
  lossTime: '',
  lossType: null,
  description: '',
  location: '',
  reporter: { kind: 'policyholder', name: '', phone: '', email: '', relationship: '' },
  claimedAmount: '',
});

const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** What the coverage check needs, once the policy, a valid loss date and the kind of loss are known; else null. */
export function coverageCheckBodyOf(values: FnolValues): CoverageCheckBody | null {
  const candidate = { policyId: values.policyId, lossDate: values.lossDate, lossType: values.lossType ?? undefined, description: optional(values.description) };
  const parsed = CoverageCheckBody.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

export type FnolResult = { ok: true; body: CreateClaimBody } | { ok: false; errors: Record<string, string> };

/** The notice to record, or the errors to show by field (`reporter.phone`, `claimedAmount`, …). */
export function buildClaimBody(values: FnolValues): FnolResult {
  const claimedAmount = typedMinorUnits(values.claimedAmount);
  const r = values.reporter;
  const candidate = {
    policyId: values.policyId,
    lossDate: values.lossDate,
    lossTime: optional(values.lossTime),
    lossType: values.lossType ?? undefined,
    description: values.description,
    location: values.location,
    reporter: { kind: r.kind, name: r.name, phone: optional(r.phone), email: optional(r.email), relationship: optional(r.relationship) },
    claimedAmount,
  };
  const errors = schemaFieldErrors(CreateClaimBody, candidate);
  if (values.claimedAmount !== '' && claimedAmount === undefined) errors.claimedAmount ??= 'Enter an amount';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: CreateClaimBody.parse(candidate) };
}
