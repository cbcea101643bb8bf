import type { ClaimStatus, CoverageCheck, FraudRuleCode, LossType, ReferralStatus } from '@contracts/claims';
import type { ClaimReporter } from '@contracts/claims';

export const CLAIMS_PATH = '/claims';
export const claimPath = (id: string) => `/claims/${id}`;

export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  under_investigation: 'Under investigation',
  assessed: 'Assessed',
  approved: 'Approved',
  partially_approved: 'Partially approved',
  rejected: 'Rejected',
  paid: 'Paid',
  closed: 'Closed',
  reopened: 'Reopened',
  withdrawn: 'Withdrawn',
};

export const CLAIM_STATUS_COLORS: Record<ClaimStatus, string> = {
  draft: 'gray',
  submitted: 'blue',
  under_investigation: 'indigo',
  assessed: 'violet',
  approved: 'teal',
  partially_approved: 'lime',
  rejected: 'red',
  paid: 'green',
  closed: 'dark',
  reopened: 'orange',
  withdrawn: 'gray',
};

export const LOSS_TYPE_LABELS: Record<LossType, string> = {
  death: 'Death',
  critical_illness: 'Critical illness',
  hospitalisation: 'Hospitalisation',
  accident: 'Accident',
  vehicle_collision: 'Vehicle collision',
  vehicle_theft: 'Vehicle theft',
  fire: 'Fire',
  water_damage: 'Water damage',
  storm: 'Storm',
  burglary: 'Burglary',
  travel_medical: 'Travel medical',
  trip_cancellation: 'Trip cancellation',
  baggage: 'Baggage',
};

export const REPORTER_KIND_LABELS: Record<ClaimReporter['kind'], string> = {
  policyholder: 'Policyholder',
  beneficiary: 'Beneficiary',
  third_party: 'Third party',
  agent_phone: 'Agent on the phone',
};

export const COVERAGE_CHECK_LABELS: Record<CoverageCheck['checks'][number]['code'], string> = {
  POLICY_IN_FORCE: 'Policy in force on the loss date',
  LOSS_TYPE_COVERED: 'Loss type covered',
  WAITING_PERIOD_PASSED: 'Waiting period passed',
  NO_EXCLUSION: 'No exclusion applies',
};

export const RESERVE_KIND_LABELS = { indemnity: 'Indemnity', expense: 'Expense' } as const;

export const PAYEE_KIND_LABELS = {
  policyholder: 'Policyholder',
  beneficiary: 'Beneficiary',
  hospital: 'Hospital',
  repair_shop: 'Repair shop',
  third_party: 'Third party',
} as const;
export const PAYMENT_METHOD_LABELS = { bank_transfer: 'Bank transfer', check: 'Check' } as const;

export const ASSESSMENT_DECISION_LABELS = { approve: 'Approve in full', partially_approve: 'Approve in part', reject: 'Reject' } as const;

/** "DEDUCTIBLE_APPLIED" → "Deductible applied". */
export const reasonCodeLabel = (code: string) => {
  const words = code.replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const newClaimPath = (target: { policyId?: string; customerId?: string }) =>
  `/claims/new${target.policyId ? `?policyId=${target.policyId}` : target.customerId ? `?customerId=${target.customerId}` : ''}`;

/** A coverage's name as the policy's product calls it (the claim's coverage check lists those answering the loss), else its code. */
export const coverageName = (claim: { coverageCheck: Pick<CoverageCheck, 'coverages'> }, code: string) => claim.coverageCheck.coverages.find((c) => c.code === code)?.name ?? code;

export const FRAUD_RULE_LABELS: Record<FraudRuleCode, string> = {
  EARLY_LOSS: 'Loss soon after cover started or grew',
  NEAR_SUM_INSURED: 'Claimed at or near the sum insured',
  FREQUENT_CLAIMS: 'Several claims within 12 months',
  LOSS_IN_GRACE: 'Loss while a premium was overdue',
  KYC_NOT_VERIFIED: 'Identity (KYC) not verified',
  DUPLICATE_CLAIM: 'Same loss already claimed',
};

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = { open: 'Referred to a manager', cleared: 'Referral cleared', upheld: 'Referral upheld' };
export const REFERRAL_STATUS_COLORS: Record<ReferralStatus, string> = { open: 'orange', cleared: 'teal', upheld: 'red' };
