// The every-minute SLA job: for each clock of an open case that is counting against a target, a
// warning once its business time used reaches the policy's share of the target (default 75%), then a
// breach once past it — each recorded once per case and metric (the clock log's unique facts), with
// the escalation rule for it run in the same transaction, so a second run (or an overlapping one)
// changes nothing. Nothing fires while the clock's calendar is closed: business time does not move
// then, and no one is there to be reminded.
import type { ClockMetric } from '../../contracts/service';
import { withTransaction, type Db, type Trx } from '../../db';
import type { BusinessTime } from '../../platform/business-time';
import type { Clock } from '../../platform/clock';
import type { CalendarsService } from './calendars.service';
import * as repo from './cases.repository';
import type { ClocksService } from './clocks.service';
import type { EscalationsService } from './escalations.service';
import { clockState, type ClockEvent, type ClockEventType } from './sla-clock';
import { targetsOf, type CaseTargets, type SlaPoliciesService } from './sla-policies.service';

export const SLA_JOB = 'service.sla-clocks';

export interface SlaRunResult {
  clocks: number;
  warnings: number;
  breaches: number;
}

interface EventRow {
  subject_id: string;
  metric: ClockMetric;
  type: ClockEventType;
  at: Date;
  target_minutes: number | null;
  calendar_id: string;
}

/**
 * A clock the job has nothing to do for, told from its log alone: fulfilled (its last event up to now
 * a fulfil: only a restart brings it back), or with its warning and breach both recorded.
 */
export function settled(events: readonly { type: ClockEventType; at: Date }[], now: Date): boolean {
  let warned = false;
  let breached = false;
  let last: ClockEventType | undefined;
  for (const e of events) {
    if (e.at > now) return false;
    last = e.type;
    if (e.type === 'warning') warned = true;
    if (e.type === 'breach') breached = true;
  }
  return last === 'fulfil' || (warned && breached);
}

const BATCH = 2000;

