// The service desk (issue 14): business-hours calendars, SLA clocks, follow-up tasks, interactions
// on every channel, the customer timeline and "My work".
import { z } from 'zod';
import { ClaimStatus } from './claims';
import { CustomerRef, IsoDateTime, PageQuery, PersonRef, historyEntryOf } from './common';
import type { PermissionGrants } from './grants';

// --- Business-hours calendars

const WallTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Use HH:MM (24:00 for midnight at the end of the day)');
export const OpeningInterval = z.strictObject({ from: WallTime, to: WallTime }).meta({ id: 'OpeningInterval' });
const DayHours = z.array(OpeningInterval).max(8);
export const WeeklyHours = z.strictObject({ mon: DayHours, tue: DayHours, wed: DayHours, thu: DayHours, fri: DayHours, sat: DayHours, sun: DayHours }).meta({ id: 'WeeklyHours' });
export const Holiday = z
  .strictObject({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the format YYYY-MM-DD'), name: z.string().trim().min(1).max(100) })
  .meta({ id: 'Holiday' });

export const ServiceCalendar = z
  .object({
    id: z.uuid(),
    name: z.string(),
    /** IANA time zone the hours are wall-clock times in. */
    timeZone: z.string(),
    hours: WeeklyHours,
    holidays: z.array(Holiday),
    /** The company-wide calendar SLA clocks use unless a branch has its own. */
    isDefault: z.boolean(),
    /** The branch this calendar is for (null: company-wide). */
    branchId: z.union([z.uuid(), z.null()]),
    version: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ServiceCalendar' });
export type ServiceCalendar = z.infer<typeof ServiceCalendar>;

export const UpdateServiceCalendarBody = z
  .strictObject({
    name: z.string().trim().min(2).max(100),
    timeZone: z.string().min(1).max(64),
    hours: WeeklyHours,
    holidays: z.array(Holiday).max(500),
  })
  .meta({ id: 'UpdateServiceCalendarBody' });
export type UpdateServiceCalendarBody = z.infer<typeof UpdateServiceCalendarBody>;

// --- Links from service records to any record

export const LINK_KINDS = ['customer', 'policy', 'order', 'quote', 'invoice', 'payment', 'claim', 'case', 'interaction', 'task'] as const;
export const RecordLink = z.strictObject({ kind: z.enum(LINK_KINDS), id: z.uuid('Not a valid id') }).meta({ id: 'RecordLink' });
export type RecordLink = z.infer<typeof RecordLink>;
const Links = z.array(RecordLink).max(20);

// --- Tasks

export const TASK_STATUSES = ['open', 'done'] as const;
export const TaskStatus = z.enum(TASK_STATUSES).meta({ id: 'TaskStatus' });
export type TaskStatus = z.infer<typeof TaskStatus>;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const Priority = z.enum(PRIORITIES).meta({ id: 'ServicePriority' });
export type Priority = z.infer<typeof Priority>;

export const TaskHistoryEntry = z.object({
  event: z.enum(['created', 'reassigned', 'due_changed', 'priority_changed', 'completed', 'reminder_changed', 'reminded']),
  details: z.record(z.string(), z.unknown()),
  changedBy: z.union([PersonRef, z.null()]),
  changedAt: z.iso.datetime(),
});

export const Task = z
  .object({
    id: z.uuid(),
    title: z.string(),
    description: z.string().nullable(),
    status: TaskStatus,
    priority: Priority,
    dueAt: z.iso.datetime(),
    /** When the assignee is reminded (at or before the due time); null for none. */
    remindAt: z.union([z.iso.datetime(), z.null()]),
    /** When the reminder went (the every-minute job); null until then, and again once the reminder moves. */
    remindedAt: z.union([z.iso.datetime(), z.null()]),
    assignee: z.union([PersonRef, z.null()]),
    branchId: z.uuid(),
    customer: z.union([CustomerRef, z.null()]),
    links: z.array(RecordLink),
    /** Who made it: `manual` (an agent), or the module that created it (e.g. `policies`). */
    source: z.string(),
    sourceKey: z.string().nullable(),
    outcome: z.string().nullable(),
    completedAt: z.union([z.iso.datetime(), z.null()]),
    completedBy: z.union([PersonRef, z.null()]),
    createdAt: z.iso.datetime(),
    createdBy: z.union([PersonRef, z.null()]),
    history: z.array(TaskHistoryEntry),
    version: z.number().int(),
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof Task>;

export const CreateTaskBody = z
  .strictObject({
    title: z.string().trim().min(3, 'Say what to do (at least 3 characters)').max(200),
    description: z.string().trim().max(4000).optional(),
    dueAt: z.iso.datetime({ offset: true, message: 'Use an ISO date-time, e.g. 2027-03-01T09:00:00Z' }),
    /** Remind the assignee then (by email), at or before the due time. */
    remindAt: z.iso.datetime({ offset: true, message: 'Use an ISO date-time, e.g. 2027-03-01T08:30:00Z' }).optional(),
    /** Whom it is for; without one it waits in the branch's queue. */
    assigneeId: z.uuid().optional(),
    /** Defaults to the assignee's branch, else yours. */
    branchId: z.uuid().optional(),
    priority: Priority.default('normal'),
    links: Links.default([]),
    /** With `sourceKey`: creating the same (source, key) again returns the first task. */
    sourceKey: z.string().trim().min(1).max(200).optional(),
  })
  .refine((b) => !b.remindAt || Date.parse(b.remindAt) <= Date.parse(b.dueAt), { message: 'Remind at or before the due time', path: ['remindAt'] })
  .meta({ id: 'CreateTaskBody' });
export type CreateTaskBody = z.infer<typeof CreateTaskBody>;

export const UpdateTaskBody = z
  .strictObject({
    assigneeId: z.union([z.uuid(), z.null()]).optional(),
    dueAt: z.iso.datetime({ offset: true, message: 'Use an ISO date-time, e.g. 2027-03-01T09:00:00Z' }).optional(),
    priority: Priority.optional(),
    /** A new reminder time (arms it again), or null for none. */
    remindAt: z.union([z.iso.datetime({ offset: true, message: 'Use an ISO date-time, e.g. 2027-03-01T08:30:00Z' }), z.null()]).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Say what changes', path: ['assigneeId'] })
  .meta({ id: 'UpdateTaskBody', minProperties: 1 });
export type UpdateTaskBody = z.infer<typeof UpdateTaskBody>;

export const CompleteTaskBody = z.strictObject({ outcome: z.string().trim().min(2, 'Say how it ended (at least 2 characters)').max(2000) }).meta({ id: 'CompleteTaskBody' });

export const TaskListQuery = PageQuery.extend({
  status: TaskStatus.optional(),
  assigneeId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  branchId: z.uuid().optional(),
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;

// --- Interactions

export const CHANNELS = ['phone_inbound', 'phone_outbound', 'email', 'chat', 'sms', 'letter', 'in_person'] as const;
export const Channel = z.enum(CHANNELS).meta({ id: 'InteractionChannel' });
export const Direction = z.enum(['inbound', 'outbound']).meta({ id: 'InteractionDirection' });

export const Interaction = z
  .object({
    id: z.uuid(),
    channel: Channel,
    direction: Direction,
    customer: z.union([CustomerRef, z.null()]),
    /** An unknown contact (no customer yet). */
    contactPhone: z.string().nullable(),
    contactEmail: z.string().nullable(),
    subject: z.string(),
    notes: z.string().nullable(),
    outcome: z.string().nullable(),
    durationSeconds: z.number().int().nullable(),
    agent: PersonRef,
    branchId: z.uuid(),
    occurredAt: z.iso.datetime(),
    links: z.array(RecordLink),
    resolvedOnFirstContact: z.boolean(),
    createdAt: z.iso.datetime(),
    /** If-Match on linking an unknown contact's interaction to a customer. */
    version: z.number().int(),
  })
  .meta({ id: 'Interaction' });
export type Interaction = z.infer<typeof Interaction>;

/** Links an unknown contact's interaction to the customer it turned out to be. */
export const LinkInteractionCustomerBody = z.strictObject({ customerId: z.uuid('Not a valid id') }).meta({ id: 'LinkInteractionCustomerBody' });
export type LinkInteractionCustomerBody = z.infer<typeof LinkInteractionCustomerBody>;

export const CreateInteractionBody = z
  .strictObject({
    channel: Channel,
    /** Phone channels say it themselves; the others default to inbound. */
    direction: Direction.optional(),
    customerId: z.uuid().optional(),
    contactPhone: z.string().trim().min(3).max(40).optional(),
    contactEmail: z.email('Not an email address').max(200).optional(),
    subject: z.string().trim().min(2, 'Say what it was about (at least 2 characters)').max(200),
    notes: z.string().trim().max(10_000).optional(),
    outcome: z.string().trim().max(500).optional(),
    durationSeconds: z
      .number()
      .int()
      .min(0)
      .max(24 * 3600)
      .optional(),
    /** Defaults to now; never in the future. */
    occurredAt: IsoDateTime({ offset: true }).optional(),
    links: Links.default([]),
    resolvedOnFirstContact: z.boolean().default(false),
  })
  .refine((b) => b.customerId || b.contactPhone || b.contactEmail, { message: 'Name the customer, or the phone or email of an unknown contact', path: ['customerId'] })
  .refine((b) => !b.direction || !b.channel.startsWith('phone_') || b.direction === (b.channel === 'phone_inbound' ? 'inbound' : 'outbound'), {
    message: 'The direction contradicts the channel',
    path: ['direction'],
  })
  .meta({ id: 'CreateInteractionBody' });
export type CreateInteractionBody = z.infer<typeof CreateInteractionBody>;

export const InteractionListQuery = PageQuery.extend({ customerId: z.uuid() });
export type InteractionListQuery = z.infer<typeof InteractionListQuery>;

// --- The customer timeline

/**
 * What the customer timeline holds, in the order items of the same instant are listed: the service
 * desk's own records (interactions, tasks, cases), the status changes of the customer's
 * applications (orders), policies and claims, and the messages sent to the customer (the
 * notifications outbox), which those modules contribute.
 */
export const TIMELINE_KINDS = ['interaction', 'task', 'case', 'order', 'policy', 'claim', 'message'] as const;
export const TimelineKind = z.enum(TIMELINE_KINDS).meta({ id: 'TimelineKind' });
export type TimelineKind = z.infer<typeof TimelineKind>;
/** The kinds that are status changes of another module's record. */
export const TIMELINE_STATUS_KINDS = ['order', 'policy', 'claim'] as const satisfies readonly TimelineKind[];
export const TimelineItem = z
  .object({
    kind: TimelineKind,
    /** Unique within its kind: the record's id, or the status history entry's for a status change. */
    id: z.string(),
    at: z.iso.datetime(),
    /** The interaction's subject, the task's title, "CS-000123: subject", the number of the record whose status changed, or what a message was ("Payment receipt by email"). */
    title: z.string(),
    /** The channel of an interaction, the status of a task, case or message, the new status of a status change. */
    detail: z.string(),
    /** Who logged, created or changed it (null: a scheduled job). */
    by: z.union([PersonRef, z.null()]),
    /** The record the item opens. */
    record: z.object({ type: TimelineKind, id: z.uuid(), number: z.union([z.string(), z.null()]) }),
    /** A status change (kinds order, policy, claim): from (null at creation) → to, and the reason given. */
    statusChange: z.union([z.object({ from: z.union([z.string(), z.null()]), to: z.string(), reason: z.union([z.string(), z.null()]) }), z.null()]),
  })
  .meta({ id: 'TimelineItem' });
export type TimelineItem = z.infer<typeof TimelineItem>;

export const TimelineQuery = PageQuery.extend({
  /** One kind, or several comma-separated (`interaction,case`); all by default. */
  kind: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return undefined;
      const kinds = v.split(',').map((k) => k.trim());
      const bad = kinds.filter((k) => !(TIMELINE_KINDS as readonly string[]).includes(k));
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `kind must be among: ${TIMELINE_KINDS.join(', ')}` });
        return z.NEVER;
      }
      return kinds as TimelineKind[];
    }),
});
export type TimelineQuery = z.infer<typeof TimelineQuery>;

// --- Cases

export const CASE_TYPES = ['question', 'complaint', 'policy_change_request', 'billing_question', 'claim_follow_up', 'cancellation_request', 'onboarding'] as const;
export const CaseType = z.enum(CASE_TYPES).meta({ id: 'CaseType' });
export type CaseType = z.infer<typeof CaseType>;
export const CASE_STATUSES = ['new', 'open', 'pending', 'resolved', 'closed'] as const;
export const CaseStatus = z.enum(CASE_STATUSES).meta({ id: 'CaseStatus' });
export type CaseStatus = z.infer<typeof CaseStatus>;
export const CASE_ACTIONS = ['open', 'pend', 'resolve', 'close', 'reopen'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CLOCK_METRICS = ['first_response', 'next_response', 'resolution', 'acknowledgement', 'final_response', 'milestone'] as const;
export const ClockMetric = z.enum(CLOCK_METRICS).meta({ id: 'ClockMetric' });
export type ClockMetric = z.infer<typeof ClockMetric>;
export const ESCALATION_LEVELS = ['agent', 'senior_agent', 'manager'] as const;
export const EscalationLevel = z.enum(ESCALATION_LEVELS).meta({ id: 'EscalationLevel' });
export type EscalationLevel = z.infer<typeof EscalationLevel>;

/** One SLA clock of a case, computed from its events. */
export const SlaClock = z
  .object({
    metric: ClockMetric,
    status: z.enum(['not_started', 'running', 'paused', 'fulfilled']),
    /** Null: no SLA. */
    targetMinutes: z.number().int().nullable(),
    usedMinutes: z.number().int(),
    remainingMinutes: z.number().int().nullable(),
    dueAt: z.union([z.iso.datetime(), z.null()]),
    breached: z.boolean(),
    /** Whether the SLA job recorded the warning (at the policy's share of the target) and the breach. */
    warned: z.boolean(),
    breachRecorded: z.boolean(),
  })
  .meta({ id: 'SlaClock' });
export type SlaClock = z.infer<typeof SlaClock>;

const CaseRef = z.object({ id: z.uuid(), caseNumber: z.string() }).meta({ id: 'CaseRef' });

export const ESCALATION_TRIGGERS = ['manual', 'warning', 'breach', 'complaint', 'third_contact'] as const;
export const Escalation = z
  .object({
    trigger: z.enum(ESCALATION_TRIGGERS),
    metric: z.union([ClockMetric, z.null()]),
    fromLevel: EscalationLevel,
    toLevel: EscalationLevel,
    reason: z.string(),
    reassignedTo: z.union([PersonRef, z.null()]),
    priorityFrom: z.union([Priority, z.null()]),
    priorityTo: z.union([Priority, z.null()]),
    escalatedBy: z.union([PersonRef, z.null()]),
    escalatedAt: z.iso.datetime(),
  })
  .meta({ id: 'CaseEscalation' });
export type Escalation = z.infer<typeof Escalation>;

export const CSAT_REASON_CODES = ['speed', 'knowledge', 'friendliness', 'outcome', 'communication', 'other'] as const;
export const CsatReasonCode = z.enum(CSAT_REASON_CODES).meta({ id: 'CsatReasonCode' });
export const SurveyStatus = z.enum(['sent', 'answered', 'expired']).meta({ id: 'SurveyStatus' });
export const CaseSurvey = z
  .object({
    id: z.uuid(),
    status: SurveyStatus,
    /** The public link to send the customer while it waits for an answer (null once answered or expired). */
    link: z.union([z.string(), z.null()]),
    sentAt: z.iso.datetime(),
    /** How the link went to the customer (null: not sent — no customer or no address on file; the agent passes it on). */
    sentVia: z.union([z.enum(['email', 'sms']), z.null()]),
    expiresAt: z.iso.datetime(),
    score: z.number().int().nullable(),
    reasonCodes: z.array(CsatReasonCode),
    comment: z.string().nullable(),
    answeredVia: z.union([z.enum(['phone', 'link']), z.null()]),
    answeredAt: z.union([z.iso.datetime(), z.null()]),
  })
  .meta({ id: 'CaseSurvey' });
export type CaseSurvey = z.infer<typeof CaseSurvey>;

export const Case = z
  .object({
    id: z.uuid(),
    caseNumber: z.string(),
    type: CaseType,
    priority: Priority,
    status: CaseStatus,
    subject: z.string(),
    description: z.string().nullable(),
    customer: z.union([CustomerRef, z.null()]),
    branchId: z.uuid(),
    assignee: z.union([PersonRef, z.null()]),
    links: z.array(RecordLink),
    resolution: z.string().nullable(),
    resolvedAt: z.union([z.iso.datetime(), z.null()]),
    closedAt: z.union([z.iso.datetime(), z.null()]),
    /** Until when a resolved or closed case may be reopened. */
    reopenableUntil: z.union([z.iso.datetime(), z.null()]),
    escalationLevel: EscalationLevel,
    /** The case this one was merged into (it is closed). */
    mergedInto: z.union([CaseRef, z.null()]),
    /** Cases merged into this one: their interactions and tasks count as this case's. */
    mergedFrom: z.array(CaseRef),
    csatSuppressed: z.boolean(),
    /** The CSAT survey of the latest resolution (null: not resolved yet, or suppressed). */
    survey: z.union([CaseSurvey, z.null()]),
    clocks: z.array(SlaClock),
    escalations: z.array(Escalation),
    createdBy: PersonRef,
    createdAt: z.iso.datetime(),
    history: z.array(historyEntryOf(CaseStatus)),
    version: z.number().int(),
  })
  .meta({ id: 'Case' });
export type Case = z.infer<typeof Case>;
export const CaseSummary = Case.omit({ history: true, clocks: true, escalations: true, mergedFrom: true, survey: true, description: true }).meta({ id: 'CaseSummary' });
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CreateCaseBody = z
  .strictObject({
    type: CaseType,
    priority: Priority.default('normal'),
    subject: z.string().trim().min(3, 'Say what it is about (at least 3 characters)').max(200),
    description: z.string().trim().max(10_000).optional(),
    customerId: z.uuid().optional(),
    /** Without one it waits in the branch queue (the customer's branch, else yours). */
    assigneeId: z.uuid().optional(),
    links: Links.default([]),
  })
  .meta({ id: 'CreateCaseBody' });
export type CreateCaseBody = z.infer<typeof CreateCaseBody>;

export const UpdateCaseBody = z
  .strictObject({
    priority: Priority.optional(),
    assigneeId: z.union([z.uuid(), z.null()]).optional(),
    /** No CSAT survey for this case's resolutions (e.g. the customer asked not to be surveyed). */
    csatSuppressed: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Say what changes', path: ['priority'] })
  .meta({ id: 'UpdateCaseBody', minProperties: 1 });
export type UpdateCaseBody = z.infer<typeof UpdateCaseBody>;

export const CaseTransitionBody = z
  .strictObject({
    reason: z.string().trim().min(2).max(1000).optional(),
    /** Required to resolve: what was done. */
    resolution: z.string().trim().min(2).max(4000).optional(),
  })
  .meta({ id: 'CaseTransitionBody' });
export type CaseTransitionBody = z.infer<typeof CaseTransitionBody>;

export const EscalateCaseBody = z
  .strictObject({
    reason: z.string().trim().min(3, 'Say why (at least 3 characters)').max(1000),
    /** Defaults to the next level up (agent → senior agent → manager). */
    toLevel: EscalationLevel.optional(),
    /** Hand the case to this person (of the case's branch); else to someone at the new level when `reassign`. */
    assigneeId: z.uuid().optional(),
    reassign: z.boolean().default(true),
    raisePriority: z.boolean().default(false),
  })
  .meta({ id: 'EscalateCaseBody' });
export type EscalateCaseBody = z.infer<typeof EscalateCaseBody>;

export const MergeCaseBody = z.strictObject({ intoCaseId: z.uuid('Not a valid id'), reason: z.string().trim().min(3).max(1000).optional() }).meta({ id: 'MergeCaseBody' });
export type MergeCaseBody = z.infer<typeof MergeCaseBody>;

/** How a complaint's regulatory clock stands: met in time, met late, overdue (still open past the target), open. */
export const ComplaintClockOutcome = z.enum(['in_time', 'late', 'overdue', 'open', 'none']).meta({ id: 'ComplaintClockOutcome' });
const OutcomeCounts = z.object({ in_time: z.number().int(), late: z.number().int(), overdue: z.number().int(), open: z.number().int(), none: z.number().int() });
export const ComplaintReport = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    complaints: z.number().int(),
    acknowledgement: OutcomeCounts,
    finalResponse: OutcomeCounts,
    items: z.array(
      z.object({
        case: CaseRef,
        branchId: z.uuid(),
        status: CaseStatus,
        createdAt: z.iso.datetime(),
        acknowledgement: ComplaintClockOutcome,
        acknowledgementDueAt: z.union([z.iso.datetime(), z.null()]),
        finalResponse: ComplaintClockOutcome,
        finalResponseDueAt: z.union([z.iso.datetime(), z.null()]),
      }),
    ),
  })
  .meta({ id: 'ComplaintReport' });
export type ComplaintReport = z.infer<typeof ComplaintReport>;
export const ComplaintReportQuery = z
  .strictObject({ from: z.iso.date('Use YYYY-MM-DD'), to: z.iso.date('Use YYYY-MM-DD') })
  .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { message: 'At most a year', path: ['to'] });

export const CaseReplyBody = z
  .strictObject({
    channel: z.enum(['phone_outbound', 'email', 'chat', 'sms', 'letter', 'in_person']),
    subject: z.string().trim().min(2).max(200).optional(),
    notes: z.string().trim().min(2, 'Say what you answered (at least 2 characters)').max(10_000),
    durationSeconds: z
      .number()
      .int()
      .min(0)
      .max(24 * 3600)
      .optional(),
  })
  .meta({ id: 'CaseReplyBody' });
export type CaseReplyBody = z.infer<typeof CaseReplyBody>;

// --- CSAT and NPS surveys

const SurveyComment = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => !v.includes('\u0000'), 'No control characters')
  .optional();
export const CsatAnswerBody = z
  .strictObject({
    score: z.number().int().min(1, 'From 1 (very unhappy) to 5 (very happy)').max(5, 'From 1 (very unhappy) to 5 (very happy)'),
    reasonCodes: z.array(CsatReasonCode).max(6).default([]),
    comment: SurveyComment,
  })
  .meta({ id: 'CsatAnswerBody' });
export type CsatAnswerBody = z.infer<typeof CsatAnswerBody>;
export const SurveyAnswerBody = z
  .strictObject({
    score: z.number().int().min(0).max(10),
    reasonCodes: z.array(CsatReasonCode).max(6).default([]),
    comment: SurveyComment,
  })
  .meta({ id: 'SurveyAnswerBody' });
export type SurveyAnswerBody = z.infer<typeof SurveyAnswerBody>;

/** What the public survey page shows: the question only (nothing about the customer or the case). */
export const PublicSurvey = z
  .object({
    kind: z.enum(['csat', 'nps']),
    question: z.string(),
    min: z.number().int(),
    max: z.number().int(),
    reasonCodes: z.array(CsatReasonCode),
    expiresAt: z.iso.datetime(),
  })
  .meta({ id: 'PublicSurvey' });
export type PublicSurvey = z.infer<typeof PublicSurvey>;
export const SurveyToken = z.strictObject({ token: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, 'Not a survey link') });

// --- Agent performance and survey figures

const Figure = z.number().nullable();
export const ServiceMetricsRow = z
  .object({
    /** An agent (kind agent) or a branch (kind branch). */
    kind: z.enum(['agent', 'branch']),
    id: z.uuid(),
    name: z.string(),
    branchId: z.uuid(),
    interactions: z.number().int(),
    casesOpened: z.number().int(),
    casesResolved: z.number().int(),
    /** Share of the inbound interactions marked resolved on first contact (null without any). */
    firstContactResolutionRate: Figure,
    /** Medians in business hours, of the cases resolved in the period. */
    medianFirstResponseHours: Figure,
    medianResolutionHours: Figure,
    /** Share of the clocks fulfilled in the period that met their target. */
    slaHitRate: Figure,
    csat: z.object({ responses: z.number().int(), average: Figure, satisfiedShare: Figure }),
    /** % promoters (9–10) − % detractors (0–6), with the response count. */
    nps: z.object({ responses: z.number().int(), score: Figure }),
  })
  .meta({ id: 'ServiceMetricsRow' });
export type ServiceMetricsRow = z.infer<typeof ServiceMetricsRow>;
export const ServiceMetrics = z.object({ from: z.iso.date(), to: z.iso.date(), items: z.array(ServiceMetricsRow) }).meta({ id: 'ServiceMetrics' });
export type ServiceMetrics = z.infer<typeof ServiceMetrics>;
/** A period of business dates, from ≤ to, at most a year. */
const servicePeriod = <T extends z.ZodObject<{ from: z.ZodISODate; to: z.ZodISODate }>>(schema: T) =>
  schema
    .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['to'] })
    .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { message: 'At most a year', path: ['to'] });
