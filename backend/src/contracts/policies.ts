// Policies (contracts) issued from approved orders.
import { z } from 'zod';
import { CONTRACT_SUMMARY_FIELDS, CustomerRef, IsoDate, PageQuery, PersonRef, ProductVersionRef, SECTION_ITEM_FIELDS, historyEntryOf, sortQuery, type SortOf } from './common';
import type { PermissionGrants } from './grants';
import { Beneficiary, InsuredPerson, PaymentMethod } from './orders';
import { CoverageChoice, PaymentFrequency, Trip, WorksheetStep } from './products';

/** `grace`: a premium is overdue; the policy still covers until its grace period ends, then lapses. */
/** `terminated`: ended by the death of the insured (a termination transaction, issued with the death claim's approval). */
export const POLICY_STATUSES = ['active', 'grace', 'lapsed', 'cancelled', 'expired', 'surrendered', 'terminated'] as const;
export const PolicyStatus = z.enum(POLICY_STATUSES).meta({ id: 'PolicyStatus' });
export type PolicyStatus = z.infer<typeof PolicyStatus>;

export const Policy = z
  .object({
    id: z.uuid(),
    policyNumber: z.string(),
    status: PolicyStatus,
    order: z.object({ id: z.uuid(), orderNumber: z.string() }),
    customer: CustomerRef,
    insured: InsuredPerson.nullable(),
    product: ProductVersionRef,
    coverages: z.array(CoverageChoice),
    sumInsured: z.number().int(),
    currency: z.string(),
    annualPremium: z.number().int(),
    extraPremiumPercent: z.number().int().nullable(),
    exclusions: z.array(z.string()),
    paymentFrequency: PaymentFrequency,
    installments: z.object({ count: z.number().int(), amount: z.number().int(), firstAmount: z.number().int() }),
    /** null for a trip policy: it runs from the departure to the return date (`trip`). */
    termYears: z.number().int().nullable(),
    trip: z.union([Trip, z.null()]),
    startDate: z.string(),
    endDate: z.string(),
    beneficiaries: z.array(Beneficiary),
    paymentMethod: PaymentMethod.nullable(),
    branchId: z.uuid(),
    agent: PersonRef,
    issuedAt: z.iso.datetime(),
    history: z.array(historyEntryOf(PolicyStatus)),
    /** Grace and lapse: set while the policy is in grace or lapsed (see PolicyStanding). */
    standing: z.union([z.lazy(() => PolicyStanding), z.null()]),
    /** The version of the terms shown: the newest, or the one in force on `asOf`. */
    terms: z.object({ version: z.number().int(), effectiveFrom: z.string(), latestVersion: z.number().int(), asOf: z.union([z.string(), z.null()]) }),
    version: z.number().int(),
  })
  .meta({ id: 'Policy' });
export type Policy = z.infer<typeof Policy>;

export const PolicySummary = Policy.pick({ ...CONTRACT_SUMMARY_FIELDS, policyNumber: true, paymentFrequency: true, startDate: true, endDate: true, issuedAt: true }).meta({
  id: 'PolicySummary',
});
export type PolicySummary = z.infer<typeof PolicySummary>;

export const POLICY_SORTS = ['createdAt', 'policyNumber', 'customerName', 'status', 'startDate', 'annualPremium'] as const;
export type PolicySort = SortOf<typeof POLICY_SORTS>;

export const PolicyListQuery = PageQuery.extend({
  /** Newest first by default; `-field` is descending. */
  sort: sortQuery(POLICY_SORTS, '-createdAt'),
  status: PolicyStatus.optional(),
  productId: z.uuid().optional(),
  branchId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  agentId: z.uuid().optional(),
});
export type PolicyListQuery = z.infer<typeof PolicyListQuery>;
/** The list's filters and sort, for the CSV export. */
export const PolicyExportQuery = PolicyListQuery.omit({ limit: true, cursor: true });
export type PolicyExportQuery = z.infer<typeof PolicyExportQuery>;

/** `GET /policies/{id}?asOf=`: the terms in force on that date (claims check coverage with it). */
export const PolicyReadQuery = z.strictObject({ asOf: IsoDate().optional() });

// --- Policy transactions: every change to an issued policy (issue 12).

