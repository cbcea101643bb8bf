// Claims (issue 13): first notice of loss with its coverage check, the lifecycle, assignment,
// internal investigation notes and reserves. Imports only zod: the console imports this file too.
import { z } from 'zod';
import { CustomerRef, IsoDate, PageQuery, PersonRef, historyEntryOf, pageOf, sortQuery, type SortOf } from './common';
import { ChecklistItem } from './documents';
import type { PermissionGrants } from './grants';
import { FastTrackRule, LOSS_TYPES, LossType } from './products';

export { LOSS_TYPES, LossType };

export const CLAIM_STATUSES = [
  'draft',
  'submitted',
  'under_investigation',
  'assessed',
  'approved',
  'partially_approved',
  'rejected',
  'paid',
  'closed',
  'reopened',
  'withdrawn',
] as const;
export const ClaimStatus = z.enum(CLAIM_STATUSES).meta({ id: 'ClaimStatus' });
export type ClaimStatus = z.infer<typeof ClaimStatus>;

/** Statuses of a claim still being worked on (an adjuster's load; open claims show their age). */
export const OPEN_CLAIM_STATUSES = ['draft', 'submitted', 'under_investigation', 'assessed', 'reopened'] as const satisfies readonly ClaimStatus[];

export const REPORTER_KINDS = ['policyholder', 'beneficiary', 'third_party', 'agent_phone'] as const;
export const ReporterKind = z.enum(REPORTER_KINDS).meta({ id: 'ClaimReporterKind' });

const text = (max: number, message = 'Required') => z.string().trim().min(1, message).max(max, `At most ${max} characters`);
const minor = z.number().int('Use whole minor units (cents)').positive('Must be more than zero').max(Number.MAX_SAFE_INTEGER);

export const ClaimReporter = z
  .strictObject({
    kind: ReporterKind,
    name: text(200, 'Give the name of who reports the loss'),
    phone: z.string().trim().min(5, 'Give a phone number').max(40).optional(),
    email: z.email('Enter a valid email address').max(254).optional(),
    /** How the reporter relates to the policyholder (e.g. "spouse", "other driver"). */
    relationship: z.string().trim().max(100).optional(),
  })
  .refine((r) => r.phone || r.email, { message: 'Give a phone number or an email address to reach the reporter', path: ['phone'] })
  .meta({ id: 'ClaimReporter' });
export type ClaimReporter = z.infer<typeof ClaimReporter>;

/** What the coverage check needs: the policy, the date and kind of loss (and, for exclusions, the description). */
export const CoverageCheckBody = z
  .strictObject({
    policyId: z.uuid('Not a valid id'),
    lossDate: IsoDate(),
    lossType: LossType,
    description: z.string().trim().max(4000).optional(),
  })
  .meta({ id: 'ClaimCoverageCheckBody' });
export type CoverageCheckBody = z.infer<typeof CoverageCheckBody>;

export const CreateClaimBody = z
  .strictObject({
    policyId: z.uuid('Not a valid id'),
    lossDate: IsoDate(),
    /** Local time of the loss, HH:MM (24 h), when known. */
    lossTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM (24 h)')
      .optional(),
    lossType: LossType,
    description: text(4000, 'Say what happened'),
    location: text(300, 'Say where it happened'),
    reporter: ClaimReporter,
    /** Minor units of the policy's currency, when the reporter knows it. */
    claimedAmount: minor.optional(),
  })
  .meta({ id: 'CreateClaimBody' });
export type CreateClaimBody = z.infer<typeof CreateClaimBody>;

export const COVERAGE_CHECK_CODES = ['POLICY_IN_FORCE', 'LOSS_TYPE_COVERED', 'WAITING_PERIOD_PASSED', 'NO_EXCLUSION'] as const;
export const CoverageCheckItem = z
  .object({
    code: z.enum(COVERAGE_CHECK_CODES),
    passed: z.boolean(),
    /** Why, in words an agent can read out. */
    detail: z.string(),
  })
  .meta({ id: 'ClaimCoverageCheckItem' });

export const CoverageCheck = z
  .object({
    policyId: z.uuid(),
    policyNumber: z.string(),
    lossDate: z.string(),
    lossType: LossType,
    /** The version of the policy's terms in force on the loss date (null: none was). */
    termsVersion: z.number().int().nullable(),
    /** The policy's coverages that answer this loss type. */
    coverages: z.array(z.object({ code: z.string(), name: z.string(), sumInsured: z.number().int() })),
    checks: z.array(CoverageCheckItem),
    /** Any check failed: the claim is recorded but goes to an adjuster first. */
    coverageDoubtful: z.boolean(),
    reasons: z.array(z.string()),
  })
  .meta({ id: 'ClaimCoverageCheck' });
export type CoverageCheck = z.infer<typeof CoverageCheck>;