const PeriodDates = { from: z.iso.date('Use YYYY-MM-DD'), to: z.iso.date('Use YYYY-MM-DD') };
export const ServiceMetricsQuery = servicePeriod(z.strictObject({ ...PeriodDates, branchId: z.uuid().optional() }));
export type ServiceMetricsQuery = z.infer<typeof ServiceMetricsQuery>;
/** The service desk's reports (agent performance, SLA compliance): the period; the reader's scope picks the branches. */
export const ServiceReportParams = servicePeriod(z.strictObject(PeriodDates));
export type ServiceReportParams = z.infer<typeof ServiceReportParams>;

// --- SLA policies and escalation rules (data, edited by admins)

const Minutes = z
  .number()
  .int()
  .min(1)
  .max(60 * 24 * 365);
export const SlaPolicy = z
  .object({
    id: z.uuid(),
    caseType: CaseType,
    priority: Priority,
    /** Business minutes; null is "no SLA" for that metric. */
    firstResponseMinutes: z.number().int().nullable(),
    nextResponseMinutes: z.number().int().nullable(),
    resolutionMinutes: z.number().int().nullable(),
    /** Complaints' regulatory clocks (null for other types). */
    acknowledgementMinutes: z.number().int().nullable(),
    finalResponseMinutes: z.number().int().nullable(),
    /** The share of a target at which the SLA job warns (default 75). */
    warningPercent: z.number().int(),
    version: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'SlaPolicy' });
