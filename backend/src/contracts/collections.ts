// Collections contract (issue 20): dunning plans per product version, the dunning job's steps,
// promises to pay, and the collections worklist.
import { z } from 'zod';
import { CustomerRef, IsoDate, PersonRef } from './common';
import { OverdueItem } from './billing';
import type { PermissionGrants } from './grants';

export const DUNNING_ACTIONS = ['reminder', 'call_task', 'final_notice'] as const;
export const DunningAction = z.enum(DUNNING_ACTIONS).meta({ id: 'DunningAction' });
export type DunningAction = z.infer<typeof DunningAction>;

/** `preferred`: the customer's own choice (a text when they prefer texts, else an email). */
export const DUNNING_CHANNELS = ['preferred', 'email', 'sms'] as const;
export const DunningChannel = z.enum(DUNNING_CHANNELS);

/** The most steps a plan holds, and the latest day a step may fall on. */
export const DUNNING_MAX_STEPS = 12;
export const DUNNING_MAX_DAY = 365;

export const DunningStep = z
  .strictObject({
    /** Stable within the plan: an invoice runs each key once, also after the plan is edited. */
    key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'Lower-case letters, digits and dashes (at most 40)'),
    /** Days after the invoice's due date. */
    days: z.number().int('Whole days').min(1, 'At least 1 day after the due date').max(DUNNING_MAX_DAY, `At most ${DUNNING_MAX_DAY} days`),
    action: DunningAction,
    /** A message's channel (reminder, final notice); a call task has none. */
    channel: DunningChannel.optional(),
    /** A message's notification template key (reminder, final notice). */
    template: z.string().min(1).max(100).optional(),
  })
  .meta({ id: 'DunningStep' });
export type DunningStep = z.infer<typeof DunningStep>;

export const DunningPlan = z
  .object({
    productVersionId: z.uuid(),
    product: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
    steps: z.array(DunningStep),
    /** 0 while the version has no plan (If-Match "0" makes one). */
    version: z.number().int(),
    updatedAt: z.iso.datetime().nullable(),
    updatedBy: PersonRef.nullable(),
  })
  .meta({ id: 'DunningPlan' });
export type DunningPlan = z.infer<typeof DunningPlan>;

export const DunningPlanList = z
  .object({
    items: z.array(DunningPlan),
    /** Published product versions without a plan yet (a plan is made for one with If-Match "0"). */
    withoutPlan: z.array(z.object({ productVersionId: z.uuid(), versionNumber: z.number().int(), product: z.object({ id: z.uuid(), code: z.string(), name: z.string() }) })),
  })
  .meta({ id: 'DunningPlanList' });
export type DunningPlanList = z.infer<typeof DunningPlanList>;

export const DunningPlanHistory = z
  .object({
    items: z.array(z.object({ version: z.number().int(), steps: z.array(DunningStep), by: PersonRef, at: z.iso.datetime() })),
  })
  .meta({ id: 'DunningPlanHistory' });
export type DunningPlanHistory = z.infer<typeof DunningPlanHistory>;

export const PutDunningPlanBody = z.strictObject({ steps: z.array(DunningStep).max(DUNNING_MAX_STEPS, `At most ${DUNNING_MAX_STEPS} steps`) }).meta({ id: 'PutDunningPlanBody' });
export type PutDunningPlanBody = z.infer<typeof PutDunningPlanBody>;

export const ProductVersionParams = z.strictObject({ productVersionId: z.uuid('Not a valid id') });
export const InvoiceParams = z.strictObject({ invoiceId: z.uuid('Not a valid id') });

// --- Promises to pay

export const PROMISE_STATUSES = ['open', 'kept', 'broken'] as const;
export const PromiseStatus = z.enum(PROMISE_STATUSES).meta({ id: 'PromiseStatus' });
export const PROMISE_CHANNELS = ['phone', 'email', 'sms', 'chat', 'in_person', 'letter'] as const;
/** A promise is for a date within this many days. */
export const PROMISE_MAX_DAYS_AHEAD = 60;

