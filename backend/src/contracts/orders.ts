// Orders (applications): from a saved quote to a decision. Request objects are strict.
import { z } from 'zod';
import {
  CONTRACT_SUMMARY_FIELDS,
  CustomerRef,
  Gender,
  IsoDate,
  IsoDateTime,
  PAGE_LIMIT_MAX,
  PageQuery,
  PersonRef,
  ProductVersionRef,
  SECTION_ITEM_FIELDS,
  historyEntryOf,
  sortQuery,
  type SortOf,
} from './common';
import { ChecklistItem } from './documents';
import type { PermissionGrants } from './grants';
import { CoverageChoice, ExamType, PaymentFrequency, PriceBreakdown, QuoteRequirements, Trip } from './products';

export const ORDER_STATUSES = ['draft', 'submitted', 'in_underwriting', 'info_requested', 'approved', 'declined', 'withdrawn'] as const;
export const OrderStatus = z.enum(ORDER_STATUSES).meta({ id: 'OrderStatus' });
export type OrderStatus = z.infer<typeof OrderStatus>;

const isoDate = IsoDate();
export const DECLINE_REASONS = ['medical', 'financial', 'occupation', 'lifestyle', 'non_disclosure', 'outside_guidelines', 'other'] as const;

const name = z.string().trim().min(1, 'Required').max(100, 'Use at most 100 characters');

/** Shares are percentages with at most two decimals; each tier's shares add up to exactly 100. */
export const Beneficiary = z
  .strictObject({
    name: z.string().trim().min(1, 'Required').max(200),
    relationship: z.enum(['spouse', 'partner', 'child', 'parent', 'sibling', 'other_relative', 'estate', 'trust', 'other']),
    dateOfBirth: isoDate.optional(),
    share: z.number().gt(0, 'Must be more than 0').max(100, 'At most 100').multipleOf(0.01, 'Use at most two decimals'),
    tier: z.enum(['primary', 'contingent']),
  })
  .meta({ id: 'Beneficiary' });
export type Beneficiary = z.infer<typeof Beneficiary>;

export const InsuredPerson = z
  .strictObject({ firstName: name, lastName: name, dateOfBirth: isoDate, gender: Gender, relationship: z.enum(['spouse', 'partner', 'child', 'parent', 'employee', 'other']) })
  .meta({ id: 'InsuredPerson' });

/** Answers by question code: yes/no questions take `{ answer: boolean, details? }`, others a number or text. */
export const DeclarationAnswer = z.strictObject({
  answer: z.union([z.boolean(), z.number(), z.string().trim().min(1).max(2000)]),
  details: z.string().trim().min(1).max(2000).optional(),
});
export type DeclarationAnswer = z.infer<typeof DeclarationAnswer>;

/** What the agent types; only a masked form (and a token) is ever stored. */
export const PaymentMethodInput = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('card'),
      cardNumber: z.string().regex(/^[0-9 ]{12,23}$/, 'Enter the card number (digits)'),
      expiryMonth: z.number().int().min(1).max(12),
      expiryYear: z.number().int().min(2000).max(2100),
      holderName: z.string().trim().min(1).max(100),
    }),
    z.strictObject({
      type: z.literal('bank_account'),
      accountNumber: z.string().regex(/^[0-9A-Z ]{6,34}$/, 'Enter the account number or IBAN'),
      routingNumber: z
        .string()
        .regex(/^[0-9]{9}$/, 'Use the 9-digit routing number')
        .optional(),
      holderName: z.string().trim().min(1).max(100),
    }),
  ])
  .meta({ id: 'PaymentMethodInput' });
export type PaymentMethodInput = z.infer<typeof PaymentMethodInput>;

export const PaymentMethod = z
  .object({ type: z.enum(['card', 'bank_account']), token: z.string(), last4: z.string(), brand: z.string().optional(), expiry: z.string().optional(), holderName: z.string() })
  .meta({ id: 'PaymentMethod' });
export type PaymentMethod = z.infer<typeof PaymentMethod>;

export const CreateOrderBody = z.strictObject({ quoteId: z.uuid('Not a valid quote id') }).meta({ id: 'CreateOrderBody' });

export const UpdateOrderBody = z
  .strictObject({
    /** null: the policyholder is the insured person. */
    insured: InsuredPerson.nullable().optional(),
    beneficiaries: z.array(Beneficiary).max(20).optional(),
    declarations: z.record(z.string(), DeclarationAnswer).optional(),
    paymentMethod: PaymentMethodInput.optional(),
    /** Not for a trip: its policy starts on the departure date. */
    requestedStartDate: isoDate.nullable().optional(),
  })
  .meta({ id: 'UpdateOrderBody' });