/** The documents a claim needs, by code (uploaded through the documents service, verified or rejected by an adjuster). */
export const CLAIM_DOCUMENTS = {
  DEATH_CERTIFICATE: 'Death certificate',
  MEDICAL_RECORDS: 'Medical records',
  POLICE_REPORT: 'Police report',
  REPAIR_ESTIMATE: 'Repair estimate',
  INVOICES: 'Invoices and receipts',
  PHOTOS: 'Photos of the damage',
} as const;
export type ClaimDocumentCode = keyof typeof CLAIM_DOCUMENTS;
/** What each kind of loss must be proven with: the claim's document checklist. */
export const REQUIRED_CLAIM_DOCUMENTS: Record<LossType, readonly ClaimDocumentCode[]> = {
  death: ['DEATH_CERTIFICATE', 'MEDICAL_RECORDS'],
  critical_illness: ['MEDICAL_RECORDS'],
  hospitalisation: ['MEDICAL_RECORDS', 'INVOICES'],
  accident: ['MEDICAL_RECORDS'],
  vehicle_collision: ['PHOTOS', 'REPAIR_ESTIMATE'],
  vehicle_theft: ['POLICE_REPORT'],
  fire: ['PHOTOS', 'REPAIR_ESTIMATE'],
  water_damage: ['PHOTOS', 'REPAIR_ESTIMATE'],
  storm: ['PHOTOS', 'REPAIR_ESTIMATE'],
  burglary: ['POLICE_REPORT', 'PHOTOS', 'INVOICES'],
  travel_medical: ['MEDICAL_RECORDS', 'INVOICES'],
  trip_cancellation: ['INVOICES'],
  baggage: ['INVOICES', 'POLICE_REPORT'],
};

export const RESERVE_KINDS = ['indemnity', 'expense'] as const;
export const ReserveKind = z.enum(RESERVE_KINDS).meta({ id: 'ClaimReserveKind' });
export type ReserveKind = z.infer<typeof ReserveKind>;

export const ClaimReserve = z.object({ coverage: z.string(), kind: ReserveKind, amount: z.number().int() }).meta({ id: 'ClaimReserve' });
export const ReserveChange = z
  .object({
    id: z.uuid(),
    coverage: z.string(),
    kind: ReserveKind,
    previousAmount: z.number().int(),
    newAmount: z.number().int(),
    reason: z.string(),
    /** posted (in the ledger), pending (above the requester's claim_amount limit) or declined. */
    status: z.enum(['posted', 'pending', 'declined']),
    requestedBy: PersonRef,
    requestedAt: z.iso.datetime(),
    decidedBy: z.union([PersonRef, z.null()]),
    decidedAt: z.union([z.iso.datetime(), z.null()]),
    decisionNote: z.string().nullable(),
    journalEntryId: z.uuid().nullable(),
  })
  .meta({ id: 'ClaimReserveChange' });
export type ReserveChange = z.infer<typeof ReserveChange>;

/** What an assessment decides, and the reason codes each decision takes. */
export const ASSESSMENT_DECISIONS = ['approve', 'partially_approve', 'reject'] as const;
export const AssessmentDecision = z.enum(ASSESSMENT_DECISIONS).meta({ id: 'ClaimAssessmentDecision' });
export type AssessmentDecision = z.infer<typeof AssessmentDecision>;
export const ASSESSMENT_REASON_CODES = {
  approve: ['APPROVED_IN_FULL'],
  partially_approve: ['DEDUCTIBLE_APPLIED', 'SUM_INSURED_EXHAUSTED', 'ITEMS_NOT_COVERED', 'AMOUNT_NOT_SUBSTANTIATED', 'UNDERINSURANCE'],
  reject: ['EXCLUSION_APPLIES', 'NOT_IN_FORCE', 'WAITING_PERIOD', 'LOSS_NOT_COVERED', 'MISREPRESENTATION', 'NO_EVIDENCE_OF_LOSS'],
} as const satisfies Record<AssessmentDecision, readonly string[]>;
export const AssessmentReasonCode = z
  .enum([...ASSESSMENT_REASON_CODES.approve, ...ASSESSMENT_REASON_CODES.partially_approve, ...ASSESSMENT_REASON_CODES.reject])
  .meta({ id: 'ClaimAssessmentReasonCode' });
export type AssessmentReasonCode = z.infer<typeof AssessmentReasonCode>;

/** The adjuster's assessment: the loss established per coverage, and the decision with its reason code. */
export const AssessClaimBody = z
  .strictObject({
    lines: z
      .array(
        z.strictObject({
          coverage: z.string().trim().min(1).max(40),
          /** The loss established for this coverage, before the deductible (minor units). */
          lossAmount: z.number().int('Use whole minor units (cents)').min(0, 'At least 0').max(Number.MAX_SAFE_INTEGER),
        }),
      )
      .max(20),
    decision: AssessmentDecision,
    reasonCode: AssessmentReasonCode,
    /** Required to partially approve (the reason) or reject (the clause). */
    reason: z.string().trim().min(1).max(1000).optional(),
  })
  .meta({ id: 'AssessClaimBody' });
export type AssessClaimBody = z.infer<typeof AssessClaimBody>;

export const AssessmentLine = z
  .object({
    coverage: z.string(),
    lossAmount: z.number().int(),
    sumInsured: z.number().int(),
    /** Paid or approved on this coverage by the policy's earlier claims. */
    usedByOtherClaims: z.number().int(),
    remainingSumInsured: z.number().int(),
    deductible: z.number().int(),
    /** min(loss − deductible, remaining sum insured), never below 0. */
    payable: z.number().int(),
    /** How the payable amount was reached, in words. */
    explanation: z.string(),
  })
  .meta({ id: 'ClaimAssessmentLine' });