export const CreatePromiseBody = z
  .strictObject({
    /** Minor units of the invoice's currency; at most what is still due. */
    amount: z.number().int('Give the amount in whole minor units (cents)').min(1, 'More than zero').max(Number.MAX_SAFE_INTEGER),
    /** The day the customer promises to pay by (today or later). */
    promisedFor: IsoDate(),
    /** How the customer made the promise. */
    channel: z.enum(PROMISE_CHANNELS),
    note: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'CreatePromiseBody' });
export type CreatePromiseBody = z.infer<typeof CreatePromiseBody>;

export const PaymentPromise = z
  .object({
    id: z.uuid(),
    invoiceId: z.uuid(),
    invoiceNumber: z.string(),
    policyId: z.uuid(),
    customerId: z.uuid(),
    branchId: z.uuid(),
    currency: z.string(),
    amount: z.number().int(),
    promisedFor: z.iso.date(),
    channel: z.enum(PROMISE_CHANNELS),
    note: z.string().nullable(),
    status: PromiseStatus,
    /** What was still due when the promise was taken; kept once the open amount is at most this less the amount. */
    openAmountAtPromise: z.number().int(),
    takenBy: PersonRef,
    takenAt: z.iso.datetime(),
    settledAt: z.iso.datetime().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'PaymentPromise' });
export type PaymentPromise = z.infer<typeof PaymentPromise>;

export const PromiseList = z.object({ items: z.array(PaymentPromise) }).meta({ id: 'PaymentPromiseList' });

// --- What the dunning job did to an invoice

export const DunningRun = z
  .object({
    stepKey: z.string(),
    action: DunningAction,
    day: z.iso.date(),
    outcome: z.enum(['message_queued', 'no_recipient', 'task_created']),
    channel: z.string().nullable(),
    messageId: z.uuid().nullable(),
    taskId: z.uuid().nullable(),
    at: z.iso.datetime(),
  })
  .meta({ id: 'DunningRun' });
export type DunningRun = z.infer<typeof DunningRun>;

export const InvoiceCollections = z.object({ invoiceId: z.uuid(), runs: z.array(DunningRun), promises: z.array(PaymentPromise) }).meta({ id: 'InvoiceCollections' });
export type InvoiceCollections = z.infer<typeof InvoiceCollections>;

// --- The worklist

