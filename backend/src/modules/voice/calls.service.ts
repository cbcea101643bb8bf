// An inbound call as the provider's webhooks tell it (the request's signature was checked by the
// route before this is called). Each request is stored once by (provider, call id, event key) in
// the transaction that acts on it, with the document it was answered: a retry gets the same answer
// and changes nothing; a status callback only moves a call forward, so a reordered one changes
// nothing either.
//
//   incoming      → greeting; after hours: voicemail (Record with transcription) or goodbye;
//                   several customers with the caller's number: ask for a policy number; else the menu
//   policy?attempt=n   → the policy number keyed: the caller identified, then the menu (two tries)
//   menu?attempt=n     → a menu key: a case for its queue (or the urgent path), the call logged, Enqueue;
//                        no key or a wrong one twice: an agent (the menu never loops)
//   voicemail     → the recording is kept; goodbye
//   transcription → the voicemail's case with its transcription, the call logged
//   status        → ringing → in progress → completed | busy | no answer | failed | canceled; the
//                   call's interaction completed with duration, outcome and the provider's links
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CaseType, Priority } from '../../contracts/service';
import type { RingingQueue, VoiceCall, VoiceCallStatus, VoiceProvider, VoiceQueue } from '../../contracts/voice';
import { withTransaction, type Db, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { BadRequestError } from '../../platform/errors';
import type { CustomerProfiles } from '../customers/customer-profiles';
import type { SystemUsers } from '../identity/system-users';
import type { PolicyFacts } from '../policies/policy-facts';
import type { CallIntake } from '../service/call-intake';
import * as repo from './calls.repository';
import * as lines from './phone-lines.repository';
import type { ScreenPop } from './screen-pop.service';
import { texml, type Verb } from './texml';

export const VOICE_EVENTS = ['incoming', 'policy', 'menu', 'voicemail', 'transcription', 'status'] as const;
export type VoiceEvent = (typeof VOICE_EVENTS)[number];

/** Wrong or missing keys allowed in the menu (and for the policy number) before the fallback. */
export const MENU_TRIES = 2;

const QUEUE_CASES: Record<VoiceQueue, { type: CaseType; title: string }> = {
  claims: { type: 'claim_follow_up', title: 'Claims' },
  payments: { type: 'billing_question', title: 'Payments' },
  policy_changes: { type: 'policy_change_request', title: 'Policy changes' },
  agent: { type: 'question', title: 'Agent' },
};

const STATUS: Record<string, VoiceCallStatus> = {
  queued: 'ringing',
  initiated: 'ringing',
  ringing: 'ringing',
  'in-progress': 'in_progress',
  answered: 'in_progress',
  completed: 'completed',
  busy: 'busy',
  'no-answer': 'no_answer',
  failed: 'failed',
  canceled: 'canceled',
};
const rank = (s: VoiceCallStatus) => (s === 'ringing' ? 0 : s === 'in_progress' ? 1 : 2);
const terminal = (s: VoiceCallStatus) => rank(s) === 2;

/** A caller's number as E.164 when it is one (withheld or odd numbers stay as given). */
export function callerNumber(input: string | undefined): string {
  const parsed = input ? parsePhoneNumberFromString(input.trim()) : undefined;
  return parsed?.isPossible() ? parsed.number : (input ?? '').trim() || 'unknown';
}

export const toVoiceCall = (r: repo.CallRow): VoiceCall => ({
  id: r.id,
  provider: r.provider,
  callId: r.call_id,
  lineId: r.line_id,
  from: r.from_number,
  callerMatch: r.caller_match,
  customerId: r.customer_id,
  status: r.status,
  afterHours: r.after_hours,
  queue: r.queue,
  menuAttempts: r.menu_attempts,
  caseId: r.case_id,
  interactionId: r.interaction_id,
  durationSeconds: r.duration_seconds,
  recordingUrl: r.recording_url,
  transcription: r.transcription,
  startedAt: r.started_at.toISOString(),
  endedAt: r.ended_at ? r.ended_at.toISOString() : null,
});

interface Ctx {
  trx: Trx;
  provider: VoiceProvider;
  params: Record<string, string>;
  attempt: number;
  url: (event: VoiceEvent, attempt?: number) => string;
}

export class VoiceCalls {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly intake: CallIntake,
    private readonly customers: CustomerProfiles,
    private readonly policies: PolicyFacts,
    private readonly systemUsers: SystemUsers,
    private readonly screenPop: ScreenPop,
  ) {}

  /** Acts on one verified webhook request and answers its TeXML / TwiML document. */
  async handle(provider: VoiceProvider, event: VoiceEvent, attempt: number, params: Record<string, string>): Promise<string> {
    const callId = params.CallSid ?? params.CallControlId;
    if (!callId) throw new BadRequestError('VALIDATION_FAILED', 'The request names no call (CallSid).');
    const eventKey = event === 'status' ? `status:${params.SequenceNumber ?? params.CallStatus ?? ''}` : event === 'menu' || event === 'policy' ? `${event}:${attempt}` : event;
    const url = (e: VoiceEvent, a?: number) => `/api/voice/${provider}/${e}${a ? `?attempt=${a}` : ''}`;
    return withTransaction(this.db, async (trx) => {
      const claimed = await repo.claimCallback(trx, { provider, call_id: callId, event_key: eventKey, params, received_at: this.clock.now() });
      if (claimed === undefined) return (await repo.storedResponse(trx, provider, callId, eventKey)) ?? texml(provider, []);
      const ctx: Ctx = { trx, provider, params, attempt, url };
      const verbs = event === 'incoming' ? await this.incoming(ctx, callId) : await this.during(ctx, event, callId);
      const document = texml(provider, verbs);
      await repo.saveResponse(trx, claimed, document);
      return document;
    });
  }

  private async during(ctx: Ctx, event: Exclude<VoiceEvent, 'incoming'>, callId: string): Promise<Verb[]> {
    const call = await repo.findCall(ctx.trx, ctx.provider, callId);
    // A callback for a call never announced (or on a line since removed): stored, nothing else.
    if (!call) return event === 'status' || event === 'transcription' ? [] : [{ say: 'Sorry, something went wrong. Goodbye.' }, { hangup: true }];
    const line = (await lines.findLine(ctx.trx, call.line_id))!;
    switch (event) {
      case 'policy':
        return this.policyNumber(ctx, call, line);
      case 'menu':
        return this.menuChoice(ctx, call, line);
      case 'voicemail':
        await repo.updateCall(ctx.trx, call.id, { recording_url: call.recording_url ?? ctx.params.RecordingUrl ?? null, updated_at: this.clock.now() });
        return [{ say: 'Thank you for your message. We will call you back on the next business day. Goodbye.' }, { hangup: true }];
      case 'transcription':
        await this.voicemailCase(ctx, call, line);
        return [];
      case 'status':
        await this.status(ctx, call);
        return [];
    }
  }

  private async actor(trx: Trx, line: lines.PhoneLineRow): Promise<Actor> {
    return this.systemUsers.actorFor(trx, 'telephony', line.branch_id);
  }

  private async incoming(ctx: Ctx, callId: string): Promise<Verb[]> {
    const to = callerNumber(ctx.params.To);
    const line = await lines.findLineByNumber(ctx.trx, to);
    if (!line || !line.active) return [{ say: 'The number you have called is not in service. Goodbye.' }, { hangup: true }];
    const from = callerNumber(ctx.params.From);
    const now = this.clock.now();
    const matches = from.startsWith('+') ? await this.customers.byPhone(ctx.trx, from) : [];
    const afterHours = !(await this.intake.isOpen(ctx.trx, line.calendar_id, now));
    const voicemail = afterHours && line.after_hours === 'voicemail';
    const inserted = await repo.insertCall(ctx.trx, {
      provider: ctx.provider,
      call_id: callId,
      line_id: line.id,
      from_number: from,
      caller_match: matches.length === 1 ? 'identified' : matches.length > 1 ? 'ambiguous' : 'unknown',
      customer_id: matches.length === 1 ? matches[0]!.id : null,
      candidate_ids: matches.length > 1 ? matches.map((m) => m.id) : [],
      status: 'ringing',
      after_hours: afterHours,
      queue: voicemail ? 'voicemail' : null,
      started_at: now,
      updated_at: now,
    });
    // Status callbacks that overtook this one (stored, not applied: there was no call yet) apply now, in order.
    for (const early of await repo.statusCallbacks(ctx.trx, ctx.provider, callId)) {
      await this.status({ ...ctx, params: early }, (await repo.findCall(ctx.trx, ctx.provider, callId)) ?? inserted);
    }
    if (afterHours && !voicemail) return [{ say: line.greeting }, { say: 'We are closed now. Please call again during business hours. Goodbye.' }, { hangup: true }];
    if (voicemail) {
      return [
        { say: line.greeting },
        { say: line.voicemail_prompt },
        { record: { action: ctx.url('voicemail'), transcriptionCallback: ctx.url('transcription'), maxLength: 180 } },
        { say: 'We did not receive a message. Goodbye.' },
        { hangup: true },
      ];
    }
    if (matches.length > 1) return [{ say: line.greeting }, ...this.askPolicy(ctx, 1)];
    return this.menu(ctx, line, 1, [line.greeting]);
  }

  private askPolicy(ctx: Ctx, attempt: number): Verb[] {
    return [
      { gather: { action: ctx.url('policy', attempt), finishOnKey: '#', timeout: 8, say: ['Please enter your policy number, then press the pound key.'] } },
      { redirect: ctx.url('policy', attempt) },
    ];
  }

  /** The menu; the Redirect after the Gather is the "no key pressed" path, which counts as a try. */
  private menu(ctx: Ctx, line: lines.PhoneLineRow, attempt: number, before: string[] = []): Verb[] {
    const options = [...(line.urgent ? [`${line.urgent.label}: press ${line.urgent.digit}.`] : []), ...line.menu.map((m) => `${m.label}: press ${m.digit}.`)];
    // No finish key: * and # may be menu choices (a Gather's default finish key is #).
    return [{ gather: { action: ctx.url('menu', attempt), numDigits: 1, finishOnKey: '', timeout: 6, say: [...before, ...options] } }, { redirect: ctx.url('menu', attempt) }];
  }

  private async policyNumber(ctx: Ctx, call: repo.CallRow, line: lines.PhoneLineRow): Promise<Verb[]> {
    const digits = (ctx.params.Digits ?? '').replace(/[^0-9]/g, '');
    const holder = digits ? await this.policies.holderByNumberDigits(ctx.trx, call.candidate_ids, digits) : undefined;
    if (holder) {
      await repo.updateCall(ctx.trx, call.id, { customer_id: holder.customerId, updated_at: this.clock.now() });
      return this.menu(ctx, line, 1, ['Thank you.']);
    }
    if (ctx.attempt < MENU_TRIES) return [{ say: 'We could not find that policy.' }, ...this.askPolicy(ctx, ctx.attempt + 1)];
    // Still not known: the agent will identify the caller (the call is logged as an unknown contact).
    return this.menu(ctx, line, 1, ['An agent will confirm who you are.']);
  }

  private async menuChoice(ctx: Ctx, call: repo.CallRow, line: lines.PhoneLineRow): Promise<Verb[]> {
    const digit = (ctx.params.Digits ?? '').trim();
    await repo.updateCall(ctx.trx, call.id, { menu_attempts: Math.max(call.menu_attempts, ctx.attempt), updated_at: this.clock.now() });
    if (line.urgent && digit === line.urgent.digit) {
      await this.route(ctx, call, line, { queue: 'urgent', type: 'claim_follow_up', priority: 'urgent', title: `Urgent — ${line.urgent.label}` });
      return [{ say: 'Connecting you to the first free agent now.' }, { enqueue: 'urgent' }];
    }
    const option = line.menu.find((m) => m.digit === digit);
    if (option) {
      await this.route(ctx, call, line, { queue: option.queue, type: QUEUE_CASES[option.queue].type, priority: 'normal', title: QUEUE_CASES[option.queue].title });
      return [{ say: 'Thank you. Please hold while we connect you.' }, { enqueue: option.queue }];
    }
    if (ctx.attempt < MENU_TRIES) return this.menu(ctx, line, ctx.attempt + 1, [digit ? 'Sorry, that is not one of the choices.' : 'Sorry, we did not hear a choice.']);
    // The final fallback: never another round of the menu.
    await this.route(ctx, call, line, { queue: 'agent', type: 'question', priority: 'normal', title: QUEUE_CASES.agent.title });
    return [{ say: 'Let me put you through to an agent.' }, { enqueue: 'agent' }];
  }

  /** The call's case (opened, or the customer's recent one joined) and its interaction. */
  private async route(ctx: Ctx, call: repo.CallRow, line: lines.PhoneLineRow, to: { queue: RingingQueue; type: CaseType; priority: Priority; title: string }) {
    if (call.case_id) return;
    const actor = await this.actor(ctx.trx, line);
    const subject = `${line.name}: ${to.title}`;
    const opened = await this.intake.openCase(ctx.trx, actor, {
      customerId: call.customer_id,
      type: to.type,
      priority: to.priority,
      subject,
      description: `Phone call from ${call.from_number} to ${line.name} (${line.number})${call.customer_id ? '' : ', caller not identified'}.`,
    });
    const interactionId = await this.intake.logCall(ctx.trx, actor, {
      customerId: call.customer_id,
      phone: call.from_number,
      subject,
      caseId: opened.id,
      notes: `${ctx.provider} call ${call.call_id}; ${opened.joined ? 'joined' : 'opened'} ${opened.caseNumber}.`,
      occurredAt: call.started_at,
    });
    const updated = await repo.updateCall(ctx.trx, call.id, { queue: to.queue, case_id: opened.id, interaction_id: interactionId, updated_at: this.clock.now() });
    if (terminal(updated.status)) {
      await this.complete(ctx.trx, updated);
      return;
    }
    // The screen pop: the call rings for the agents available in its queue, in the case's branch.
    const branchId = updated.customer_id ? ((await this.customers.header(ctx.trx, updated.customer_id))?.branchId ?? line.branch_id) : line.branch_id;
    await this.screenPop.ring(ctx.trx, {
      id: updated.id,
      queue: to.queue,
      branchId,
      lineId: line.id,
      from: updated.from_number,
      customerId: updated.customer_id,
      caseId: opened.id,
      interactionId,
    });
  }

  private async voicemailCase(ctx: Ctx, call: repo.CallRow, line: lines.PhoneLineRow) {
    if (call.case_id) return;
    const text = (ctx.params.TranscriptionText ?? '').trim() || '(no transcription)';
    const recording = ctx.params.RecordingUrl ?? call.recording_url;
    const actor = await this.actor(ctx.trx, line);
    const subject = `${line.name}: Voicemail`;
    const opened = await this.intake.openCase(ctx.trx, actor, {
      customerId: call.customer_id,
      type: 'question',
      priority: 'normal',
      subject,
      description: `Voicemail from ${call.from_number} after hours:\n${text}${recording ? `\nRecording: ${recording}` : ''}`,
      joinRecent: false,
    });
    const interactionId = await this.intake.logCall(ctx.trx, actor, {
      customerId: call.customer_id,
      phone: call.from_number,
      subject,
      caseId: opened.id,
      notes: `Voicemail: ${text}`,
      occurredAt: call.started_at,
    });
    const updated = await repo.updateCall(ctx.trx, call.id, {
      case_id: opened.id,
      interaction_id: interactionId,
      transcription: text,
      recording_url: recording ?? null,
      updated_at: this.clock.now(),
    });
    if (terminal(updated.status)) await this.complete(ctx.trx, updated);
  }

  private async status(ctx: Ctx, call: repo.CallRow) {
    const next = STATUS[ctx.params.CallStatus ?? ''];
    // Only forward: a late "ringing" after "completed" changes nothing.
    if (!next || rank(next) <= rank(call.status)) return;
    const now = this.clock.now();
    const duration = Number.parseInt(ctx.params.CallDuration ?? '', 10);
    const updated = await repo.updateCall(ctx.trx, call.id, {
      status: next,
      ...(terminal(next) ? { ended_at: now, duration_seconds: Number.isFinite(duration) && duration >= 0 ? duration : null } : {}),
      recording_url: call.recording_url ?? ctx.params.RecordingUrl ?? null,
      updated_at: now,
    });
    if (!terminal(next)) return;
    // A caller who hangs up while the call rings: the pop ends now, and the call is missed.
    await this.screenPop.hungUp(ctx.trx, call.id);
    if (updated.interaction_id) await this.complete(ctx.trx, updated);
    else if (updated.queue !== 'voicemail') {
      // Hung up before choosing (or closed): the call is still logged, without a case.
      const line = (await lines.findLine(ctx.trx, call.line_id))!;
      const actor = await this.actor(ctx.trx, line);
      const interactionId = await this.intake.logCall(ctx.trx, actor, {
        customerId: updated.customer_id,
        phone: updated.from_number,
        subject: `${line.name}: ${updated.after_hours ? 'Call after hours' : 'Call ended in the menu'}`,
        caseId: null,
        notes: `${ctx.provider} call ${updated.call_id}.`,
        occurredAt: updated.started_at,
      });
      await this.complete(ctx.trx, await repo.updateCall(ctx.trx, call.id, { interaction_id: interactionId }));
    }
    // A voicemail's call is logged with its case when the transcription arrives.
  }

  /** The call's interaction gets its duration, outcome and the recording and transcription links (once). */
  private async complete(trx: Trx, call: repo.CallRow) {
    if (!call.interaction_id) return;
    const outcome =
      call.status === 'completed'
        ? call.queue
          ? `completed (${call.queue === 'voicemail' ? 'voicemail' : `queue ${call.queue}`})`
          : 'completed in the menu'
        : call.status.replace('_', ' ');
    const links = [call.recording_url ? `Recording: ${call.recording_url}` : null, call.transcription ? `Transcription: ${call.transcription}` : null].filter(Boolean).join('\n');
    await this.intake.completeCall(trx, call.interaction_id, { durationSeconds: call.duration_seconds, outcome, notes: links || null });
  }

  async callsOfLine(lineId: string, limit = 50): Promise<VoiceCall[]> {
    return (await repo.callsOfLine(this.db, lineId, limit)).map(toVoiceCall);
  }
}