export type AssessmentLine = z.infer<typeof AssessmentLine>;

export const ClaimAssessment = z
  .object({
    round: z.number().int(),
    lines: z.array(AssessmentLine),
    /** Σ payable: the amount to approve (0 for a rejection). */
    total: z.number().int(),
    decision: AssessmentDecision,
    reasonCode: AssessmentReasonCode,
    reason: z.string().nullable(),
    assessedBy: PersonRef,
    assessedAt: z.iso.datetime(),
    /** 1 within the manager's claim_amount limit, 2 above it (a second approver with a higher limit as well). */
    approvalsRequired: z.number().int(),
    approvals: z.array(z.object({ level: z.number().int(), approvedBy: PersonRef, approvedAt: z.iso.datetime(), amount: z.number().int() })),
  })
  .meta({ id: 'ClaimAssessment' });
export type ClaimAssessment = z.infer<typeof ClaimAssessment>;

/** The fraud rules (claims/fraud-rules.ts): each indicator says why it fired. */
export const FRAUD_RULE_CODES = ['EARLY_LOSS', 'NEAR_SUM_INSURED', 'FREQUENT_CLAIMS', 'LOSS_IN_GRACE', 'KYC_NOT_VERIFIED', 'DUPLICATE_CLAIM'] as const;
export const FraudRuleCode = z.enum(FRAUD_RULE_CODES).meta({ id: 'ClaimFraudRuleCode' });
export type FraudRuleCode = z.infer<typeof FraudRuleCode>;
export const FraudIndicator = z.object({ code: FraudRuleCode, weight: z.number().int(), severe: z.boolean(), reason: z.string() }).meta({ id: 'ClaimFraudIndicator' });
export type FraudIndicator = z.infer<typeof FraudIndicator>;
export const ClaimFraud = z
  .object({
    indicators: z.array(FraudIndicator),
    /** Σ the indicators' weights. */
    score: z.number().int(),
    /** At or above it (or with a severe indicator) the claim is referred to a manager. */
    threshold: z.number().int(),
    evaluatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ClaimFraud' });

export const REFERRAL_STATUSES = ['open', 'cleared', 'upheld'] as const;
export const ReferralStatus = z.enum(REFERRAL_STATUSES).meta({ id: 'ClaimReferralStatus' });
export type ReferralStatus = z.infer<typeof ReferralStatus>;
/** A referral to a manager: by the fraud rules at submission, or by an adjuster. Until cleared, nothing is paid. */
export const ClaimReferral = z
  .object({
    id: z.uuid(),
    source: z.enum(['rules', 'adjuster']),
    reason: z.string(),
    score: z.number().int(),
    status: ReferralStatus,
    referredBy: PersonRef,
    referredAt: z.iso.datetime(),
    decidedBy: z.union([PersonRef, z.null()]),
    decidedAt: z.union([z.iso.datetime(), z.null()]),
    decisionNote: z.string().nullable(),
  })
  .meta({ id: 'ClaimReferral' });
export type ClaimReferral = z.infer<typeof ClaimReferral>;

/** An adjuster refers a claim to a manager with the reason (whatever the score). */
export const ReferClaimBody = z.strictObject({ reason: text(1000, 'Say what looks wrong') }).meta({ id: 'ReferClaimBody' });
export type ReferClaimBody = z.infer<typeof ReferClaimBody>;
/** A manager's decision on the open referral: clear it (payments may go ahead) or uphold it (they stay blocked). */
export const DecideReferralBody = z
  .strictObject({ decision: z.enum(['clear', 'uphold']), note: text(1000, 'Record the reason for the decision') })
  .meta({ id: 'DecideClaimReferralBody' });
export type DecideReferralBody = z.infer<typeof DecideReferralBody>;

// --- Requests for information to the claimant (investigation)

export const INFORMATION_REQUEST_STATUSES = ['open', 'received', 'cancelled'] as const;
export const InformationRequestStatus = z.enum(INFORMATION_REQUEST_STATUSES).meta({ id: 'ClaimInformationRequestStatus' });
export type InformationRequestStatus = z.infer<typeof InformationRequestStatus>;
/** Claim statuses a request for information is made in: lodged and being investigated, not yet assessed. */
export const INFORMATION_REQUEST_CLAIM_STATUSES = ['submitted', 'under_investigation', 'reopened'] as const satisfies readonly ClaimStatus[];
/** The furthest a due date may be: so many calendar days after today. */
export const INFORMATION_DUE_MAX_DAYS = 90;

/**
 * What is wrong with a (well-formed) due date on the business date `today`: before today, or more
 * than INFORMATION_DUE_MAX_DAYS ahead. The API checks it with its clock; the console with the
 * business date from /api/system/info. Undefined when it is fine.
 */
export function informationDueProblem(dueOn: string, today: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dueOn) || !/^\d{4}-\d{2}-\d{2}$/.test(today)) return undefined;
  if (dueOn < today) return 'The due date cannot be in the past';
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  const latest = new Date(Date.UTC(y, m - 1, d + INFORMATION_DUE_MAX_DAYS)).toISOString().slice(0, 10);
  if (dueOn > latest) return `At most ${INFORMATION_DUE_MAX_DAYS} days ahead (${latest})`;
  return undefined;
}