export const POLICY_TRANSACTION_TYPES = ['endorsement', 'renewal', 'cancellation', 'reinstatement', 'lapse', 'surrender', 'termination'] as const;
export const PolicyTransactionType = z.enum(POLICY_TRANSACTION_TYPES).meta({ id: 'PolicyTransactionType' });
export const POLICY_TRANSACTION_STATUSES = ['draft', 'quoted', 'issued', 'discarded'] as const;
export const PolicyTransactionStatus = z.enum(POLICY_TRANSACTION_STATUSES).meta({ id: 'PolicyTransactionStatus' });
export type PolicyTransactionStatus = z.infer<typeof PolicyTransactionStatus>;

/** What an endorsement changes; what it leaves out stays as it is. Beneficiaries change without re-rating. */
export const EndorsementChanges = z
  .strictObject({
    /** The coverages after the change: a sum insured raised or lowered, an optional coverage added or removed. */
    coverages: z.array(CoverageChoice).min(1, 'Keep at least one coverage').max(20).optional(),
    paymentFrequency: PaymentFrequency.optional(),
    /** A customer who stopped (or started) smoking. */
    smoker: z.boolean().optional(),
    /** The rating region (after a move). */
    region: z.string().trim().min(2).max(40).optional(),
    beneficiaries: z.array(Beneficiary).min(1, 'Name at least one beneficiary').max(20).optional(),
  })
  .refine((c) => Object.keys(c).length > 0, { message: 'Say what changes', path: ['changes'] })
  .meta({ id: 'EndorsementChanges', minProperties: 1 });
export type EndorsementChanges = z.infer<typeof EndorsementChanges>;

/** Why a policy is cancelled: the customer's reasons, or the insurer's for cause (managers only). */
export const CANCELLATION_REASONS = ['customer_request', 'replaced_elsewhere', 'affordability', 'moved_abroad', 'misrepresentation', 'fraud', 'other'] as const;
export const INSURER_CANCELLATION_REASONS: readonly CancellationReason[] = ['misrepresentation', 'fraud'];
export const CancellationReason = z.enum(CANCELLATION_REASONS).meta({ id: 'CancellationReason' });
export type CancellationReason = z.infer<typeof CancellationReason>;

/** What a cancellation records besides its date and reason text. */
export const CancellationDetails = z.strictObject({ cancellationReason: CancellationReason }).meta({ id: 'CancellationDetails' });
export type CancellationDetails = z.infer<typeof CancellationDetails>;

const transactionFields = {
  effectiveDate: IsoDate(),
  /** Who asked for the change. */
  requestedBy: z.enum(['policyholder', 'insurer']),
  reason: z.string().trim().min(3, 'Say why (at least 3 characters)').max(500),
};

/** A fresh health declaration: what a reinstatement after a long lapse (over 90 days) must bring for the underwriter. */
export const HealthDeclaration = z
  .strictObject({
    inGoodHealth: z.boolean(),
    /** Illnesses, treatment or changes in health since the policy lapsed; "none" when there are none. */
    changesSinceLapse: z.string().trim().min(2, 'Say what changed, or "none"').max(2000),
  })
  .meta({ id: 'HealthDeclaration' });
export type HealthDeclaration = z.infer<typeof HealthDeclaration>;

/** What a reinstatement records: the declaration when one was needed. */
export const ReinstatementDetails = z.strictObject({ healthDeclaration: z.union([HealthDeclaration, z.null()]) }).meta({ id: 'ReinstatementDetails' });
export type ReinstatementDetails = z.infer<typeof ReinstatementDetails>;

/** A surrender records nothing besides its date and reason. */
export const SurrenderDetails = z.strictObject({}).meta({ id: 'SurrenderDetails' });

/** What a lapse records: the grace period it ends. */
export const LapseDetails = z.strictObject({ graceSince: z.string(), graceEndedOn: z.string() }).meta({ id: 'LapseDetails' });
export type LapseDetails = z.infer<typeof LapseDetails>;

/** A termination on the insured's death: issued by claims with the death claim's approval (never created by hand). */
export const TerminationDetails = z
  .strictObject({ cause: z.literal('death'), dateOfDeath: z.string(), claimId: z.uuid(), claimNumber: z.string() })
  .meta({ id: 'TerminationDetails' });
export type TerminationDetails = z.infer<typeof TerminationDetails>;

