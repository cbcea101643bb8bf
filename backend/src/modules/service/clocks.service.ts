// The SLA clocks' log: appends an event after checking it applies (under a lock on the clock's
// subject, so two writers cannot both pause it), and reads a clock's state from its events on the
// calendar its start named. Callers pass their transaction; the case workflow (next) is the writer.
import type { DbOrTrx, Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ConflictError } from '../../platform/errors';
import type { ClockMetric } from '../../contracts/service';
import type { CalendarsService } from './calendars.service';
import { assertApplies, ClockEventRejected, clockState, type ClockEvent, type ClockEventType, type ClockState } from './sla-clock';

export type ClockSubject = { type: 'case' | 'task'; id: string };
export type { ClockMetric };

interface ClockEventRow {
  id: number;
  type: ClockEventType;
  at: Date;
  target_minutes: number | null;
  calendar_id: string;
}

export class ClocksService {
  constructor(
    private readonly clock: Clock,
    private readonly calendars: CalendarsService,
  ) {}

  private async events(db: DbOrTrx, subject: ClockSubject, metric: ClockMetric): Promise<ClockEventRow[]> {
    return db('service_clock_events')
      .where({ subject_type: subject.type, subject_id: subject.id, metric })
      .orderBy('id')
      .select('id', 'type', 'at', 'target_minutes', 'calendar_id');
  }

  /**
   * Appends an event (at now unless said). A start names the branch whose calendar the clock counts
   * in; the others use the start's. 409 CLOCK_EVENT_REJECTED when it does not apply.
   */
  async record(
    trx: Trx,
    actor: Actor | null,
    subject: ClockSubject,
    metric: ClockMetric,
    event: { type: ClockEventType; targetMinutes?: number | null; at?: Date; reason?: string; branchId?: string },
  ): Promise<ClockState> {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [`clock:${subject.type}:${subject.id}:${metric}`]);
    const rows = await this.events(trx, subject, metric);
    const next: ClockEvent = { type: event.type, at: event.at ?? this.clock.now(), ...(event.targetMinutes !== undefined ? { targetMinutes: event.targetMinutes } : {}) };
    try {
      assertApplies(rows.map(toEvent), next);
    } catch (err) {
      if (err instanceof ClockEventRejected || err instanceof RangeError) throw new ConflictError('CLOCK_EVENT_REJECTED', err.message, { event: event.type });
      throw err;
    }
    let calendarId = rows[0]?.calendar_id;
    if (!calendarId) {
      if (!event.branchId) throw new Error('A clock starts with the branch whose calendar it counts in');
      calendarId = (await this.calendars.rowForBranch(trx, event.branchId)).id;
    }
    await trx('service_clock_events').insert({
      subject_type: subject.type,
      subject_id: subject.id,
      metric,
      type: next.type,
      at: next.at,
      target_minutes: next.targetMinutes ?? null,
      calendar_id: calendarId,
      reason: event.reason ?? null,
      recorded_by: actor?.userId ?? null,
      recorded_at: this.clock.now(),
    });
    return this.state(trx, subject, metric);
  }

  /**
   * Records a warning or a breach unless the clock's log holds one already (the SLA job's facts, once
   * per clock even when two runs overlap). Whether it was recorded.
   */
  async recordOnce(trx: Trx, subject: ClockSubject, metric: ClockMetric, type: 'warning' | 'breach', at = this.clock.now()): Promise<boolean> {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [`clock:${subject.type}:${subject.id}:${metric}`]);
    const rows = await this.events(trx, subject, metric);
    if (rows.some((r) => r.type === type)) return false;
    const last = rows[rows.length - 1];
    await this.record(trx, null, subject, metric, { type, at: last && last.at > at ? last.at : at, reason: 'SLA job' });
    return true;
  }

  /** Every clock of a subject by metric (one query), at `now`. */
  async statesOf(db: DbOrTrx, subject: ClockSubject, now = this.clock.now()): Promise<Map<ClockMetric, ClockState>> {
    return (await this.statesOfMany(db, subject.type, [subject.id], now)).get(subject.id) ?? new Map();
  }

  /**
   * Every clock of each subject by metric, at `now`: one query for all their events and each calendar
   * read once (a list of cases — My work, the team view — would otherwise make a round trip per case
   * and per clock).
   */
  async statesOfMany(db: DbOrTrx, type: ClockSubject['type'], ids: readonly string[], now = this.clock.now()): Promise<Map<string, Map<ClockMetric, ClockState>>> {
    const states = new Map<string, Map<ClockMetric, ClockState>>();
    if (!ids.length) return states;
    const rows: (ClockEventRow & { subject_id: string; metric: ClockMetric })[] = await db('service_clock_events')
      .where({ subject_type: type })
      .whereIn('subject_id', [...ids])
      .orderBy('id')
      .select('id', 'subject_id', 'metric', 'type', 'at', 'target_minutes', 'calendar_id');
    const byClock = new Map<string, ClockEventRow[]>();
    for (const r of rows) {
      const key = `${r.subject_id}:${r.metric}`;
      const list = byClock.get(key);
      if (list) list.push(r);
      else byClock.set(key, [r]);
    }
    const engines = new Map<string, Awaited<ReturnType<CalendarsService['engineOf']>>>();
    for (const [key, events] of byClock) {
      const [subjectId, metric] = key.split(':') as [string, ClockMetric];
      const calendarId = events[0]!.calendar_id;
      let engine = engines.get(calendarId);
      if (!engine) engines.set(calendarId, (engine = await this.calendars.engineOf(db, calendarId)));
      let bySubject = states.get(subjectId);
      if (!bySubject) states.set(subjectId, (bySubject = new Map()));
      bySubject.set(metric, clockState(events.map(toEvent), engine, now));
    }
    return states;
  }

  /** The clock's state now (not started when it has no events). */
  async state(db: DbOrTrx, subject: ClockSubject, metric: ClockMetric, now = this.clock.now()): Promise<ClockState> {
    const rows = await this.events(db, subject, metric);
    if (!rows.length) return clockState([], await this.calendars.defaultEngine(db), now);
    return clockState(rows.map(toEvent), await this.calendars.engineOf(db, rows[0]!.calendar_id), now);
  }
}

const toEvent = (r: ClockEventRow): ClockEvent => ({ type: r.type, at: r.at, targetMinutes: r.target_minutes });
