// The screen pop: agents say in which queues they take calls; a call routed to a queue rings (a
// `voice_ringing_calls` row, announced at commit on `voice_ringing` to every API instance) in the
// console of the agents available there; the first who takes it gets it (a conditional UPDATE), and a
// call nobody takes within the ring time becomes a missed call (the `voice.ring-timeout` job, queued
// in the routing transaction to start when the ring time ends): a callback task for the queue's
// branch and a text to the caller through the notifications outbox.
import type { AgentAvailability, CallerCard, RingingCall, RingingQueue, VoiceQueue } from '../../contracts/voice';
import { withTransaction, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ConflictError, NotFoundError } from '../../platform/errors';
import type { JobRegistry } from '../../platform/jobs';
import { inScope } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { CustomerExtensions } from '../customers/customer-extensions';
import type { CustomerProfiles } from '../customers/customer-profiles';
import type { CallIntake } from '../service/call-intake';
import type { NotificationService } from '../notifications/notifications.service';
import type { TaskService } from '../service/tasks.service';
import * as repo from './screen-pop.repository';

export const RING_TIMEOUT_JOB = 'voice.ring-timeout';

/** When the callback task of a missed call falls due. */
const CALLBACK_DUE_MS = 60 * 60 * 1000;

const QUEUE_NAMES: Record<RingingQueue, string> = { claims: 'claims', payments: 'payments', policy_changes: 'policy changes', agent: 'agent', urgent: 'urgent' };