export const CreatePolicyTransactionBody = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('endorsement'), ...transactionFields, changes: EndorsementChanges }),
    z.strictObject({ type: z.literal('cancellation'), ...transactionFields, cancellationReason: CancellationReason }),
    // The policyholder gives up a policy with a cash value for its surrender value.
    z.strictObject({ type: z.literal('surrender'), effectiveDate: transactionFields.effectiveDate, requestedBy: z.literal('policyholder'), reason: transactionFields.reason }),
    // Takes effect today: the day the arrears are settled and cover resumes.
    z.strictObject({
      type: z.literal('reinstatement'),
      requestedBy: transactionFields.requestedBy,
      reason: transactionFields.reason,
      healthDeclaration: HealthDeclaration.optional(),
    }),
  ])
  .meta({ id: 'CreatePolicyTransactionBody' });
export type CreatePolicyTransactionBody = z.infer<typeof CreatePolicyTransactionBody>;

export const DiscardPolicyTransactionBody = z
  .strictObject({ reason: z.string().trim().min(3, 'Say why (at least 3 characters)').max(500) })
  .meta({ id: 'DiscardPolicyTransactionBody' });

/** The terms one version of a policy holds. */
export const PolicyTerms = z
  .object({
    coverages: z.array(CoverageChoice),
    sumInsured: z.number().int(),
    annualPremium: z.number().int(),
    paymentFrequency: PaymentFrequency,
    installments: z.object({ count: z.number().int(), amount: z.number().int(), firstAmount: z.number().int() }),
    smoker: z.union([z.boolean(), z.null()]),
    region: z.union([z.string(), z.null()]),
    beneficiaries: z.array(Beneficiary),
  })
  .meta({ id: 'PolicyTerms' });
export type PolicyTerms = z.infer<typeof PolicyTerms>;

/** A renewal's re-pricing: the insured's new age on the product version in force on the renewal date, beside the old terms. */
export const RenewalQuote = z
  .object({
    renewalDate: z.string(),
    /** The last day of the new term. */
    newEndDate: z.string(),
    /** Prepared this many days (60, 30 or 7) before the renewal date. */
    noticeDays: z.number().int(),
    oldAge: z.number().int(),
    newAge: z.number().int(),
    oldProductVersion: z.object({ id: z.uuid(), versionNumber: z.number().int() }),
    newProductVersion: z.object({ id: z.uuid(), versionNumber: z.number().int() }),
    /** The current premium's worksheet (null when it no longer prices to the premium). */
    oldWorksheet: z.union([z.array(WorksheetStep), z.null()]),
    /** (new − old) / old in percent, one decimal ("7.5"). */
    changePercent: z.string(),
    /** The version renews by itself on the renewal date when the premium rises less than maxIncreasePercent. */
    autoRenew: z.object({ productAllows: z.boolean(), maxIncreasePercent: z.number(), applies: z.boolean() }),
  })
  .meta({ id: 'RenewalQuote' });
export type RenewalQuote = z.infer<typeof RenewalQuote>;

/** The re-rating of a change: the new premium's worksheet and the pro-rata amount for the rest of the policy year. */
export const PolicyTransactionQuote = z
  .object({
    worksheet: z.array(WorksheetStep),
    oldAnnualPremium: z.number().int(),
    newAnnualPremium: z.number().int(),
    policyYear: z.object({ number: z.number().int(), from: z.string(), to: z.string(), days: z.number().int() }),
    daysRemaining: z.number().int(),
    /** Old premium for the rest of the year (what the schedule already bills). */
    oldPremiumRemaining: z.number().int(),
    /** New premium for the rest of the year. */
    newPremiumRemaining: z.number().int(),
    /** newPremiumRemaining − oldPremiumRemaining: positive is owed, negative is returned as credit. */
    premiumDelta: z.number().int(),
    /** A cancellation's settlement: what this policy year billed and earned, and whether the free-look period applies. */
    cancellation: z
      .union([
        z.object({
          freeLook: z.boolean(),
          freeLookEndsOn: z.string(),
          /** Premium billed (net of earlier changes' credits) for the policy year, or since the start in the free-look period. */
          billed: z.number().int(),
          /** Premium earned up to the cancellation date (0 in the free-look period). */
          earned: z.number().int(),
          /** Short rate: the part of the year's unearned premium the insurer keeps (the product version's rate; customer cancellations after the free look). */
          shortRatePenalty: z.number().int().optional(),
          /** The product version's cancellation fee (customer cancellations after the free look). */
          fee: z.number().int().optional(),
        }),
        z.null(),
      ])
      .optional(),
    /** A surrender: the cash value on the date, the charge and what is paid. */
    surrender: z.union([z.lazy(() => SurrenderQuote), z.null()]).optional(),
    /** A renewal: the old and the new premium side by side (ages, product versions, worksheets). */
    renewal: z.union([RenewalQuote, z.null()]).optional(),
    /** A reinstatement: the lapse it ends and what must be paid first. */
    reinstatement: z.union([z.lazy(() => ReinstatementQuote), z.null()]).optional(),
  })
  .meta({ id: 'PolicyTransactionQuote' });