export class SlaMonitor {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly calendars: CalendarsService,
    private readonly clocks: ClocksService,
    private readonly policies: SlaPoliciesService,
    private readonly escalations: EscalationsService,
  ) {}

  /** One run over every open case (or those of `branchIds`: a branch's run by hand, and tests that share the database). */
  async run({ branchIds }: { branchIds?: string[] } = {}): Promise<SlaRunResult> {
    const now = this.clock.now();
    const policies = await this.policies.all(this.db);
    const engineOf = this.enginesAt(now);
    const result: SlaRunResult = { clocks: 0, warnings: 0, breaches: 0 };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      // The clocks of a batch of open cases (their type and priority read with the ids, not joined per event).
      const q = this.db('service_cases').whereIn('status', ['new', 'open', 'pending']).where('id', '>', after);
      if (branchIds) q.whereIn('branch_id', branchIds);
      const cases: { id: string; type: string; priority: string }[] = await q.orderBy('id').limit(BATCH).select('id', 'type', 'priority');
      if (!cases.length) break;
      after = cases[cases.length - 1]!.id;
      const policyOf = new Map(cases.map((c) => [c.id, `${c.type}:${c.priority}`]));
      // Only the clocks with something left to record: `settled` (below) worked out in SQL, so the
      // events of fulfilled clocks and of clocks warned and breached — most of a large book's — never
      // leave the database (reading them was most of a run: docs/performance.md, Service desk).
      const rows: EventRow[] = (
        await this.db.raw(
          `SELECT subject_id, metric, type, at, target_minutes, calendar_id
             FROM (SELECT e.id, e.subject_id, e.metric, e.type, e.at, e.target_minutes, e.calendar_id,
                          bool_or(e.type = 'warning') OVER clock AS warned, bool_or(e.type = 'breach') OVER clock AS breached,
                          max(e.at) OVER clock AS last_at, first_value(e.type) OVER (clock ORDER BY e.id DESC) AS last_type
                     FROM service_clock_events e
                    WHERE e.subject_type = 'case' AND e.subject_id = ANY(?::uuid[])
                   WINDOW clock AS (PARTITION BY e.subject_id, e.metric)) x
            WHERE last_at > ? OR NOT ((warned AND breached) OR last_type = 'fulfil')
            ORDER BY id`,
          [cases.map((c) => c.id), now],
        )
      ).rows;
      const byClock = new Map<string, EventRow[]>();
      for (const r of rows) {
        const key = `${r.subject_id}:${r.metric}`;
        const list = byClock.get(key);
        if (list) list.push(r);
        else byClock.set(key, [r]);
      }
      for (const events of byClock.values()) {
        const first = events[0]!;
        // Nothing left to record: skip the business-time arithmetic (most clocks of a large book).
        if (settled(events, now)) continue;
        const { engine, open } = await engineOf(first.calendar_id);
        if (!open) continue;
        const state = clockState(
          events.map((e): ClockEvent => ({ type: e.type, at: e.at, targetMinutes: e.target_minutes })),
          engine,
          now,
        );
        if (state.status === 'fulfilled' || state.status === 'not_started' || state.targetMs === null) continue;
        if (state.warningRecorded && state.breachRecorded) continue;
        result.clocks++;
        const { warningPercent } = policies.get(policyOf.get(first.subject_id)!) ?? (targetsOf(undefined) satisfies CaseTargets);
        const warnAt = (state.targetMs * warningPercent) / 100;
        const warn = !state.warningRecorded && state.usedMs >= warnAt;
        const breach = !state.breachRecorded && state.breached;
        if (!warn && !breach) continue;
        const done = await this.raise(first.subject_id, first.metric, warn, breach);
        result.warnings += done.warned ? 1 : 0;
        result.breaches += done.breached ? 1 : 0;
      }
      if (cases.length < BATCH) break;
    }
    await this.milestones(now, branchIds, result, engineOf);
    return result;
  }

  /**
   * Each calendar's engine and whether it is open at `now`, read once per run (not once per clock:
   * 200,000 open cases are 400,000+ clocks on a handful of calendars).
   */
  private enginesAt(now: Date): (calendarId: string) => Promise<{ engine: BusinessTime; open: boolean }> {
    const engines = new Map<string, Promise<{ engine: BusinessTime; open: boolean }>>();
    return (calendarId) => {
      let entry = engines.get(calendarId);
      if (!entry) {
        entry = this.calendars.engineOf(this.db, calendarId).then((engine) => ({ engine, open: engine.isOpen(now) }));
        engines.set(calendarId, entry);
      }
      return entry;
    };
  }

  /** Onboarding milestones (open tasks with a clock): warnings and breaches once; a breach alerts the branch. */
  private async milestones(
    now: Date,
    branchIds: string[] | undefined,
    result: SlaRunResult,
    engineOf: (calendarId: string) => Promise<{ engine: BusinessTime; open: boolean }>,
  ): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const q = this.db('service_tasks').where({ status: 'open', source: 'onboarding' }).where('id', '>', after);
      if (branchIds) q.whereIn('branch_id', branchIds);
      const ids = (await q.orderBy('id').limit(BATCH).pluck('id')) as string[];
      if (!ids.length) return;
      after = ids[ids.length - 1]!;
      const rows: EventRow[] = await this.db('service_clock_events')
        .where({ subject_type: 'task', metric: 'milestone' })
        .whereIn('subject_id', ids)
        .orderBy('id')
        .select('subject_id', 'metric', 'type', 'at', 'target_minutes', 'calendar_id');
      const byTask = new Map<string, typeof rows>();
      for (const r of rows) byTask.set(r.subject_id, [...(byTask.get(r.subject_id) ?? []), r]);
      for (const [taskId, events] of byTask) {
        const { engine, open } = await engineOf(events[0]!.calendar_id);
        if (!open) continue;
        const state = clockState(
          events.map((e): ClockEvent => ({ type: e.type, at: e.at, targetMinutes: e.target_minutes })),
          engine,
          now,
        );
        if (state.status !== 'running' || state.targetMs === null) continue;
        const warn = !state.warningRecorded && state.usedMs >= state.targetMs * 0.75;
        const breach = !state.breachRecorded && state.breached;
        if (!warn && !breach) continue;
        result.clocks++;
        await withTransaction(this.db, async (trx) => {
          const subject = { type: 'task' as const, id: taskId };
          if (warn && (await this.clocks.recordOnce(trx, subject, 'milestone', 'warning'))) result.warnings++;
          if (breach && (await this.clocks.recordOnce(trx, subject, 'milestone', 'breach'))) {
            result.breaches++;
            await this.alerts?.(trx, taskId);
          }
        });
      }
      if (ids.length < BATCH) return;
    }
  }

  /** What a milestone's breach does (the playbooks: alert the branch). */
  alerts?: (trx: Trx, taskId: string) => Promise<void>;

  /** Records the facts and runs their rules in one transaction, under the case's row lock. */
  private raise(caseId: string, metric: ClockMetric, warn: boolean, breach: boolean): Promise<{ warned: boolean; breached: boolean }> {
    return withTransaction(this.db, async (trx) => {
      const row = await repo.findCaseForUpdate(trx, caseId);
      const done = { warned: false, breached: false };
      if (!row || !['new', 'open', 'pending'].includes(row.status)) return done;
      const subject = { type: 'case' as const, id: caseId };
      const label = metric.replace('_', ' ');
      if (warn && (await this.clocks.recordOnce(trx, subject, metric, 'warning'))) {
        done.warned = true;
        await this.escalations.byRule(trx, null, row, 'warning', `The ${label} clock reached its warning share`, metric);
      }
      if (breach && (await this.clocks.recordOnce(trx, subject, metric, 'breach'))) {
        done.breached = true;
        const current = (await repo.findCaseForUpdate(trx, caseId))!;
        await this.escalations.byRule(trx, null, current, 'breach', `The ${label} target was missed`, metric);
      }
      return done;
    });
  }
}