export type SlaPolicy = z.infer<typeof SlaPolicy>;
export const UpdateSlaPolicyBody = z
  .strictObject({
    firstResponseMinutes: Minutes.nullable(),
    nextResponseMinutes: Minutes.nullable(),
    resolutionMinutes: Minutes.nullable(),
    acknowledgementMinutes: Minutes.nullable(),
    finalResponseMinutes: Minutes.nullable(),
    warningPercent: z.number().int().min(1).max(99),
  })
  .meta({ id: 'UpdateSlaPolicyBody' });
export type UpdateSlaPolicyBody = z.infer<typeof UpdateSlaPolicyBody>;

export const ESCALATION_RULE_TRIGGERS = ['warning', 'breach', 'complaint', 'third_contact'] as const;
export const EscalationRule = z
  .object({
    id: z.uuid(),
    trigger: z.enum(ESCALATION_RULE_TRIGGERS),
    /** Null: every case type. */
    caseType: z.union([CaseType, z.null()]),
    /** Move the case one level up (agent → senior agent → manager). */
    escalate: z.boolean(),
    /** Hand it to someone at the new level. */
    reassign: z.boolean(),
    raisePriority: z.boolean(),
    /** A task for whoever has the case (or the new level). */
    notify: z.boolean(),
    active: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'EscalationRule' });