export type PolicyTransactionQuote = z.infer<typeof PolicyTransactionQuote>;

/** Arrears of a lapsed policy: unpaid invoices, installments that fell due while it was lapsed, the fee. */
export const PolicyArrears = z
  .object({
    unpaidInvoices: z.number().int(),
    missedInstallments: z.number().int(),
    reinstatementFee: z.number().int(),
    total: z.number().int(),
    /** The customer's unapplied credit in the policy's currency: it pays the arrears first. */
    credit: z.number().int(),
    /** total − credit, never below 0: what the customer must pay before the policy is reinstated. */
    toPay: z.number().int(),
  })
  .meta({ id: 'PolicyArrears' });
export type PolicyArrears = z.infer<typeof PolicyArrears>;

export const SurrenderQuote = z
  .object({
    coverage: z.string(),
    monthsInForce: z.number().int(),
    policyYear: z.number().int(),
    cashValue: z.number().int(),
    /** The version's charge for this policy year, in basis points of the cash value. */
    chargeBasisPoints: z.number().int(),
    charge: z.number().int(),
    /** cashValue − charge: paid to the customer's credit (set against what they owe, then refunded). */
    surrenderValue: z.number().int(),
  })
  .meta({ id: 'SurrenderQuote' });
export type SurrenderQuote = z.infer<typeof SurrenderQuote>;

export const ReinstatementQuote = z
  .object({
    lapsedOn: z.string(),
    /** Days without cover (lapsedOn up to the reinstatement date): the gap stays on record. */
    gapDays: z.number().int(),
    windowEndsOn: z.string(),
    /** A lapse older than 90 days: a fresh health declaration and an underwriter's approval. */
    needsUnderwriting: z.boolean(),
    arrears: PolicyArrears,
  })
  .meta({ id: 'ReinstatementQuote' });
export type ReinstatementQuote = z.infer<typeof ReinstatementQuote>;

export const PolicyBillingEffect = z
  .object({
    kind: z.enum(['none', 'invoice', 'credit']),
    amount: z.number().int(),
    invoice: z.union([z.object({ id: z.uuid(), invoiceNumber: z.string(), dueDate: z.string() }), z.null()]),
    ledgerEntryId: z.union([z.uuid(), z.null()]),
    /** When the new installments start (the next policy year), if they change. */
    newInstallmentsFrom: z.union([z.string(), z.null()]),
    description: z.string(),
  })
  .meta({ id: 'PolicyBillingEffect' });
export type PolicyBillingEffect = z.infer<typeof PolicyBillingEffect>;

export const PolicyTransactionReferral = z
  .object({
    status: z.enum(['pending', 'accepted', 'declined']),
    medicalExams: z.array(z.object({ exam: z.string(), rule: z.string(), description: z.string() })),
    referrals: z.array(z.object({ code: z.string(), message: z.string() })),
    decidedBy: z.union([PersonRef, z.null()]),
    decidedAt: z.union([z.iso.datetime(), z.null()]),
    note: z.union([z.string(), z.null()]),
  })
  .meta({ id: 'PolicyTransactionReferral' });
export type PolicyTransactionReferral = z.infer<typeof PolicyTransactionReferral>;

export const DecideReferralBody = z
  .strictObject({ decision: z.enum(['accept', 'decline']), note: z.string().trim().min(3, 'Say why (at least 3 characters)').max(1000) })
  .meta({ id: 'DecideReferralBody' });
export type DecideReferralBody = z.infer<typeof DecideReferralBody>;

/** Changes waiting for an underwriter (the queue's referred changes). */
export const ReferredTransactionsQuery = z.strictObject({ referral: z.literal('pending') });

