// Voice (issue 17, inbound calls): the insurer's phone lines as admins configure them — number,
// greeting, business-hours calendar, menu of queues, after-hours voicemail, an urgent digit — and the
// calls the providers' webhooks (Telnyx TeXML, Twilio TwiML) report on them.
import { z } from 'zod';
import type { PermissionGrants } from './grants';

export const VOICE_PROVIDERS = ['telnyx', 'twilio'] as const;
export const VoiceProvider = z.enum(VOICE_PROVIDERS).meta({ id: 'VoiceProvider' });
export type VoiceProvider = z.infer<typeof VoiceProvider>;

/** Where a menu choice sends the caller; each opens a case of its own type. */
export const VOICE_QUEUES = ['claims', 'payments', 'policy_changes', 'agent'] as const;
export const VoiceQueue = z.enum(VOICE_QUEUES).meta({ id: 'VoiceQueue' });
export type VoiceQueue = z.infer<typeof VoiceQueue>;

export const VoiceAfterHours = z.enum(['voicemail', 'hangup']).meta({ id: 'VoiceAfterHours' });
export type VoiceAfterHours = z.infer<typeof VoiceAfterHours>;

/** A key of the phone's keypad: 0–9, * or #. */
const Digit = z.string().regex(/^[0-9*#]$/, 'One key: 0–9, * or #');
const Prompt = z.string().trim().min(1).max(500);

export const PhoneLineMenuOption = z.strictObject({ digit: Digit, queue: VoiceQueue, label: z.string().trim().min(1).max(80) }).meta({ id: 'PhoneLineMenuOption' });
export type PhoneLineMenuOption = z.infer<typeof PhoneLineMenuOption>;

export const PhoneLineUrgent = z.strictObject({ digit: Digit, label: z.string().trim().min(1).max(80) }).meta({ id: 'PhoneLineUrgent' });
export type PhoneLineUrgent = z.infer<typeof PhoneLineUrgent>;

/**
 * What an admin promises on a line, checked every minute over the last `windowMinutes`: more calls
 * than `maxCalls`, fewer of the queued calls answered within 20 seconds than the percentage, more
 * abandoned or missed calls, a webhook p95 or error rate above the limit raise an alert task (null: not watched).
 */
export const PhoneLineThresholds = z
  .strictObject({
    windowMinutes: z.number().int().min(5, 'At least 5 minutes').max(1440, 'At most a day (1440 minutes)'),
    maxCalls: z.number().int().min(0).nullable(),
    minAnsweredWithin20sPercent: z.number().min(0).max(100).nullable(),
    maxAbandoned: z.number().int().min(0).nullable(),
    maxMissed: z.number().int().min(0).nullable(),
    maxWebhookP95Ms: z.number().int().min(1).max(60_000).nullable(),
    maxWebhookErrorPercent: z.number().min(0).max(100).nullable(),
  })
  .meta({ id: 'PhoneLineThresholds' });
export type PhoneLineThresholds = z.infer<typeof PhoneLineThresholds>;

export const DEFAULT_LINE_THRESHOLDS: PhoneLineThresholds = {
  windowMinutes: 60,
  maxCalls: null,
  minAnsweredWithin20sPercent: null,
  maxAbandoned: null,
  maxMissed: null,
  maxWebhookP95Ms: null,
  maxWebhookErrorPercent: null,
};

export const LINE_METRICS = ['calls', 'answered_within_20s', 'abandoned', 'missed', 'webhook_p95_ms', 'webhook_error_rate'] as const;
export const LineMetric = z.enum(LINE_METRICS).meta({ id: 'LineMetric' });
export type LineMetric = z.infer<typeof LineMetric>;

const lineFields = {
  /** Any common notation; stored and shown in E.164 (+18005963057). */
  number: z.string().trim().min(3).max(32),
  name: z.string().trim().min(1).max(80),
  greeting: Prompt,
  calendarId: z.uuid('Not a valid id'),
  /** The branch whose queue takes calls from unknown numbers. */
  branchId: z.uuid('Not a valid id'),
  menu: z.array(PhoneLineMenuOption).min(1).max(9),
  urgent: z.union([PhoneLineUrgent, z.null()]),
  afterHours: VoiceAfterHours,
  voicemailPrompt: Prompt,
  active: z.boolean(),
  /** Omitted: the line's thresholds stay as they are. */
  thresholds: PhoneLineThresholds.optional(),
};

export const CreatePhoneLineBody = z.strictObject(lineFields).meta({ id: 'CreatePhoneLineBody' });
export type CreatePhoneLineBody = z.infer<typeof CreatePhoneLineBody>;

export const UpdatePhoneLineBody = z.strictObject(lineFields).meta({ id: 'UpdatePhoneLineBody' });
export type UpdatePhoneLineBody = z.infer<typeof UpdatePhoneLineBody>;

export const PhoneLine = z
  .object({
    id: z.uuid(),
    number: z.string(),
    name: z.string(),
    greeting: z.string(),
    calendarId: z.uuid(),
    branchId: z.uuid(),
    menu: z.array(PhoneLineMenuOption),
    urgent: z.union([PhoneLineUrgent, z.null()]),
    afterHours: VoiceAfterHours,
    voicemailPrompt: z.string(),
    active: z.boolean(),
    thresholds: PhoneLineThresholds,
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'PhoneLine' });
export type PhoneLine = z.infer<typeof PhoneLine>;

export const PhoneLineList = z.object({ items: z.array(PhoneLine) }).meta({ id: 'PhoneLineList' });
export type PhoneLineList = z.infer<typeof PhoneLineList>;

export const PhoneLineHistoryEntry = z
  .object({
    version: z.number().int(),
    change: z.enum(['create', 'update']),
    line: z.record(z.string(), z.unknown()),
    changedBy: z.object({ id: z.uuid(), name: z.string() }),
    changedAt: z.iso.datetime(),
  })
  .meta({ id: 'PhoneLineHistoryEntry' });
export const PhoneLineHistory = z.object({ items: z.array(PhoneLineHistoryEntry) }).meta({ id: 'PhoneLineHistory' });
export type PhoneLineHistory = z.infer<typeof PhoneLineHistory>;

export const VOICE_CALL_STATUSES = ['ringing', 'in_progress', 'completed', 'busy', 'no_answer', 'failed', 'canceled'] as const;
export const VoiceCallStatus = z.enum(VOICE_CALL_STATUSES).meta({ id: 'VoiceCallStatus' });
export type VoiceCallStatus = z.infer<typeof VoiceCallStatus>;

export const VoiceCall = z
  .object({
    id: z.uuid(),
    provider: VoiceProvider,
    callId: z.string(),
    lineId: z.uuid(),
    from: z.string(),
    /** `identified` (one customer), `ambiguous` (several: asked for a policy number), `unknown`. */
    callerMatch: z.enum(['identified', 'ambiguous', 'unknown']),
    customerId: z.union([z.uuid(), z.null()]),
    status: VoiceCallStatus,
    afterHours: z.boolean(),
    queue: z.union([VoiceQueue, z.literal('urgent'), z.literal('voicemail'), z.null()]),
    menuAttempts: z.number().int(),
    caseId: z.union([z.uuid(), z.null()]),
    interactionId: z.union([z.uuid(), z.null()]),
    durationSeconds: z.union([z.number().int(), z.null()]),
    recordingUrl: z.union([z.string(), z.null()]),
    transcription: z.union([z.string(), z.null()]),
    startedAt: z.iso.datetime(),
    endedAt: z.union([z.iso.datetime(), z.null()]),
  })
  .meta({ id: 'VoiceCall' });
export type VoiceCall = z.infer<typeof VoiceCall>;

export const VoiceCallList = z.object({ items: z.array(VoiceCall) }).meta({ id: 'VoiceCallList' });

// --- Monitoring: what a line delivered over a window, against the thresholds its admin set.

export const LineMetricsQuery = z.strictObject({
  /** The window, ending now; the line's own `thresholds.windowMinutes` by default. */
  windowMinutes: z.coerce.number().int().min(5).max(1440).optional(),
});

export const LineBreach = z.object({ metric: LineMetric, value: z.number(), threshold: z.number() }).meta({ id: 'LineBreach' });
export type LineBreach = z.infer<typeof LineBreach>;

export const LineAlert = z
  .object({
    id: z.uuid(),
    metric: LineMetric,
    value: z.number(),
    threshold: z.number(),
    windowMinutes: z.number().int(),
    startedAt: z.iso.datetime(),
    /** Null while the metric is still past its threshold (the episode is open). */
    clearedAt: z.union([z.iso.datetime(), z.null()]),
    taskId: z.union([z.uuid(), z.null()]),
  })
  .meta({ id: 'LineAlert' });
export type LineAlert = z.infer<typeof LineAlert>;

export const PhoneLineMetrics = z
  .object({
    lineId: z.uuid(),
    windowMinutes: z.number().int(),
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    /** Calls that reached the line in the window. */
    calls: z.number().int(),
    /** Of those, the calls routed to a queue (they rang for agents). */
    queued: z.number().int(),
    /** Queued calls an agent took within 20 seconds of the call starting to ring. */
    answeredWithin20s: z.number().int(),
    answeredWithin20sPercent: z.union([z.number(), z.null()]),
    /** The caller hung up while the call rang, before anyone took it. */
    abandoned: z.number().int(),
    /** Nobody took the call within the ring time. */
    missed: z.number().int(),
    webhook: z.object({
      requests: z.number().int(),
      /** The 95th percentile of the time taken to answer a verified webhook request, in milliseconds. */
      p95Ms: z.union([z.number(), z.null()]),
      /** Verified requests not answered with a document (4xx after the signature, 5xx). */
      errors: z.number().int(),
      errorPercent: z.union([z.number(), z.null()]),
    }),
    thresholds: PhoneLineThresholds,
    /** The thresholds this window is past now. */
    breaches: z.array(LineBreach),
    /** The latest alert episodes (open first, then the 20 most recent), each with its alert task. */
    alerts: z.array(LineAlert),
  })
  .meta({ id: 'PhoneLineMetrics' });
export type PhoneLineMetrics = z.infer<typeof PhoneLineMetrics>;

// --- The screen pop: agents available per queue, calls ringing in their console, the first who takes one gets it.

/** The queues an agent is available in (none: not taking calls). Urgent calls ring for every available agent. */
export const AgentAvailability = z
  .object({
    queues: z.array(z.object({ queue: VoiceQueue, since: z.iso.datetime() })),
  })
  .meta({ id: 'AgentAvailability' });
export type AgentAvailability = z.infer<typeof AgentAvailability>;

export const UpdateAgentAvailabilityBody = z.strictObject({ queues: z.array(VoiceQueue).max(VOICE_QUEUES.length) }).meta({ id: 'UpdateAgentAvailabilityBody' });
export type UpdateAgentAvailabilityBody = z.infer<typeof UpdateAgentAvailabilityBody>;

export const RingingQueue = z.union([VoiceQueue, z.literal('urgent')]).meta({ id: 'RingingQueue' });
export type RingingQueue = z.infer<typeof RingingQueue>;

/** A section of what the agent sees about the caller (open cases, policies, overdue premium, open claims). */
export const CallerCardSection = z
  .object({
    title: z.string(),
    count: z.number().int(),
    /** Each item: `id`, a `label` (the record's number and what it is) and the page that opens it. */
    items: z.array(z.object({ id: z.uuid(), label: z.string(), detail: z.string().nullable(), href: z.string().nullable() })),
    /** An amount the section adds up (overdue premium), minor units. */
    total: z.union([z.object({ amount: z.number().int(), currency: z.string() }), z.null()]),
  })
  .meta({ id: 'CallerCardSection' });
export type CallerCardSection = z.infer<typeof CallerCardSection>;

export const CallerCard = z
  .object({
    customer: z.object({ id: z.uuid(), customerNumber: z.string(), name: z.string(), status: z.string(), kycStatus: z.string() }),
    sections: z.record(z.string(), CallerCardSection),
  })
  .meta({ id: 'CallerCard' });
export type CallerCard = z.infer<typeof CallerCard>;

export const RINGING_CALL_STATUSES = ['ringing', 'taken', 'missed'] as const;

export const RingingCall = z
  .object({
    id: z.uuid(),
    queue: RingingQueue,
    status: z.enum(RINGING_CALL_STATUSES),
    from: z.string(),
    line: z.object({ id: z.uuid(), name: z.string(), number: z.string() }),
    caseId: z.uuid(),
    interactionId: z.union([z.uuid(), z.null()]),
    /** Null for an unknown caller (or one not in the agent's branches). */
    caller: z.union([CallerCard, z.null()]),
    ringUntil: z.iso.datetime(),
    takenBy: z.union([z.object({ id: z.uuid(), name: z.string() }), z.null()]),
    takenAt: z.union([z.iso.datetime(), z.null()]),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'RingingCall' });
export type RingingCall = z.infer<typeof RingingCall>;

export const RingingCallList = z.object({ items: z.array(RingingCall) }).meta({ id: 'RingingCallList' });
export type RingingCallList = z.infer<typeof RingingCallList>;

/**
 * What the screen pop stream (`GET /api/ringing-calls/stream`, text/event-stream) sends: `ringing`
 * (a call the agent may take: the whole pop), `gone` (taken by someone, missed, or no longer for
 * this agent: drop it), and a `ready` event with the calls ringing when the stream opens.
 */
export const ScreenPopEvent = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('ready'), items: z.array(RingingCall) }),
    z.object({ type: z.literal('ringing'), call: RingingCall }),
    z.object({ type: z.literal('gone'), id: z.uuid(), status: z.enum(RINGING_CALL_STATUSES), takenBy: z.union([z.object({ id: z.uuid(), name: z.string() }), z.null()]) }),
  ])
  .meta({ id: 'ScreenPopEvent' });
export type ScreenPopEvent = z.infer<typeof ScreenPopEvent>;

export const VOICE_PERMISSIONS = {
  // Phone lines decide where customers' calls go: admins configure them, managers read them.
  'phone-lines:manage': [],
  'phone-lines:read': ['manager'],
  // Who answers the phone: marks themself available in queues, gets the screen pop, takes calls.
  'calls:answer': ['manager', 'senior_agent', 'agent'],
} as const satisfies PermissionGrants;

export const VOICE_AUDIT_ACTIONS = ['phone_line.create', 'phone_line.update', 'agent_availability.update', 'ringing_call.take', 'ringing_call.miss'] as const;

export const VOICE_ERROR_CODES = [
  'PHONE_LINE_INVALID',
  'PHONE_LINE_NUMBER_TAKEN',
  'VOICE_SIGNATURE_INVALID',
  'VOICE_NOT_CONFIGURED',
  'CALL_ALREADY_TAKEN',
  'CALL_NO_LONGER_RINGING',
] as const;