export const CreateInformationRequestBody = z
  .strictObject({
    /** What the claimant is asked for, in words they can act on (sent to them as written). */
    items: text(2000, 'Say what the claimant should send or answer'),
    /** One of the claim's required documents this request is about (REQUIRED_CLAIM_DOCUMENTS of its loss type). */
    documentCode: z.enum(Object.keys(CLAIM_DOCUMENTS) as [ClaimDocumentCode, ...ClaimDocumentCode[]]).optional(),
    /** The date the claimant is asked to answer by: today at the earliest, at most 90 days ahead. */
    dueOn: IsoDate(),
  })
  .meta({ id: 'CreateClaimInformationRequestBody' });
export type CreateInformationRequestBody = z.infer<typeof CreateInformationRequestBody>;
export const ReceiveInformationRequestBody = z
  .strictObject({ note: z.string().trim().max(1000, 'At most 1000 characters').optional() })
  .meta({ id: 'ReceiveClaimInformationRequestBody' });
export type ReceiveInformationRequestBody = z.infer<typeof ReceiveInformationRequestBody>;
export const CancelInformationRequestBody = z.strictObject({ reason: text(1000, 'Say why the request is cancelled') }).meta({ id: 'CancelClaimInformationRequestBody' });
export type CancelInformationRequestBody = z.infer<typeof CancelInformationRequestBody>;

/** How the request reached the claimant: by email or text (to the reporter or the policyholder), or not at all (no address: phone them). */
export const InformationRequestDelivery = z
  .object({
    channel: z.union([z.enum(['email', 'sms']), z.null()]),
    /** Whose address: the claim's reporter, else the policyholder (null when not sent). */
    to: z.union([z.enum(['reporter', 'policyholder']), z.null()]),
    /** The address or number it went to (null when not sent). */
    recipient: z.string().nullable(),
  })
  .meta({ id: 'ClaimInformationRequestDelivery' });
export const InformationRequest = z
  .object({
    id: z.uuid(),
    claimId: z.uuid(),
    items: z.string(),
    documentCode: z.union([z.enum(Object.keys(CLAIM_DOCUMENTS) as [ClaimDocumentCode, ...ClaimDocumentCode[]]), z.null()]),
    dueOn: z.string(),
    /** Open past its due date (the business date). */
    overdue: z.boolean(),
    status: InformationRequestStatus,
    delivery: InformationRequestDelivery,
    requestedBy: PersonRef,
    requestedAt: z.iso.datetime(),
    /** Who marked it received or cancelled it, when, and their note (the reason of a cancellation). */
    closedBy: z.union([PersonRef, z.null()]),
    closedAt: z.union([z.iso.datetime(), z.null()]),
    closeNote: z.string().nullable(),
    history: z.array(historyEntryOf(InformationRequestStatus)),
    version: z.number().int(),
  })
  .meta({ id: 'ClaimInformationRequest' });
export type InformationRequest = z.infer<typeof InformationRequest>;
export const InformationRequestList = z
  .object({
    items: z.array(InformationRequest),
    /** The claim's version after the change (its ETag): the next change's If-Match. */
    claimVersion: z.number().int(),
  })
  .meta({ id: 'ClaimInformationRequestList' });
export type InformationRequestList = z.infer<typeof InformationRequestList>;