export type UpdateOrderBody = z.infer<typeof UpdateOrderBody>;

export const ReasonBody = z.strictObject({ reason: z.string().trim().min(3, 'Say why (at least 3 characters)').max(2000) }).meta({ id: 'ReasonBody' });
export const DeclineOrderBody = z
  .strictObject({ reasonCode: z.enum(DECLINE_REASONS), note: z.string().trim().min(3, 'Explain the decision (at least 3 characters)').max(4000) })
  .meta({ id: 'DeclineOrderBody' });
const extraPremiumPercent = z.number().int('Use a whole percentage').min(1, 'At least 1%').max(500, 'At most 500%');
/** Approve as quoted, or with a rating: an extra premium and/or exclusions. */
export const ApproveOrderBody = z
  .strictObject({
    extraPremiumPercent: extraPremiumPercent.optional(),
    exclusions: z.array(z.string().trim().min(3).max(300)).max(10).optional(),
    note: z.string().trim().max(4000).optional(),
  })
  .meta({ id: 'ApproveOrderBody' });
export type ApproveOrderBody = z.infer<typeof ApproveOrderBody>;
export const RatingPreviewBody = z.strictObject({ extraPremiumPercent }).meta({ id: 'RatingPreviewBody' });
export { PriceBreakdown };
export const WaiveDocumentBody = z
  .strictObject({
    code: z.string().regex(/^[A-Z][A-Z0-9_]{1,29}$/, 'Name the required document, e.g. PROOF_OF_IDENTITY'),
    reason: z.string().trim().min(3, 'Say why it is not needed (at least 3 characters)').max(2000),
  })
  .meta({ id: 'WaiveDocumentBody' });
export const SubmitOrderBody = z.strictObject({ response: z.string().trim().min(1).max(4000).optional() }).meta({ id: 'SubmitOrderBody' });

// --- Medical exams (lab orders)

export const EXAM_STATUSES = ['required', 'ordered', 'scheduled', 'completed', 'results_received', 'waived', 'cancelled'] as const;
export const ExamStatus = z.enum(EXAM_STATUSES).meta({ id: 'ExamStatus' });
export type ExamStatus = z.infer<typeof ExamStatus>;

export const KeyResult = z.strictObject({
  name: z.string().trim().min(1).max(100),
  value: z.string().trim().min(1).max(100),
  unit: z.string().trim().max(30).optional(),
  abnormal: z.boolean().optional(),
});

export const Exam = z
  .object({
    id: z.uuid(),
    orderId: z.uuid(),
    orderNumber: z.string(),
    customer: PersonRef,
    examType: ExamType,
    rule: z.string(),
    reason: z.string(),
    status: ExamStatus,
    labPartner: z.string().nullable(),
    labOrderReference: z.string().nullable(),
    scheduledAt: z.iso.datetime().nullable(),
    location: z.string().nullable(),
    completedOn: z.string().nullable(),
    keyResults: z.array(KeyResult).nullable(),
    resultDocumentId: z.uuid().nullable(),
    waiveReason: z.string().nullable(),
    cancelReason: z.string().nullable(),
    /** By when the next step is expected; past it (and not finished) the exam is overdue. */
    dueOn: z.string(),
    overdue: z.boolean(),
    branchId: z.uuid(),
    version: z.number().int(),
  })
  .meta({ id: 'Exam' });
export type Exam = z.infer<typeof Exam>;

export const OrderExamBody = z.strictObject({ labPartner: z.string().trim().min(1), labOrderReference: z.string().trim().min(3).max(60) }).meta({ id: 'OrderExamBody' });
export const ScheduleExamBody = z
  .strictObject({ scheduledAt: IsoDateTime({ offset: true, message: 'Use a date and time such as 2026-12-01T09:30:00Z' }), location: z.string().trim().min(3).max(300) })
  .meta({ id: 'ScheduleExamBody' });
export const CompleteExamBody = z.strictObject({ completedOn: isoDate }).meta({ id: 'CompleteExamBody' });
export const ExamResultsBody = z
  .strictObject({ keyResults: z.array(KeyResult).min(1, 'Record at least one result').max(30), resultDocumentId: z.uuid().optional() })
  .meta({ id: 'ExamResultsBody' });