/** Why a policy is not renewed: the customer's reasons, or the insurer's. */
export const CUSTOMER_NON_RENEWAL_REASONS = ['customer_declined', 'premium_too_high', 'replaced_elsewhere', 'no_longer_needed', 'no_response', 'other'] as const;
export const INSURER_NON_RENEWAL_REASONS = ['claims_experience', 'underwriting', 'product_withdrawn', 'not_eligible'] as const;
export const NonRenewalReason = z.enum([...CUSTOMER_NON_RENEWAL_REASONS, ...INSURER_NON_RENEWAL_REASONS]).meta({ id: 'NonRenewalReason' });
export type NonRenewalReason = z.infer<typeof NonRenewalReason>;

/** What a renewal records: the new term and, when it is not taken, who declined it and why. */
export const RenewalDetails = z
  .strictObject({
    renewalDate: z.string(),
    newEndDate: z.string(),
    productVersionId: z.uuid(),
    nonRenewal: z.union([z.object({ requestedBy: z.enum(['policyholder', 'insurer']), reasonCode: NonRenewalReason, note: z.union([z.string(), z.null()]) }), z.null()]),
  })
  .meta({ id: 'RenewalDetails' });
export type RenewalDetails = z.infer<typeof RenewalDetails>;

export const DeclineRenewalBody = z
  .strictObject({
    requestedBy: z.enum(['policyholder', 'insurer']),
    reasonCode: NonRenewalReason,
    note: z.string().trim().min(3, 'At least 3 characters').max(500).optional(),
  })
  .superRefine((b, ctx) => {
    const insurer = (INSURER_NON_RENEWAL_REASONS as readonly string[]).includes(b.reasonCode);
    if (insurer !== (b.requestedBy === 'insurer')) ctx.addIssue({ code: 'custom', path: ['reasonCode'], message: `Not a reason of the ${b.requestedBy}` });
  })
  .meta({ id: 'DeclineRenewalBody' });
export type DeclineRenewalBody = z.infer<typeof DeclineRenewalBody>;

export const RENEWAL_STATUSES = ['offered', 'accepted', 'declined'] as const;
export const RenewalStatus = z.enum(RENEWAL_STATUSES).meta({ id: 'RenewalStatus' });

export const RenewalListQuery = PageQuery.extend({
  /** Renewal dates from today to today + dueWithin days (default 60). */
  dueWithin: z.coerce.number().int('Whole days').min(0, 'Not below zero').max(366, 'At most 366').default(60),
  status: RenewalStatus.optional(),
});
export type RenewalListQuery = z.infer<typeof RenewalListQuery>;

/** One renewal in the worklist. */
export const RenewalItem = z
  .object({
    transactionId: z.uuid(),
    transactionNumber: z.string(),
    version: z.number().int(),
    status: RenewalStatus,
    renewalDate: z.string(),
    policy: z.object({ id: z.uuid(), policyNumber: z.string(), productName: z.string(), endDate: z.string() }),
    customer: CustomerRef,
    agent: PersonRef,
    branchId: z.uuid(),
    currency: z.string(),
    oldAnnualPremium: z.number().int(),
    newAnnualPremium: z.union([z.number().int(), z.null()]),
    changePercent: z.union([z.string(), z.null()]),
    nonRenewalReason: z.union([NonRenewalReason, z.null()]),
  })
  .meta({ id: 'RenewalItem' });
export type RenewalItem = z.infer<typeof RenewalItem>;

export const RenewalRateQuery = z
  .strictObject({
    from: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use the format YYYY-MM'),
    to: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Use the format YYYY-MM'),
  })
  .superRefine((q, ctx) => {
    if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
    const months = (Number(q.to.slice(0, 4)) - Number(q.from.slice(0, 4))) * 12 + Number(q.to.slice(5)) - Number(q.from.slice(5));
    if (months > 120) ctx.addIssue({ code: 'custom', path: ['to'], message: 'At most 120 months' });
  });
export type RenewalRateQuery = z.infer<typeof RenewalRateQuery>;

/** Renewals by month of their renewal date: due (every renewal prepared), renewed (accepted), declined, still open; rate = renewed ÷ due. */
export const RenewalRate = z
  .object({
    months: z.array(
      z.object({
        month: z.string(),
        due: z.number().int(),
        renewed: z.number().int(),
        declined: z.number().int(),
        open: z.number().int(),
        /** renewed ÷ due as a decimal with 4 places ("0.8333"); null when nothing was due. */
        rate: z.union([z.string(), z.null()]),
      }),
    ),
  })
  .meta({ id: 'RenewalRate' });