// --- Fast-track (issue 21): a first notice of loss the product version's rule admits is approved and
// paid straight through by the claims automation user; any other goes to the adjusters' queue with
// the reasons. Each condition of the rule that fails is one reason (code + words).
export const FAST_TRACK_REASON_CODES = [
  /** The product version has no fast-track rule (fast-track is off unless configured). */
  'NOT_CONFIGURED',
  /** A manager switched fast-track off for the product. */
  'SWITCHED_OFF',
  'LOSS_TYPE_NOT_ADMITTED',
  /** No amount was claimed: there is nothing to pay straight through. */
  'NO_AMOUNT',
  'ABOVE_MAXIMUM',
  /** The coverage check on the loss date failed (coverage doubtful). */
  'COVERAGE_NOT_CONFIRMED',
  /** The fraud rules flagged the claim (any indicator; identity has its own reason). */
  'FRAUD_INDICATOR',
  /** Another claim on the policy is not settled yet. */
  'OPEN_CLAIM_ON_POLICY',
  /** The customer's identity (KYC) is not verified. */
  'IDENTITY_NOT_VERIFIED',
  /** Above the claims automation role's claim_amount approval limit (or none set). */
  'ABOVE_SYSTEM_LIMIT',
  /** After the deductible (and what remains of the sum insured) nothing is payable. */
  'NOTHING_PAYABLE',
  /** The submission's reserve waits for approval above the adjuster's limit. */
  'RESERVE_PENDING',
  /** Admitted, but the straight-through processing was refused on the way (the code and words say why). */
  'STRAIGHT_THROUGH_FAILED',
] as const;
export const FastTrackReasonCode = z.enum(FAST_TRACK_REASON_CODES).meta({ id: 'FastTrackReasonCode' });
export type FastTrackReasonCode = z.infer<typeof FastTrackReasonCode>;
export const FastTrackReason = z.object({ code: FastTrackReasonCode, reason: z.string() }).meta({ id: 'FastTrackReason' });
export type FastTrackReason = z.infer<typeof FastTrackReason>;
export const FAST_TRACK_STATUSES = ['pending', 'paid', 'refused'] as const;
export const FastTrackStatus = z.enum(FAST_TRACK_STATUSES).meta({ id: 'FastTrackStatus' });
export type FastTrackStatus = z.infer<typeof FastTrackStatus>;
export const FAST_TRACK_REVIEW_STATUSES = ['pending', 'reviewed'] as const;
export const FastTrackReviewStatus = z.enum(FAST_TRACK_REVIEW_STATUSES).meta({ id: 'FastTrackReviewStatus' });
export const ClaimFastTrack = z
  .object({
    /** pending: admitted, being paid straight through; paid: approved and paid by the system; refused: in the adjusters' queue. */
    status: FastTrackStatus,
    reasons: z.array(FastTrackReason),
    /** The rule that was applied, as it stood (null: none configured). */
    rule: z.union([FastTrackRule, z.null()]),
    productVersion: z.object({ id: z.uuid(), productName: z.string(), versionNumber: z.number().int() }),
    suspended: z.boolean(),
    evaluatedAt: z.iso.datetime(),
    /** The payment made straight through (paid only). */
    paymentNumber: z.string().nullable(),
    /** The day's review sample: an adjuster looks at the claim after the fact. */
    review: z.union([
      z.object({ status: FastTrackReviewStatus, reviewer: z.union([PersonRef, z.null()]), note: z.string().nullable() }).meta({ id: 'ClaimFastTrackReview' }),
      z.null(),
    ]),
  })
  .meta({ id: 'ClaimFastTrack' });
export type ClaimFastTrack = z.infer<typeof ClaimFastTrack>;
/** An adjuster's review of a sampled fast-tracked claim. */
export const ReviewFastTrackBody = z.strictObject({ note: z.string().trim().min(3, 'Say what you found').max(2000) }).meta({ id: 'ReviewFastTrackBody' });
export type ReviewFastTrackBody = z.infer<typeof ReviewFastTrackBody>;