export type EscalationRule = z.infer<typeof EscalationRule>;
export const UpdateEscalationRuleBody = z
  .strictObject({ escalate: z.boolean(), reassign: z.boolean(), raisePriority: z.boolean(), notify: z.boolean(), active: z.boolean() })
  .meta({ id: 'UpdateEscalationRuleBody' });
export type UpdateEscalationRuleBody = z.infer<typeof UpdateEscalationRuleBody>;

export const CaseListQuery = PageQuery.extend({ status: CaseStatus.optional(), customerId: z.uuid().optional(), assigneeId: z.uuid().optional() });
export type CaseListQuery = z.infer<typeof CaseListQuery>;

// --- My work

const WORK_FLAGS = {
  /** Null for a paused case clock (waiting on the customer): it cannot breach meanwhile. */
  dueAt: z.union([z.iso.datetime(), z.null()]),
  overdue: z.boolean(),
  /** Due within the next 4 business hours (of the agent’s branch calendar). */
  atRisk: z.boolean(),
};
export const MyWorkTask = z.object({ kind: z.literal('task'), task: Task.omit({ history: true }), ...WORK_FLAGS }).meta({ id: 'MyWorkTask' });
export const MyWorkCase = z.object({ kind: z.literal('case'), case: CaseSummary, ...WORK_FLAGS }).meta({ id: 'MyWorkCase' });
/** A claim assigned to the agent, due at its decision target (10 business days after submission; a draft has none). */
export const MyWorkClaim = z
  .object({
    kind: z.literal('claim'),
    claim: z.object({
      id: z.uuid(),
      claimNumber: z.string(),
      status: ClaimStatus,
      customerName: z.string(),
      lossType: z.string(),
      submittedAt: z.union([z.iso.datetime(), z.null()]),
    }),
    ...WORK_FLAGS,
  })
  .meta({ id: 'MyWorkClaim' });