export type RenewalRate = z.infer<typeof RenewalRate>;

export const PolicyTransaction = z
  .object({
    id: z.uuid(),
    transactionNumber: z.string(),
    policy: z.object({ id: z.uuid(), policyNumber: z.string(), currency: z.string() }),
    type: PolicyTransactionType,
    status: PolicyTransactionStatus,
    effectiveDate: z.string(),
    requestedBy: z.enum(['policyholder', 'insurer']),
    reason: z.string(),
    changes: z.union([EndorsementChanges, CancellationDetails, ReinstatementDetails, LapseDetails, SurrenderDetails, RenewalDetails, TerminationDetails]),
    baseTermsVersion: z.number().int(),
    newTerms: z.union([PolicyTerms, z.null()]),
    quote: z.union([PolicyTransactionQuote, z.null()]),
    billingEffect: z.union([PolicyBillingEffect, z.null()]),
    resultTermsVersion: z.union([z.number().int(), z.null()]),
    /** A change that needs an underwriter: what the product's rules ask for, and the decision. */
    referral: z.union([PolicyTransactionReferral, z.null()]),
    /** null: a scheduled job (a lapse at the end of grace). */
    createdBy: z.union([PersonRef, z.null()]),
    createdAt: z.iso.datetime(),
    issuedBy: z.union([PersonRef, z.null()]),
    issuedAt: z.union([z.iso.datetime(), z.null()]),
    history: z.array(historyEntryOf(PolicyTransactionStatus)),
    version: z.number().int(),
  })
  .meta({ id: 'PolicyTransaction' });
export type PolicyTransaction = z.infer<typeof PolicyTransaction>;

/** The guaranteed cash value of a policy on a date (products with a cash-value table: whole life). */
export const PolicyCashValue = z
  .object({
    asOf: z.string(),
    coverage: z.string(),
    sumInsured: z.number().int(),
    currency: z.string(),
    monthsInForce: z.number().int(),
    policyYear: z.number().int(),
    /** Per 1,000 of the coverage's sum insured, an exact decimal. */
    perThousand: z.string(),
    cashValue: z.number().int(),
  })
  .meta({ id: 'PolicyCashValue' });
export type PolicyCashValue = z.infer<typeof PolicyCashValue>;

/** One version of a policy's terms, for the policy page's timeline. */
export const PolicyVersion = z
  .object({
    version: z.number().int(),
    effectiveFrom: z.string(),
    transaction: z.union([z.object({ id: z.uuid(), transactionNumber: z.string(), type: PolicyTransactionType }), z.null()]),
    terms: PolicyTerms,
    createdBy: PersonRef,
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'PolicyVersion' });
export type PolicyVersion = z.infer<typeof PolicyVersion>;

/** Where a policy stands on its premiums: in grace (until when) or lapsed (since when, reinstatable until when). */
export const PolicyStanding = z
  .object({
    graceSince: z.union([z.string(), z.null()]),
    /** The last day of grace: the policy lapses the day after unless the arrears are paid. */
    graceEndsOn: z.union([z.string(), z.null()]),
    lapsedOn: z.union([z.string(), z.null()]),
    /** The last day a lapsed policy can be reinstated (the product version's window). */
    reinstatableUntil: z.union([z.string(), z.null()]),
    /** A manager must decide whether this grace period ends in a lapse (a pending change or an open claim). */
    lapseReview: z.union([z.object({ id: z.uuid(), reasons: z.array(z.string()), version: z.number().int() }), z.null()]),
  })
  .meta({ id: 'PolicyStanding' });
export type PolicyStanding = z.infer<typeof PolicyStanding>;

export const STANDING_WORKLISTS = ['grace', 'lapsed', 'review'] as const;
export const StandingWorklistQuery = PageQuery.extend({
  /** grace: in grace, lapsing first; lapsed: lapsed and still reinstatable; review: waiting on a manager's lapse decision. */
  list: z.enum(STANDING_WORKLISTS),
}).meta({ id: 'StandingWorklistQuery' });
export type StandingWorklistQuery = z.infer<typeof StandingWorklistQuery>;