export const Claim = z
  .object({
    id: z.uuid(),
    claimNumber: z.string(),
    status: ClaimStatus,
    policy: z.object({ id: z.uuid(), policyNumber: z.string() }),
    customer: CustomerRef,
    branchId: z.uuid(),
    lossDate: z.string(),
    lossTime: z.string().nullable(),
    lossType: LossType,
    description: z.string(),
    location: z.string(),
    reporter: ClaimReporter,
    claimedAmount: z.number().int().nullable(),
    currency: z.string(),
    coverageCheck: CoverageCheck,
    coverageDoubtful: z.boolean(),
    assignee: z.union([PersonRef, z.null()]),
    submittedAt: z.union([z.iso.datetime(), z.null()]),
    decidedAt: z.union([z.iso.datetime(), z.null()]),
    /** Weekdays from the submission to the decision (null until decided). */
    processingBusinessDays: z.number().int().nullable(),
    /** Calendar days since the first notice, while the claim is open (null once decided, withdrawn or closed). */
    ageDays: z.number().int().nullable(),
    reserves: z.array(ClaimReserve),
    /** Σ reserves in force (indemnity and expense). */
    outstandingReserve: z.number().int(),
    /** The assessment in force (null before the first), with its approvals so far. */
    assessment: z.union([ClaimAssessment, z.null()]),
    /** The amount approved (set by the approval that decides the claim). */
    approvedAmount: z.number().int().nullable(),
    /** Σ payments made (claim payments). */
    paidAmount: z.number().int(),
    /** The fraud rules' verdict at submission (null before). */
    fraud: z.union([ClaimFraud, z.null()]),
    /** The latest referral to a manager (null: never referred); open or upheld blocks payments. */
    referral: z.union([ClaimReferral, z.null()]),
    /** The fast-track outcome at submission (null: not submitted yet, or submitted before fast-track existed). */
    fastTrack: z.union([ClaimFastTrack, z.null()]),
    /** The documents the loss type needs, each with its latest upload and where it stands. */
    documents: z.array(ChecklistItem),
    /** Requests for information to the claimant still waiting for an answer, the earliest due first. */
    openInformationRequests: z.array(
      z.object({ id: z.uuid(), items: z.string(), documentCode: z.string().nullable(), dueOn: z.string(), overdue: z.boolean() }).meta({ id: 'ClaimOpenInformationRequest' }),
    ),
    createdBy: PersonRef,
    createdAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .meta({ id: 'Claim' });
export type Claim = z.infer<typeof Claim>;

export const ClaimSummary = Claim.pick({
  id: true,
  claimNumber: true,
  status: true,
  policy: true,
  customer: true,
  branchId: true,
  lossDate: true,
  lossType: true,
  claimedAmount: true,
  currency: true,
  coverageDoubtful: true,
  assignee: true,
  ageDays: true,
  createdAt: true,
})
  .extend({
    referralStatus: z.union([ReferralStatus, z.null()]),
    fraudScore: z.number().int().nullable(),
    fastTrackStatus: z.union([FastTrackStatus, z.null()]),
    fastTrackReview: z.union([FastTrackReviewStatus, z.null()]),
  })
  .meta({ id: 'ClaimSummary' });
export type ClaimSummary = z.infer<typeof ClaimSummary>;
export const ClaimPage = pageOf(ClaimSummary).meta({ id: 'ClaimPage' });

/** The worklist's orders: `-createdAt` newest first (the default), `createdAt` oldest first (the age of open claims, highest first). */
export const CLAIM_SORTS = ['createdAt'] as const;
export type ClaimSort = SortOf<typeof CLAIM_SORTS>;
export const CLAIM_DEFAULT_SORT: ClaimSort = '-createdAt';

export const ClaimListQuery = PageQuery.extend({
  sort: sortQuery(CLAIM_SORTS, CLAIM_DEFAULT_SORT),
  status: ClaimStatus.optional(),
  /** `me`: assigned to the caller; `unassigned`: nobody yet. */
  assignee: z.enum(['me', 'unassigned']).optional(),
  policyId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  /** The managers' referral queue: `open` referrals (or cleared, upheld). */
  referral: ReferralStatus.optional(),
  /** The fast-track outcome: `paid` straight through, `refused` (in the queue with reasons), `pending`. */
  fastTrack: FastTrackStatus.optional(),
  /** The review sample: sampled fast-tracked claims waiting for review (`pending`) or `reviewed`. */
  fastTrackReview: FastTrackReviewStatus.optional(),
  /** `me`: the sampled claims given to the caller for review. */
  fastTrackReviewer: z.enum(['me']).optional(),
  /** `true`: the claims whose coverage check failed (they go to an adjuster first); `false`: the others. */
  coverageDoubtful: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type ClaimListQuery = z.infer<typeof ClaimListQuery>;

export const ClaimHistoryEntry = historyEntryOf(ClaimStatus).meta({ id: 'ClaimHistoryEntry' });
export const ClaimHistory = z.object({ items: z.array(ClaimHistoryEntry) }).meta({ id: 'ClaimHistory' });

/** A transition's body: the reason (required for withdraw, reject, partially-approve and reopen). */
export const ClaimTransitionBody = z.strictObject({ reason: z.string().trim().min(1).max(1000).optional() }).meta({ id: 'ClaimTransitionBody' });
export type ClaimTransitionBody = z.infer<typeof ClaimTransitionBody>;

/** The claim's transitions, each one endpoint: POST /api/claims/{id}/{action}. */
export const CLAIM_TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted', permission: 'claims:create', reasonRequired: false },
  withdraw: { from: ['draft', 'submitted'], to: 'withdrawn', permission: 'claims:create', reasonRequired: true },
  'start-investigation': { from: ['submitted', 'reopened'], to: 'under_investigation', permission: 'claims:investigate', reasonRequired: false },
  /** Takes an AssessClaimBody (its own route): the amounts per coverage and the decision. */
  assess: { from: ['under_investigation'], to: 'assessed', permission: 'claims:investigate', reasonRequired: false },
  approve: { from: ['assessed'], to: 'approved', permission: 'claims:decide', reasonRequired: false },
  'partially-approve': { from: ['assessed'], to: 'partially_approved', permission: 'claims:decide', reasonRequired: true },
  reject: { from: ['assessed'], to: 'rejected', permission: 'claims:decide', reasonRequired: true },
  close: { from: ['paid', 'rejected'], to: 'closed', permission: 'claims:investigate', reasonRequired: false },
  reopen: { from: ['closed'], to: 'reopened', permission: 'claims:investigate', reasonRequired: true },
} as const satisfies Record<string, { from: readonly ClaimStatus[]; to: ClaimStatus; permission: string; reasonRequired: boolean }>;
export type ClaimTransition = keyof typeof CLAIM_TRANSITIONS;
/** The transitions that decide a claim (they stop the processing clock). */
export const DECISION_STATUSES = ['approved', 'partially_approved', 'rejected'] as const satisfies readonly ClaimStatus[];

/** Manual assignment names the adjuster; without `assigneeId` the least loaded adjuster of the claim's branch gets it. */
export const AssignClaimBody = z.strictObject({ assigneeId: z.uuid('Not a valid id').optional() }).meta({ id: 'AssignClaimBody' });
export type AssignClaimBody = z.infer<typeof AssignClaimBody>;

export const CreateClaimNoteBody = z.strictObject({ body: text(4000, 'Write the note') }).meta({ id: 'CreateClaimNoteBody' });
export const ClaimNote = z.object({ id: z.uuid(), body: z.string(), createdBy: PersonRef, createdAt: z.iso.datetime() }).meta({ id: 'ClaimNote' });
export type ClaimNote = z.infer<typeof ClaimNote>;
export const ClaimNoteList = z.object({ items: z.array(ClaimNote) }).meta({ id: 'ClaimNoteList' });

export const ChangeReserveBody = z
  .strictObject({
    coverage: z.string().trim().min(1).max(40),
    kind: ReserveKind,
    /** The new reserve (minor units, 0 releases it). */
    amount: z.number().int('Use whole minor units (cents)').min(0, 'At least 0').max(Number.MAX_SAFE_INTEGER),
    reason: text(1000, 'Say why the reserve changes'),
  })
  .meta({ id: 'ChangeReserveBody' });
export type ChangeReserveBody = z.infer<typeof ChangeReserveBody>;
export const DecideReserveChangeBody = z
  .strictObject({ decision: z.enum(['approve', 'decline']), note: z.string().trim().max(1000).optional() })
  .meta({ id: 'DecideReserveChangeBody' });
export type DecideReserveChangeBody = z.infer<typeof DecideReserveChangeBody>;
export const ClaimReserves = z
  .object({
    currency: z.string(),
    reserves: z.array(ClaimReserve),
    outstandingReserve: z.number().int(),
    changes: z.array(ReserveChange),
    /** The claim's version after the change (its ETag): the next change's If-Match. */
    claimVersion: z.number().int(),
  })
  .meta({ id: 'ClaimReserves' });

export const CLAIM_PAYEE_KINDS = ['policyholder', 'beneficiary', 'hospital', 'repair_shop', 'third_party'] as const;
export const ClaimPayeeKind = z.enum(CLAIM_PAYEE_KINDS).meta({ id: 'ClaimPayeeKind' });
export type ClaimPayeeKind = z.infer<typeof ClaimPayeeKind>;
export const CLAIM_PAYMENT_METHODS = ['bank_transfer', 'check'] as const;
export const ClaimPaymentMethod = z.enum(CLAIM_PAYMENT_METHODS).meta({ id: 'ClaimPaymentMethod' });
export type ClaimPaymentMethod = z.infer<typeof ClaimPaymentMethod>;

export const PayClaimBody = z
  .strictObject({
    /** The coverage paid under: its indemnity reserve is what the payment consumes. */
    coverage: z.string().trim().min(1).max(40),
    amount: z.number().int('Use whole minor units (cents)').min(1, 'At least 1').max(Number.MAX_SAFE_INTEGER),
    payee: z.strictObject({
      kind: ClaimPayeeKind,
      /** Required except for the policyholder (whose name is taken from the customer). */
      name: z.string().trim().min(1).max(200).optional(),
      /** The bank account (IBAN or account number) or the check's address line, as the payee gave it. */
      account: z.string().trim().min(1).max(60).optional(),
    }),
    method: ClaimPaymentMethod,
    /** The last payment: the reserve left is released and the claim is settled (paid). */
    final: z.boolean().default(false),
    note: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'PayClaimBody' });
export type PayClaimBody = z.infer<typeof PayClaimBody>;

/** A death claim paid to the policy's beneficiaries by their shares (the terms in force on the loss date). */
export const PayBeneficiariesBody = z
  .strictObject({
    coverage: z.string().trim().min(1).max(40),
    /** The total to split (minor units): each entitled beneficiary gets their share of it, to the cent. */
    amount: z.number().int('Use whole minor units (cents)').min(1, 'At least 1').max(Number.MAX_SAFE_INTEGER),
    method: ClaimPaymentMethod,
    final: z.boolean().default(false),
    note: z.string().trim().max(1000).optional(),
    /** Beneficiaries named on the policy who died before the insured: the others take their part; no primary left, the contingent ones are paid. */
    predeceased: z.array(z.string().trim().min(1).max(200)).max(20).default([]),
    /** Where each beneficiary is paid (bank account or the check's address line), by the name on the policy. */
    accounts: z
      .array(z.strictObject({ name: z.string().trim().min(1).max(200), account: z.string().trim().min(1).max(60) }))
      .max(20)
      .default([]),
  })
  .meta({ id: 'PayClaimBeneficiariesBody' });
export type PayBeneficiariesBody = z.infer<typeof PayBeneficiariesBody>;

export const ClaimPayment = z
  .object({
    id: z.uuid(),
    paymentNumber: z.string(),
    claimId: z.uuid(),
    coverage: z.string(),
    payee: z.object({ kind: ClaimPayeeKind, name: z.string(), account: z.string().nullable() }),
    method: ClaimPaymentMethod,
    amount: z.number().int(),
    currency: z.string(),
    final: z.boolean(),
    note: z.string().nullable(),
    journalEntryId: z.uuid(),
    paidBy: PersonRef,
    paidAt: z.iso.datetime(),
  })
  .meta({ id: 'ClaimPayment' });
export type ClaimPayment = z.infer<typeof ClaimPayment>;
export const ClaimPayments = z
  .object({
    currency: z.string(),
    items: z.array(ClaimPayment),
    /** Σ payments. */
    paidAmount: z.number().int(),
    /** What may still be paid: the approved amount less what was paid (0 once settled). */
    payableLeft: z.number().int(),
    claimStatus: ClaimStatus,
    claimVersion: z.number().int(),
  })
  .meta({ id: 'ClaimPayments' });

export const CLAIMS_PERMISSIONS = {
  'claims:read': ['manager', 'senior_agent', 'agent', 'claims_adjuster'],
  /** Record a first notice of loss, submit it, withdraw it. */
  'claims:create': ['manager', 'senior_agent', 'agent', 'claims_adjuster'],
  /** Investigate: assignment, notes, assessment, closing and reopening. */
  'claims:investigate': ['manager', 'senior_agent', 'claims_adjuster'],
  /** Set and change reserves (within the claim_amount limit; above it they wait for approval). */
  'claims:reserve': ['manager', 'senior_agent', 'claims_adjuster'],
  /** Decide an assessed claim: approve, partially approve, reject. */
  'claims:decide': ['manager', 'senior_agent', 'claims_adjuster'],
  /** Pay an approved claim (each payment within the payer's claim_amount limit), partly or finally. */
  'claims:pay': ['manager', 'senior_agent', 'claims_adjuster'],
  /** Clear or uphold a claim referred for fraud indicators. */
  'claims:referrals': ['manager'],
} as const satisfies PermissionGrants;

export const CLAIMS_AUDIT_ACTIONS = [
  'claim.create',
  'claim.transition',
  'claim.assign',
  'claim.note',
  'claim.reserve_change',
  'claim.reserve_decide',
  'claim.assess',
  'claim.approve',
  'claim.pay',
  'claim.refer',
  'claim.referral_decide',
  'claim.information_request',
  'claim.information_received',
  'claim.information_cancel',
  'claim.fast_track',
  'claim.fast_track_sample',
  'claim.fast_track_review',
] as const;
export type ClaimsAuditAction = (typeof CLAIMS_AUDIT_ACTIONS)[number];

export const CLAIMS_ERROR_CODES = [
  /** The transition is not allowed from the claim's current status (409 with currentStatus). */
  'CLAIM_INVALID_TRANSITION',
  /** The named assignee is not an active adjuster, senior agent or manager of the claim's branch. */
  'CLAIM_ASSIGNEE_INVALID',
  /** Least-loaded assignment found no active adjuster in the claim's branch. */
  'CLAIM_NO_ADJUSTER',
  /** The loss date is after today. */
  'CLAIM_LOSS_IN_FUTURE',
  /** Reserves change, assignment, referral and requests for information only while the claim is open (409 with currentStatus). */
  'CLAIM_NOT_OPEN',
  /** The coverage is not one of the policy's coverages answering the claim's loss type. */
  'CLAIM_COVERAGE_INVALID',
  /** The reserve asked for is the reserve already held. */
  'CLAIM_RESERVE_UNCHANGED',
  /** A change of this reserve already waits for approval. */
  'CLAIM_RESERVE_PENDING',
  /** The reserve change is not pending (already decided). */
  'CLAIM_RESERVE_NOT_PENDING',
  /** The decision asked for is not the one the assessment made (409 with the assessment's decision). */
  'CLAIM_DECISION_MISMATCH',
  /** The assessment does not hold together (a reason code of another decision, an amount to approve of 0, a coverage twice). */
  'CLAIM_ASSESSMENT_INVALID',
  /** Only an approved or partially approved claim is paid (409 with currentStatus). */
  'CLAIM_NOT_PAYABLE',
  /** The payment would take the total paid above the approved amount (409 with payableLeft). */
  'CLAIM_PAYMENT_EXCEEDS_APPROVED',
  /** The payment is more than the coverage's indemnity reserve holds (409 with reserve). */
  'CLAIM_PAYMENT_EXCEEDS_RESERVE',
  /** A payee other than the policyholder needs a name. */
  'CLAIM_PAYEE_INVALID',
  /** The claim is referred to a manager (open or upheld): it is neither approved nor paid until the referral is cleared (409 with referralStatus). */
  'CLAIM_REFERRED',
  /** The claim already has an open referral. */
  'CLAIM_ALREADY_REFERRED',
  /** There is no open referral to decide. */
  'CLAIM_REFERRAL_NOT_OPEN',
  /** Only a death claim is paid to the policy's beneficiaries by their shares. */
  'CLAIM_NOT_A_DEATH_CLAIM',
  /** No beneficiary named on the policy survived the insured (409 with the names). */
  'CLAIM_NO_BENEFICIARY',
  /** Documents are taken while the claim is lodged and not closed or withdrawn. */
  'CLAIM_CLOSED',
  /** The due date of a request for information is before today or more than 90 days ahead (400 on dueOn). */
  'CLAIM_INFORMATION_DUE_INVALID',
  /** The request for information is no longer open (received or cancelled): it cannot change (409 with currentStatus). */
  'CLAIM_INFORMATION_REQUEST_CLOSED',
  /** The claim is not in a review sample waiting for review (409 with the review status). */
  'CLAIM_FAST_TRACK_NOT_IN_REVIEW',
] as const;
export type ClaimsErrorCode = (typeof CLAIMS_ERROR_CODES)[number];

/** One claim in the customer's 360° view (section `claims`, the newest five). */
export const ClaimSectionItem = z
  .object({
    id: z.uuid(),
    claimNumber: z.string(),
    policyId: z.uuid(),
    status: ClaimStatus,
    lossDate: z.string(),
    lossType: LossType,
    claimedAmount: z.number().int().nullable(),
    paidAmount: z.number().int(),
    currency: z.string(),
  })
  .meta({ id: 'ClaimSectionItem' });
export type ClaimSectionItem = z.infer<typeof ClaimSectionItem>;