/** A request for information to a claimant the agent follows up, due at the end of its due date's business day. */
export const MyWorkInformationRequest = z
  .object({
    kind: z.literal('claim_information_request'),
    request: z.object({
      id: z.uuid(),
      items: z.string(),
      documentCode: z.string().nullable(),
      dueOn: z.string(),
      claim: z.object({ id: z.uuid(), claimNumber: z.string(), status: ClaimStatus, customerName: z.string() }),
    }),
    ...WORK_FLAGS,
  })
  .meta({ id: 'MyWorkInformationRequest' });
export const MyWorkItem = z.discriminatedUnion('kind', [MyWorkTask, MyWorkCase, MyWorkClaim, MyWorkInformationRequest]).meta({ id: 'MyWorkItem' });
export type MyWorkItem = z.infer<typeof MyWorkItem>;
export type MyWorkKind = MyWorkItem['kind'];
/** The id of the record an item is about (stable tie-break of the queue's order). */
export const myWorkItemId = (item: MyWorkItem): string =>
  item.kind === 'task' ? item.task.id : item.kind === 'case' ? item.case.id : item.kind === 'claim' ? item.claim.id : item.request.id;
export const MyWork = z.object({ items: z.array(MyWorkItem), counts: z.object({ open: z.number().int(), overdue: z.number().int(), atRisk: z.number().int() }) }).meta({
  id: 'MyWork',
});
export type MyWork = z.infer<typeof MyWork>;
export const MyWorkQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(100) });