export const StandingWorklistItem = z
  .object({
    policyId: z.uuid(),
    policyNumber: z.string(),
    status: PolicyStatus,
    customer: CustomerRef,
    product: z.object({ name: z.string(), category: z.string() }),
    branchId: z.uuid(),
    agent: PersonRef,
    currency: z.string(),
    installmentAmount: z.number().int(),
    standing: PolicyStanding,
    version: z.number().int(),
  })
  .meta({ id: 'StandingWorklistItem' });
export type StandingWorklistItem = z.infer<typeof StandingWorklistItem>;

export const LapseReviewDecisionBody = z
  .discriminatedUnion('decision', [
    z.strictObject({ decision: z.literal('lapse'), note: z.string().trim().min(3, 'Say why (at least 3 characters)').max(500) }),
    z.strictObject({ decision: z.literal('extend'), note: z.string().trim().min(3, 'Say why (at least 3 characters)').max(500), extendTo: IsoDate() }),
  ])
  .meta({ id: 'LapseReviewDecisionBody' });
export type LapseReviewDecisionBody = z.infer<typeof LapseReviewDecisionBody>;

/** A notice to the agent and on the customer's 360° view: grace started, lapse in 7 days, lapsed, reinstated. */
export const PolicyNotice = z
  .object({
    id: z.uuid(),
    policyId: z.uuid(),
    policyNumber: z.string(),
    kind: z.enum(['grace_started', 'lapse_warning', 'lapsed', 'reinstated']),
    message: z.string(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'PolicyNotice' });
export type PolicyNotice = z.infer<typeof PolicyNotice>;

/** One policy in the customer's 360° view (the newest few). */
export const PolicySectionItem = z
  .object({ ...SECTION_ITEM_FIELDS, policyNumber: z.string(), status: PolicyStatus, startDate: z.string(), endDate: z.string() })
  .meta({ id: 'PolicySectionItem' });
export type PolicySectionItem = z.infer<typeof PolicySectionItem>;

// --- What the policies module declares (the console uses these too).
export const POLICIES_PERMISSIONS = {
  'policies:read': ['manager', 'senior_agent', 'agent', 'underwriter', 'claims_adjuster', 'finance', 'finance_manager'],
  /** Quote, issue and discard changes to a policy (endorsements). */
  'policies:service': ['manager', 'senior_agent', 'agent'],
  /** Make a change effective before today. */
  'policies:backdate': ['manager', 'senior_agent'],
  /** Cancel a policy for cause (misrepresentation, fraud). */
  'policies:cancel-for-cause': ['manager'],
  'policies:export': ['manager'],
  /** The renewal rate per month (the KPI). */
  'policies:renewal-rate': ['manager'],
  /** Decide whether a grace period a job may not end on its own (a pending change, an open claim) ends in a lapse. */
  'policies:lapse-review': ['manager'],
} as const satisfies PermissionGrants;

export const POLICIES_AUDIT_ACTIONS = [
  'policy.issue',
  'policy.export',
  'policy.transaction_quote',
  'policy.transaction_issue',
  'policy.transaction_discard',
  'policy.transaction_referral_decide',
  'policy.renewal_offer',
  'policy.renewal_decline',
  'policy.expire',
  'policy.grace_start',
  'policy.grace_end',
  'policy.lapse_review',
  'policy.lapse_review_decide',
] as const;
export type PoliciesAuditAction = (typeof POLICIES_AUDIT_ACTIONS)[number];

export const POLICIES_ERROR_CODES = [
  'POLICY_NOT_SERVICEABLE',
  'POLICY_TRANSACTION_STALE',
  'POLICY_TRANSACTION_NOT_OPEN',
  'POLICY_TRANSACTION_NOT_ELIGIBLE',
  'POLICY_NOT_REPRODUCIBLE',
  'POLICY_TRANSACTION_REFERRED',
  'POLICY_TRANSACTION_NOT_REFERRED',
  'BACKDATING_NOT_ALLOWED',
  'POLICY_NO_CASH_VALUE',
  'POLICY_TRANSACTION_NOT_RENEWAL',
  'POLICY_TRANSACTION_IS_RENEWAL',
  'REINSTATEMENT_WINDOW_CLOSED',
  'REINSTATEMENT_ARREARS_UNPAID',
  'LAPSE_REVIEW_DECIDED',
] as const;
export type PoliciesErrorCode = (typeof POLICIES_ERROR_CODES)[number];