/** urgency: overdue first (oldest due date first), then the rest by due date, finished ones (results received, waived) last. */
export const EXAM_SORTS = ['urgency', 'dueOn', 'status', 'customerName', 'orderNumber'] as const;
export type ExamSort = SortOf<typeof EXAM_SORTS>;

export const ExamListQuery = PageQuery.extend({
  sort: sortQuery(EXAM_SORTS, 'urgency'),
  status: ExamStatus.optional(),
  /** true: only exams still to be done (not results_received, waived or cancelled). */
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** false: leave out finished exams (results received, waived) — the console's default; true: only those. */
  finished: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  branchId: z.uuid().optional(),
  orderId: z.uuid().optional(),
});
export type ExamListQuery = z.infer<typeof ExamListQuery>;
export const ExamExportQuery = ExamListQuery.omit({ limit: true, cursor: true });
export type ExamExportQuery = z.infer<typeof ExamExportQuery>;

export const OrderHistoryEntry = historyEntryOf(OrderStatus);

export const Order = z
  .object({
    id: z.uuid(),
    orderNumber: z.string(),
    status: OrderStatus,
    quoteId: z.uuid(),
    quoteNumber: z.string(),
    customer: CustomerRef,
    insured: InsuredPerson.nullable(),
    branchId: z.uuid(),
    agent: PersonRef,
    product: ProductVersionRef,
    coverages: z.array(CoverageChoice),
    sumInsured: z.number().int(),
    /** null for a trip: the policy lasts for the trip. */
    termYears: z.number().int().nullable(),
    /** The trip a trip product's application insures (its dates become the policy's), else null. */
    trip: z.union([Trip, z.null()]),
    paymentFrequency: PaymentFrequency,
    currency: z.string(),
    /** The premium of a policy year; for a trip (frequency `single`) the one single premium. */
    annualPremium: z.number().int(),
    beneficiaries: z.array(Beneficiary),
    declarations: z.record(z.string(), DeclarationAnswer),
    paymentMethod: PaymentMethod.nullable(),
    requestedStartDate: z.string().nullable(),
    requirements: QuoteRequirements,
    /** The product version's required documents and where each stands (latest upload per document). */
    documents: z.array(ChecklistItem),
    /** Medical exams the product's rules require for this application. */
    exams: z.array(Exam),
    /** The underwriter's rating, once approved with one. */
    extraPremiumPercent: z.number().int().nullable(),
    exclusions: z.array(z.string()),
    /** The premium the policy was issued with (the quoted one, or rated). */
    approvedAnnualPremium: z.number().int().nullable(),
    policyId: z.uuid().nullable(),
    submittedAt: z.iso.datetime().nullable(),
    infoRequest: z.string().nullable(),
    /** Who took it for review. */
    underwriter: PersonRef.nullable(),
    /** The decision: who, when, the note, and for a decline its reason code. */
    decidedBy: PersonRef.nullable(),
    decisionNote: z.string().nullable(),
    declineReason: z.enum(DECLINE_REASONS).nullable(),
    decidedAt: z.iso.datetime().nullable(),
    processingBusinessDays: z.number().int().nullable(),
    history: z.array(OrderHistoryEntry),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof Order>;

export const OrderSummary = Order.pick({ ...CONTRACT_SUMMARY_FIELDS, orderNumber: true, agent: true, submittedAt: true, createdAt: true, version: true }).meta({
  id: 'OrderSummary',
});
export type OrderSummary = z.infer<typeof OrderSummary>;

export const UnderwritingQueueItem = OrderSummary.extend({
  /** high: a referral reason or a sum insured of 1,000,000 or more; else normal. */
  priority: z.enum(['high', 'normal']),
  referrals: z.array(z.object({ code: z.string(), message: z.string() })),
  /** Business days since (re)submission. */
  ageBusinessDays: z.number().int(),
  underwriter: PersonRef.nullable(),
}).meta({ id: 'UnderwritingQueueItem' });
export type UnderwritingQueueItem = z.infer<typeof UnderwritingQueueItem>;

/** priority: high priority first, then the longest waiting (the default); the others as named. */
export const QUEUE_SORTS = ['priority', 'submittedAt', 'customerName', 'sumInsured'] as const;
export type QueueSort = SortOf<typeof QUEUE_SORTS>;

export const UnderwritingQueueQuery = z.strictObject({
  sort: sortQuery(QUEUE_SORTS, 'priority'),
  productId: z.uuid().optional(),
  branchId: z.uuid().optional(),
  referralReason: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{1,29}$/, 'Use a referral reason code')
    .optional(),
  /** submitted (waiting to be taken) or in_underwriting (being reviewed); both by default. */
  status: z.enum(['submitted', 'in_underwriting']).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_LIMIT_MAX, `limit must be at most ${PAGE_LIMIT_MAX}`).default(PAGE_LIMIT_MAX),
});
export type UnderwritingQueueQuery = z.infer<typeof UnderwritingQueueQuery>;

