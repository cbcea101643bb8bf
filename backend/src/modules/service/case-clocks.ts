// The clocks of a case, driven by its SLA policy (type and priority): first response and resolution
// start with the case (complaints add acknowledgement and final response); a reply fulfils the
// response clocks; the customer's next contact after a reply (re)starts the next-response clock;
// pending pauses the resolution clock only; resolving stops every clock; reopening resumes the
// resolution clock with the time it used; a priority change re-targets every clock still counting
// (the business time used stays).
import type { CaseAction, CaseStatus, ClockMetric, SlaClock } from '../../contracts/service';
import type { DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { ClocksService } from './clocks.service';
import type { ClockState } from './sla-clock';
import { CASE_METRICS, type CaseMetric, type SlaPoliciesService } from './sla-policies.service';

const minutes = (ms: number) => Math.floor(ms / 60_000);

export const clockDto = (metric: ClockMetric, s: ClockState): SlaClock => ({
  metric,
  status: s.status,
  targetMinutes: s.targetMs === null ? null : minutes(s.targetMs),
  usedMinutes: minutes(s.usedMs),
  remainingMinutes: s.remainingMs === null ? null : Math.ceil(s.remainingMs / 60_000),
  dueAt: s.dueAt ? s.dueAt.toISOString() : null,
  breached: s.breached,
  warned: s.warningRecorded,
  breachRecorded: s.breachRecorded,
});

/** The earliest due time among a case's running clocks (what My work orders by); null when none runs. */
export function earliestDue(states: Map<ClockMetric, ClockState>): Date | null {
  let due: Date | null = null;
  for (const s of states.values()) if (s.status === 'running' && s.dueAt && (!due || s.dueAt < due)) due = s.dueAt;
  return due;
}

interface CaseRef {
  id: string;
  type: string;
  priority: string;
  branch_id: string;
}

export class CaseClocks {
  constructor(
    private readonly clocks: ClocksService,
    private readonly policies: SlaPoliciesService,
  ) {}

  /** At creation: first response and resolution; a complaint's acknowledgement and final response too. */
  async start(trx: Trx, actor: Actor | null, c: CaseRef): Promise<void> {
    const { minutes: targets } = await this.policies.targets(trx, c.type, c.priority);
    const metrics: CaseMetric[] = ['first_response', 'resolution', ...(c.type === 'complaint' ? (['acknowledgement', 'final_response'] as const) : [])];
    for (const metric of metrics)
      await this.clocks.record(trx, actor, { type: 'case', id: c.id }, metric, { type: 'start', targetMinutes: targets[metric], branchId: c.branch_id });
  }

  /** The priority changed: every clock still counting takes the new policy's target. */
  async retarget(trx: Trx, actor: Actor | null, c: CaseRef, priority: string): Promise<void> {
    const { minutes: targets } = await this.policies.targets(trx, c.type, priority);
    const states = await this.clocks.statesOf(trx, { type: 'case', id: c.id });
    for (const metric of CASE_METRICS) {
      const s = states.get(metric);
      if (!s || s.status === 'not_started' || s.status === 'fulfilled') continue;
      const target = targets[metric];
      if ((s.targetMs === null ? null : s.targetMs / 60_000) === target) continue;
      await this.clocks.record(trx, actor, { type: 'case', id: c.id }, metric, { type: 'policy_change', targetMinutes: target, reason: `priority ${priority}` });
    }
  }

  /** What a status transition does to the clocks. */
  async onTransition(trx: Trx, actor: Actor, caseId: string, action: CaseAction, from: CaseStatus): Promise<void> {
    const subject = { type: 'case' as const, id: caseId };
    const states = await this.clocks.statesOf(trx, subject);
    const status = (m: ClockMetric) => states.get(m)?.status ?? 'not_started';
    if (action === 'pend' && status('resolution') === 'running') await this.clocks.record(trx, actor, subject, 'resolution', { type: 'pause', reason: action });
    if (action === 'open' && from === 'pending' && status('resolution') === 'paused')
      await this.clocks.record(trx, actor, subject, 'resolution', { type: 'resume', reason: action });
    if (action === 'reopen' && status('resolution') === 'fulfilled') await this.clocks.record(trx, actor, subject, 'resolution', { type: 'resume', reason: action });
    if (action === 'resolve') {
      for (const metric of CASE_METRICS) {
        const st = status(metric);
        if (st === 'running' || st === 'paused') await this.clocks.record(trx, actor, subject, metric, { type: 'fulfil', reason: action });
      }
    }
  }

  /** An answer to the customer: the first response, the acknowledgement (complaints) and the pending next response are given. */
  async onReply(trx: Trx, actor: Actor, caseId: string): Promise<void> {
    const subject = { type: 'case' as const, id: caseId };
    const states = await this.clocks.statesOf(trx, subject);
    for (const metric of ['first_response', 'next_response', 'acknowledgement'] as const) {
      const st = states.get(metric)?.status;
      if (st === 'running' || st === 'paused') await this.clocks.record(trx, actor, subject, metric, { type: 'fulfil', reason: 'reply' });
    }
  }

  /** The customer contacted us again about the case: after a first response, a next response is owed. */
  async onCustomerContact(trx: Trx, actor: Actor, c: CaseRef): Promise<void> {
    const subject = { type: 'case' as const, id: c.id };
    const states = await this.clocks.statesOf(trx, subject);
    if (states.get('first_response')?.status !== 'fulfilled') return;
    const next = states.get('next_response')?.status ?? 'not_started';
    if (next === 'not_started') {
      const { minutes: targets } = await this.policies.targets(trx, c.type, c.priority);
      await this.clocks.record(trx, actor, subject, 'next_response', { type: 'start', targetMinutes: targets.next_response, branchId: c.branch_id });
    } else if (next === 'fulfilled') {
      await this.clocks.record(trx, actor, subject, 'next_response', { type: 'restart', reason: 'customer contact' });
    }
  }

  async states(db: DbOrTrx, caseId: string, now?: Date): Promise<Map<ClockMetric, ClockState>> {
    return this.clocks.statesOf(db, { type: 'case', id: caseId }, now);
  }
  /** The clocks of several cases (one query): case id → metric → state. */
  async statesOfCases(db: DbOrTrx, caseIds: readonly string[], now?: Date): Promise<Map<string, Map<ClockMetric, ClockState>>> {
    return this.clocks.statesOfMany(db, 'case', caseIds, now);
  }

  /** The case's started clocks, in the order of the metrics. */
  async dtos(db: DbOrTrx, caseId: string): Promise<SlaClock[]> {
    const states = await this.states(db, caseId);
    return CASE_METRICS.filter((m) => states.has(m)).map((m) => clockDto(m, states.get(m)!));
  }
}