export const WorklistQuery = z.strictObject({
  branchId: z.uuid('Not a valid id').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type WorklistQuery = z.infer<typeof WorklistQuery>;

/** Billing's overdue item, with the invoices themselves in place of their count, and what collections knows. */
export const WorklistRow = OverdueItem.omit({ overdueInvoices: true, lastContact: true })
  .extend({
    overdueInvoices: z.array(z.object({ id: z.uuid(), invoiceNumber: z.string(), dueDate: z.iso.date(), openAmount: z.number().int() })),
    /** overdue amount (major units) × days past due: the order of the list. */
    priority: z.number(),
    openPromise: z.union([PaymentPromise, z.null()]),
    lastStep: z.object({ stepKey: z.string(), action: DunningAction, day: z.iso.date() }).nullable(),
  })
  .meta({ id: 'CollectionsWorklistRow' });
export type WorklistRow = z.infer<typeof WorklistRow>;

export const Worklist = z.object({ items: z.array(WorklistRow), asOf: z.iso.date() }).meta({ id: 'CollectionsWorklist' });
export type Worklist = z.infer<typeof Worklist>;

// --- Write-off proposals

/** Small old balances worth writing off: at most `maxAmount` open (minor units), due `minDaysPastDue` days ago or more. */
export const WriteOffProposalsQuery = z.strictObject({
  maxAmount: z.coerce.number().int('A whole number of minor units').min(1).max(1_000_000).default(2_500),
  minDaysPastDue: z.coerce.number().int('A whole number of days').min(0).max(3_650).default(60),
  branchId: z.uuid('Not a valid id').optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type WriteOffProposalsQuery = z.infer<typeof WriteOffProposalsQuery>;

export const WriteOffProposal = z
  .object({
    invoiceId: z.uuid(),
    invoiceNumber: z.string(),
    policyId: z.uuid(),
    policyNumber: z.string(),
    customer: CustomerRef,
    branchId: z.uuid(),
    currency: z.string(),
    openAmount: z.number().int(),
    dueDate: z.iso.date(),
    daysPastDue: z.number().int(),
    /** The reader's write_off_amount limit in the currency (null: none); a write-off above it is refused. */
    yourLimit: z.number().int().nullable(),
    withinYourLimit: z.boolean(),
  })
  .meta({ id: 'WriteOffProposal' });
export type WriteOffProposal = z.infer<typeof WriteOffProposal>;

export const WriteOffProposals = z
  .object({ asOf: z.iso.date(), maxAmount: z.number().int(), minDaysPastDue: z.number().int(), items: z.array(WriteOffProposal) })
  .meta({ id: 'WriteOffProposals' });
export type WriteOffProposals = z.infer<typeof WriteOffProposals>;

// --- Collection figures

export const FiguresQuery = z
  .strictObject({ from: IsoDate(), to: IsoDate(), branchId: z.uuid('Not a valid id').optional() })
  .refine((q) => q.from <= q.to, { message: 'From must be on or before to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { message: 'At most a year', path: ['to'] });
export type FiguresQuery = z.infer<typeof FiguresQuery>;

export const CollectionFigures = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    currencies: z.array(
      z.object({
        currency: z.string(),
        /** Premium and fees invoiced in the period (invoices issued in it, lines not waived). */
        billed: z.number().int(),
        /** What the unpaid invoices still owe today. */
        receivable: z.number().int(),
        /** Days sales outstanding: receivable ÷ billed × days in the period (null when nothing was billed). */
        daysSalesOutstanding: z.number().nullable(),
        /** Invoices that went overdue in the period. */
        wentOverdue: z.number().int(),
        /** Of those, paid since before their policy lapsed (or was cancelled). */
        cured: z.number().int(),
        /** cured ÷ wentOverdue in % (null when none went overdue). */
        cureRate: z.number().nullable(),
      }),
    ),
    /** Promises settled in the period. */
    promises: z.object({ kept: z.number().int(), broken: z.number().int(), keptRate: z.number().nullable(), open: z.number().int() }),
  })
  .meta({ id: 'CollectionFigures' });
export type CollectionFigures = z.infer<typeof CollectionFigures>;

export const COLLECTIONS_PERMISSIONS = {
  /** The dunning plans, the worklist, an invoice's dunning steps and promises. */
  'collections:read': ['agent', 'senior_agent', 'manager', 'finance', 'finance_manager'],
  /** Edit a product version's dunning plan. */
  'collections:plan': ['finance_manager'],
  /** Take a promise to pay from a customer. */
  'collections:promise': ['agent', 'senior_agent', 'manager'],
} as const satisfies PermissionGrants;

export const COLLECTIONS_AUDIT_ACTIONS = ['dunning_plan.update', 'promise.create', 'promise.kept', 'promise.broken'] as const;

export const COLLECTIONS_ERROR_CODES = [
  /** A plan's steps break a rule (field errors say which): keys twice, days not increasing, a message without a template… */
  'DUNNING_PLAN_INVALID',
  /** A promise on an invoice that is not overdue. */
  'PROMISE_INVOICE_NOT_OVERDUE',
  /** The promised date is before today, or too far ahead. */
  'PROMISE_DATE_INVALID',
  /** The promised amount is above what is still due (409 with openAmount). */
  'PROMISE_EXCEEDS_AMOUNT_DUE',
  /** The invoice already has an open promise. */
  'PROMISE_ALREADY_OPEN',
] as const;