export const ORDER_SORTS = ['createdAt', 'orderNumber', 'customerName', 'status', 'annualPremium'] as const;
export type OrderSort = SortOf<typeof ORDER_SORTS>;

export const OrderListQuery = PageQuery.extend({
  /** Newest first by default; `-field` is descending. */
  sort: sortQuery(ORDER_SORTS, '-createdAt'),
  status: OrderStatus.optional(),
  productId: z.uuid().optional(),
  agentId: z.uuid().optional(),
  branchId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  createdFrom: isoDate.optional(),
  createdTo: isoDate.optional(),
});
export type OrderListQuery = z.infer<typeof OrderListQuery>;
/** The list's filters and sort, for the CSV export. */
export const OrderExportQuery = OrderListQuery.omit({ limit: true, cursor: true });
export type OrderExportQuery = z.infer<typeof OrderExportQuery>;

/** The week's figures of the applications in the user's branches (Monday to Sunday, UTC): a manager's home. */
export const OrderWeekFigures = z
  .object({
    weekStart: z.string(),
    weekEnd: z.string(),
    /** First submitted this week. */
    submitted: z.number().int(),
    /** Approved or declined this week. */
    decided: z.number().int(),
    /** Approved this week: each approval issues its policy in the same transaction. */
    policiesIssued: z.number().int(),
  })
  .meta({ id: 'OrderWeekFigures' });
export type OrderWeekFigures = z.infer<typeof OrderWeekFigures>;

/** One application in the customer's 360° view (the newest few). */
export const ApplicationSectionItem = z
  .object({ ...SECTION_ITEM_FIELDS, orderNumber: z.string(), status: OrderStatus, createdAt: z.iso.datetime() })
  .meta({ id: 'ApplicationSectionItem' });
export type ApplicationSectionItem = z.infer<typeof ApplicationSectionItem>;

// --- What the orders module declares (the console uses these too).
export const ORDERS_PERMISSIONS = {
  'orders:read': ['manager', 'senior_agent', 'agent', 'underwriter'],
  'orders:create': ['manager', 'senior_agent', 'agent'],
  /** The underwriter's steps: review, documents, exams' waivers, decisions. Senior agents hold it
   *  within their own branch; an approval is bounded by the approver's order_sum_insured limit. */
  'orders:underwrite': ['manager', 'senior_agent', 'underwriter'],
  'exams:manage': ['manager', 'senior_agent', 'agent', 'underwriter'],
  /** CSV exports of the lists (audited; capped at EXPORT_ROW_CAP rows). */
  'orders:export': ['manager'],
  'exams:export': ['manager'],
} as const satisfies PermissionGrants;

export const ORDERS_AUDIT_ACTIONS = [
  'order.create',
  'order.update',
  'order.submit',
  'order.withdraw',
  'order.start_review',
  'order.request_info',
  'order.approve',
  'order.decline',
  'order.waive_document',
  'exam.order',
  'exam.schedule',
  'exam.complete',
  'exam.record_results',
  'exam.cancel',
  'exam.waive',
  'order.export',
  'exam.export',
] as const;
export type OrdersAuditAction = (typeof ORDERS_AUDIT_ACTIONS)[number];

export const ORDERS_ERROR_CODES = [
  'QUOTE_WITHOUT_CUSTOMER',
  'QUOTE_EXPIRED',
  'ORDER_EXISTS',
  'ORDER_NOT_EDITABLE',
  'ILLEGAL_TRANSITION',
  'ORDER_INCOMPLETE',
  'DOCUMENTS_MISSING',
  'NOT_ELIGIBLE',
  'EXAMS_OUTSTANDING',
  'ORDER_CLOSED',
  'ORDER_NOT_IN_REVIEW',
  'ILLEGAL_EXAM_TRANSITION',
  'DOCUMENTS_UNVERIFIED',
  'DOCUMENT_ALREADY_SETTLED',
  'TRIP_STARTED',
] as const;
export type OrdersErrorCode = (typeof ORDERS_ERROR_CODES)[number];