// --- Onboarding playbooks

export const PlaybookMilestoneSpec = z
  .strictObject({
    key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'Use lower-case letters, digits and _ (2–40)'),
    title: z.string().trim().min(3).max(200),
    /** Due so many hours after the playbook starts (the milestone's clock counts the business time in between). */
    dueInHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 90),
  })
  .meta({ id: 'PlaybookMilestoneSpec' });
export const PlaybookTemplate = z
  .object({
    id: z.uuid(),
    productCategory: z.string(),
    name: z.string(),
    milestones: z.array(PlaybookMilestoneSpec),
    active: z.boolean(),
    version: z.number().int(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'PlaybookTemplate' });
export type PlaybookTemplate = z.infer<typeof PlaybookTemplate>;
export const UpdatePlaybookTemplateBody = z
  .strictObject({
    name: z.string().trim().min(3).max(100),
    milestones: z
      .array(PlaybookMilestoneSpec)
      .min(1, 'At least one milestone')
      .max(20)
      .refine((ms) => new Set(ms.map((m) => m.key)).size === ms.length, 'Each key once'),
    active: z.boolean(),
  })
  .meta({ id: 'UpdatePlaybookTemplateBody' });
export type UpdatePlaybookTemplateBody = z.infer<typeof UpdatePlaybookTemplateBody>;

export const Playbook = z
  .object({
    id: z.uuid(),
    name: z.string(),
    trigger: z.enum(['policy_issued', 'manual']),
    customerId: z.uuid(),
    policyId: z.union([z.uuid(), z.null()]),
    branchId: z.uuid(),
    startedAt: z.iso.datetime(),
    milestones: z.array(
      z.object({
        key: z.string(),
        title: z.string(),
        taskId: z.uuid(),
        status: TaskStatus,
        dueAt: z.iso.datetime(),
        completedAt: z.union([z.iso.datetime(), z.null()]),
        assignee: z.union([PersonRef, z.null()]),
        clock: SlaClock,
      }),
    ),
    progress: z.object({ done: z.number().int(), total: z.number().int(), breached: z.number().int() }),
  })
  .meta({ id: 'Playbook' });
export type Playbook = z.infer<typeof Playbook>;
/** One playbook in the customer's 360° view (section `onboarding`). */
export const OnboardingSectionItem = z
  .object({
    id: z.uuid(),
    title: z.string(),
    name: z.string(),
    progress: z.object({ done: z.number().int(), total: z.number().int(), breached: z.number().int() }),
    policyId: z.union([z.uuid(), z.null()]),
    startedAt: z.iso.datetime(),
  })
  .meta({ id: 'OnboardingSectionItem' });
export type OnboardingSectionItem = z.infer<typeof OnboardingSectionItem>;
export const StartPlaybookBody = z.strictObject({ templateId: z.uuid('Not a valid id'), policyId: z.uuid().optional() }).meta({ id: 'StartPlaybookBody' });
export type StartPlaybookBody = z.infer<typeof StartPlaybookBody>;
export const PlaybookListQuery = z
  .strictObject({ customerId: z.uuid().optional(), policyId: z.uuid().optional() })
  .refine((q) => q.customerId || q.policyId, { message: 'Name the customer or the policy', path: ['customerId'] });

// --- The team view (senior agents and managers)

export const TeamMember = z
  .object({
    agent: PersonRef,
    role: z.string(),
    openCases: z.number().int(),
    openTasks: z.number().int(),
    atRisk: z.number().int(),
    breached: z.number().int(),
  })
  .meta({ id: 'TeamMember' });
export const TeamView = z
  .object({
    branchId: z.uuid(),
    members: z.array(TeamMember),
    /** Open cases and tasks waiting in the branch queue (no assignee). */
    queue: z.object({ openCases: z.number().int(), openTasks: z.number().int(), atRisk: z.number().int(), breached: z.number().int() }),
    /** The items at risk or breached (tasks and cases), what breaches first on top. */
    items: z.array(z.discriminatedUnion('kind', [MyWorkTask, MyWorkCase])),
  })
  .meta({ id: 'TeamView' });
export type TeamView = z.infer<typeof TeamView>;
export const TeamViewQuery = z.strictObject({ branchId: z.uuid().optional() });

// --- What the service module declares (the console uses these too).
export const SERVICE_PERMISSIONS = {
  'service-calendars:read': ['manager', 'senior_agent', 'agent'],
  'service-calendars:manage': [],
  // Claims adjusters read their own queue (My work: their claims and requests for information, tasks given to them).
  'tasks:read': ['manager', 'senior_agent', 'agent', 'claims_adjuster'],
  'tasks:write': ['manager', 'senior_agent', 'agent'],
  'interactions:read': ['manager', 'senior_agent', 'agent'],
  'interactions:create': ['manager', 'senior_agent', 'agent'],
  'cases:read': ['manager', 'senior_agent', 'agent'],
  'cases:write': ['manager', 'senior_agent', 'agent'],
  // Agents see their own figures; senior agents and managers their branches' (and the team view).
  'service-metrics:read': ['manager', 'senior_agent', 'agent'],
  'service-team:read': ['manager', 'senior_agent'],
  'service-sla:read': ['manager', 'senior_agent', 'agent'],
  'playbooks:read': ['manager', 'senior_agent', 'agent'],
  'playbooks:manage': [],
  'service-sla:manage': [],
} as const satisfies PermissionGrants;

export const SERVICE_AUDIT_ACTIONS = [
  'service_calendar.update',
  'task.create',
  'task.update',
  'task.complete',
  'interaction.create',
  'interaction.link_customer',
  'case.create',
  'case.update',
  'case.open',
  'case.pend',
  'case.resolve',
  'case.close',
  'case.reopen',
  'case.reply',
  'case.escalate',
  'case.merge',
  'survey.answer',
  'playbook.start',
  'playbook_template.update',
  'sla_policy.update',
  'escalation_rule.update',
] as const;
export type ServiceAuditAction = (typeof SERVICE_AUDIT_ACTIONS)[number];

export const SERVICE_ERROR_CODES = [
  'SERVICE_CALENDAR_INVALID',
  'CLOCK_EVENT_REJECTED',
  'TASK_NOT_OPEN',
  'TASK_ASSIGNEE_INVALID',
  'INTERACTION_IN_FUTURE',
  'INTERACTION_ALREADY_LINKED',
  'CASE_TRANSITION_NOT_ALLOWED',
  'CASE_REOPEN_WINDOW_PASSED',
  'CASE_RESOLUTION_REQUIRED',
  'CASE_ESCALATION_NOT_ALLOWED',
  'CASE_MERGE_NOT_ALLOWED',
  'SURVEY_NOT_FOUND',
  'SURVEY_EXPIRED',
  'SURVEY_ALREADY_ANSWERED',
  'CSAT_NOT_AVAILABLE',
  'PLAYBOOK_TEMPLATE_INACTIVE',
] as const;
export type ServiceErrorCode = (typeof SERVICE_ERROR_CODES)[number];