export class ScreenPop {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: JobRegistry,
    private readonly ringSeconds: number,
    private readonly audit: AuditService,
    private readonly customers: CustomerProfiles,
    private readonly extensions: CustomerExtensions,
    private readonly tasks: TaskService,
    private readonly notifications: NotificationService,
    private readonly intake: CallIntake,
  ) {}

  // --- Availability

  async availability(actor: Actor): Promise<AgentAvailability> {
    return toAvailability(await repo.availabilityOf(this.db, actor.userId));
  }

  async setAvailability(actor: Actor, queues: readonly VoiceQueue[]): Promise<AgentAvailability> {
    const wanted = [...new Set(queues)].sort();
    return withTransaction(this.db, async (trx) => {
      const before = await repo.availabilityOf(trx, actor.userId);
      await repo.replaceAvailability(trx, actor.userId, wanted, this.clock.now());
      const after = await repo.availabilityOf(trx, actor.userId);
      const names = (rows: { queue: string }[]) => rows.map((r) => r.queue).join(',');
      if (names(before) !== names(after)) {
        await this.audit.record(trx, {
          actor,
          action: 'agent_availability.update',
          entity: { type: 'user', id: actor.userId },
          branchId: actor.branchId,
          before: { queues: names(before) },
          after: { queues: names(after) },
        });
      }
      return toAvailability(after);
    });
  }

  // --- Ringing

  /** A routed call starts ringing (in the routing transaction): announced at commit, missed when the ring time ends. */
  async ring(
    trx: Trx,
    call: { id: string; queue: RingingQueue; branchId: string; lineId: string; from: string; customerId: string | null; caseId: string; interactionId: string | null },
  ) {
    const now = this.clock.now();
    const ringUntil = new Date(now.getTime() + this.ringSeconds * 1000);
    const row = await repo.insertRinging(trx, {
      call_id: call.id,
      queue: call.queue,
      branch_id: call.branchId,
      line_id: call.lineId,
      from_number: call.from,
      customer_id: call.customerId,
      case_id: call.caseId,
      interaction_id: call.interactionId,
      ring_until: ringUntil,
      created_at: now,
      updated_at: now,
    });
    if (row) await this.jobs.send(RING_TIMEOUT_JOB, { ringingId: row.id }, { trx, singletonKey: row.id, startAfter: ringUntil });
  }

  /** The calls ringing now for this agent: in the queues they are available in (urgent ones in any), in their branches. */
  async ringingFor(actor: Actor): Promise<RingingCall[]> {
    const queues = (await repo.availabilityOf(this.db, actor.userId)).map((a) => a.queue);
    const rows = (await repo.ringingFor(this.db, queues, this.clock.now())).filter((r) => inScope(actor, r.branch_id));
    return Promise.all(rows.map((r) => this.toRingingCall(this.db, r)));
  }

  /** A ringing call as the agents see it (the caller's card included), or undefined when there is none. */
  async view(id: string, db: DbOrTrx = this.db): Promise<{ row: repo.RingingView; call: RingingCall } | undefined> {
    const row = await repo.findView(db, id);
    return row ? { row, call: await this.toRingingCall(db, row) } : undefined;
  }

  availableFor(queue: RingingQueue): Promise<Set<string>> {
    return repo.availableFor(this.db, queue);
  }

  /** The first agent wins; the others get 409 CALL_ALREADY_TAKEN, and after the ring time 409 CALL_NO_LONGER_RINGING. */
  async take(actor: Actor, id: string): Promise<RingingCall> {
    return withTransaction(this.db, async (trx) => {
      const current = await repo.findRow(trx, id);
      if (!current || !inScope(actor, current.branch_id)) throw new NotFoundError('ringing call');
      const taken = await repo.take(trx, id, actor.userId, this.clock.now());
      if (!taken) {
        const now = await repo.findRow(trx, id);
        if (now?.status === 'taken') throw new ConflictError('CALL_ALREADY_TAKEN', 'Another agent took this call.');
        throw new ConflictError('CALL_NO_LONGER_RINGING', 'This call is no longer ringing: nobody took it in time and it is now a missed call.');
      }
      // Whoever takes the call owns its case, unless someone already does.
      const assigned = await this.intake.assignTaker(trx, actor, taken.case_id);
      await this.audit.record(trx, {
        actor,
        action: 'ringing_call.take',
        entity: { type: 'ringing_call', id },
        branchId: taken.branch_id,
        metadata: { queue: taken.queue, caseId: taken.case_id, callId: taken.call_id, caseAssigned: assigned },
      });
      return (await this.view(id, trx))!.call;
    });
  }

  /**
   * The job queued when the call started ringing: nobody took it → missed, with a callback task for the
   * queue (the call's branch) and a text to the caller. Idempotent: a call taken, or already missed,
   * is left alone; the task and the text each have their key.
   */
  async missed(ringingId: string): Promise<void> {
    await withTransaction(this.db, async (trx) => {
      const row = await repo.miss(trx, ringingId, this.clock.now());
      if (!row) {
        const current = await repo.findRow(trx, ringingId);
        // Started early (clocks apart): fail, so pg-boss runs it again later.
        if (current?.status === 'ringing') throw new Error(`Ringing call ${ringingId} rings until ${current.ring_until.toISOString()}`);
        return;
      }
      await this.followUpMissed(trx, row, 'ring_timeout');
    });
  }

  /**
   * The caller hung up while the call rang (the provider's final status, in its transaction): the pop
   * ends at once for every agent (the row's NOTIFY) and the call is missed, with its callback task and
   * text, as at the ring timeout (which then finds it no longer ringing). A call already taken or
   * missed is left alone.
   */
  async hungUp(trx: Trx, callId: string): Promise<boolean> {
    const row = await repo.missOnHangUp(trx, callId, this.clock.now());
    if (!row) return false;
    await this.followUpMissed(trx, row, 'hang_up');
    return true;
  }

  /** A missed call's callback task for its queue, the text to the caller, and the audit. Idempotent by the row's keys. */
  private async followUpMissed(trx: Trx, row: repo.RingingRow, cause: 'ring_timeout' | 'hang_up'): Promise<void> {
    const now = this.clock.now();
    const why = cause === 'hang_up' ? 'The caller hung up before anyone took the call.' : `Nobody took the call within ${this.ringSeconds} seconds.`;
    const view = (await repo.findView(trx, row.id))!;
    const links = [
      ...(row.customer_id ? [{ kind: 'customer' as const, id: row.customer_id }] : []),
      { kind: 'case' as const, id: row.case_id },
      ...(row.interaction_id ? [{ kind: 'interaction' as const, id: row.interaction_id }] : []),
    ];
    await this.tasks.create(trx, null, {
      title: `Call back ${row.from_number}: missed call to ${view.line_name} (${QUEUE_NAMES[row.queue]})`,
      description: why,
      dueAt: new Date(now.getTime() + CALLBACK_DUE_MS),
      branchId: row.branch_id,
      priority: row.queue === 'urgent' ? 'urgent' : 'high',
      links,
      source: 'voice',
      sourceKey: `missed-call:${row.id}`,
    });
    // A text to the number that called (a withheld or odd number gets none); quiet hours hold it until morning.
    if (row.from_number.startsWith('+')) {
      await this.notifications.enqueue(trx, {
        channel: 'sms',
        template: 'missed-call',
        recipient: row.from_number,
        ...(row.customer_id ? { customerId: row.customer_id } : {}),
        data: { lineName: view.line_name, lineNumber: view.line_number },
        idempotencyKey: `missed-call:${row.id}:text`,
        purpose: 'service',
      });
    }
    await this.audit.record(trx, {
      actor: null,
      action: 'ringing_call.miss',
      entity: { type: 'ringing_call', id: row.id },
      branchId: row.branch_id,
      metadata: { queue: row.queue, caseId: row.case_id, callId: row.call_id, cause },
    });
  }

  private async callerCard(db: DbOrTrx, customerId: string | null): Promise<CallerCard | null> {
    if (!customerId) return null;
    const header = await this.customers.header(db, customerId);
    if (!header) return null;
    const { branchId: _branch, ...customer } = header;
    return { customer, sections: await this.extensions.loadCallerCard(db, customerId) };
  }

  private async toRingingCall(db: DbOrTrx, r: repo.RingingView): Promise<RingingCall> {
    return {
      id: r.id,
      queue: r.queue,
      status: r.status,
      from: r.from_number,
      line: { id: r.line_id, name: r.line_name, number: r.line_number },
      caseId: r.case_id,
      interactionId: r.interaction_id,
      caller: await this.callerCard(db, r.customer_id),
      ringUntil: r.ring_until.toISOString(),
      takenBy: r.taken_by ? { id: r.taken_by, name: r.taken_by_name ?? '' } : null,
      takenAt: r.taken_at ? r.taken_at.toISOString() : null,
      version: r.version,
      createdAt: r.created_at.toISOString(),
    };
  }
}

const toAvailability = (rows: { queue: VoiceQueue; since: Date }[]): AgentAvailability => ({
  queues: rows.map((r) => ({ queue: r.queue, since: r.since.toISOString() })),
});
