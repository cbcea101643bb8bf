// Agent performance per agent and branch over a period (facts now; dashboards come with Analytics):
// interactions handled, cases opened (by whom) and resolved (by whom), first-contact resolution of
// inbound interactions, median first response and resolution in business hours and the SLA hit rate
// (of the case clocks met in the period, by the case's assignee), CSAT and NPS (answers in the
// period, by the agent the survey rates). Agents see themselves; senior agents and managers (and
// admins) every agent of their branches and the branches.
import { PRIORITIES, type ServiceMetrics, type ServiceMetricsQuery, type ServiceMetricsRow } from '../../contracts/service';
import type { Db } from '../../db';
import type { Actor } from '../../platform/actor';
import { zonedInstant } from '../../platform/business-time';
import type { Clock } from '../../platform/clock';
import { NotFoundError } from '../../platform/errors';
import { inScope, scoped } from '../../platform/scope';
import { keysetBatches } from '../reports/report-registry';
import type { BranchDirectory } from '../identity/branch-directory';
import type { CalendarsService } from './calendars.service';
import { clockState, type ClockEvent, type ClockEventType } from './sla-clock';
import { csatFigures, median, npsFigures, rate, round } from './service-figures';

/** A case clock fulfilled in a period, as it stood then. */
export interface MetClock {
  caseId: string;
  metric: string;
  assigneeId: string | null;
  branchId: string;
  caseType: string;
  priority: string;
  usedHours: number;
  /** null: no SLA for this metric (the clock ran, never breached). */
  targetHours: number | null;
  breached: boolean;
}

export interface SlaComplianceRow {
  branchId: string;
  branchName: string;
  caseType: string;
  priority: string;
  metric: string;
  met: number;
  withinTarget: number;
  breached: number;
  complianceRate: number | null;
  medianHours: number | null;
}

/** Urgent first. */
const priorityRank = (p: string) => PRIORITIES.indexOf(p as (typeof PRIORITIES)[number]);

interface Bucket {
  interactions: number;
  inbound: number;
  firstContact: number;
  opened: number;
  resolved: number;
  firstResponseHours: number[];
  resolutionHours: number[];
  clocksMet: number;
  clocksHit: number;
  csat: number[];
  nps: number[];
}
const bucket = (): Bucket => ({
  interactions: 0,
  inbound: 0,
  firstContact: 0,
  opened: 0,
  resolved: 0,
  firstResponseHours: [],
  resolutionHours: [],
  clocksMet: 0,
  clocksHit: 0,
  csat: [],
  nps: [],
});

export class MetricsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly calendars: CalendarsService,
    private readonly branches: BranchDirectory,
  ) {}

  async metrics(actor: Actor, query: ServiceMetricsQuery): Promise<ServiceMetrics> {
    const team = actor.permissions.has('service-team:read');
    const { from, to, limit } = this.period(actor, query);
    const db = this.db;
    const agents = new Map<string, Bucket & { branchId: string }>();
    const branches = new Map<string, Bucket>();
    const add = (agentId: string | null, branchId: string, f: (b: Bucket) => void) => {
      if (agentId && (team || agentId === actor.userId)) {
        let a = agents.get(agentId);
        if (!a) agents.set(agentId, (a = { ...bucket(), branchId }));
        f(a);
      }
      if (team) {
        let b = branches.get(branchId);
        if (!b) branches.set(branchId, (b = bucket()));
        f(b);
      }
    };

    const interactions: { agent_id: string; branch_id: string; direction: string; resolved_on_first_contact: boolean }[] = await limit(
      db('service_interactions as i').where('i.occurred_at', '>=', from).where('i.occurred_at', '<', to),
      'i.branch_id',
      'i.agent_id',
    ).select('i.agent_id', 'i.branch_id', 'i.direction', 'i.resolved_on_first_contact');
    for (const i of interactions)
      add(i.agent_id, i.branch_id, (b) => {
        b.interactions++;
        if (i.direction === 'inbound') {
          b.inbound++;
          if (i.resolved_on_first_contact) b.firstContact++;
        }
      });

    const opened: { created_by: string; branch_id: string }[] = await limit(
      db('service_cases as c').where('c.created_at', '>=', from).where('c.created_at', '<', to),
      'c.branch_id',
      'c.created_by',
    ).select('c.created_by', 'c.branch_id');
    for (const c of opened) add(c.created_by, c.branch_id, (b) => b.opened++);

    const resolved: { changed_by: string; branch_id: string }[] = await limit(
      db('service_case_status_history as h')
        .join('service_cases as c', 'c.id', 'h.case_id')
        .where('h.to_status', 'resolved')
        .where('h.changed_at', '>=', from)
        .where('h.changed_at', '<', to),
      'c.branch_id',
      'h.changed_by',
    ).select('h.changed_by', 'c.branch_id');
    for (const r of resolved) add(r.changed_by, r.branch_id, (b) => b.resolved++);

    for await (const met of this.caseClocksMet(actor, query))
      for (const clock of met)
        add(clock.assigneeId, clock.branchId, (b) => {
          if (clock.metric === 'first_response') b.firstResponseHours.push(clock.usedHours);
          if (clock.metric === 'resolution') b.resolutionHours.push(clock.usedHours);
          if (clock.targetHours !== null) {
            b.clocksMet++;
            if (!clock.breached) b.clocksHit++;
          }
        });

    const answers: { kind: 'csat' | 'nps'; score: number; agent_id: string | null; branch_id: string }[] = await limit(
      db('service_surveys as s').whereNotNull('s.answered_at').where('s.answered_at', '>=', from).where('s.answered_at', '<', to),
      's.branch_id',
      's.agent_id',
    ).select('s.kind', 's.score', 's.agent_id', 's.branch_id');
    for (const s of answers) add(s.agent_id, s.branch_id, (b) => (s.kind === 'csat' ? b.csat : b.nps).push(s.score));

    const names = new Map<string, string>(
      (
        await db('users')
          .whereIn('id', [...agents.keys()])
          .select('id', 'name')
      ).map((u: { id: string; name: string }) => [u.id, u.name]),
    );
    const branchNames = await this.branches.names(db, [...branches.keys()]);
    const row = (kind: 'agent' | 'branch', id: string, name: string, branchId: string, b: Bucket): ServiceMetricsRow => ({
      kind,
      id,
      name,
      branchId,
      interactions: b.interactions,
      casesOpened: b.opened,
      casesResolved: b.resolved,
      firstContactResolutionRate: round(rate(b.firstContact, b.inbound)),
      medianFirstResponseHours: round(median(b.firstResponseHours)),
      medianResolutionHours: round(median(b.resolutionHours)),
      slaHitRate: round(rate(b.clocksHit, b.clocksMet)),
      csat: (({ responses, average, satisfiedShare }) => ({ responses, average: round(average), satisfiedShare: round(satisfiedShare) }))(csatFigures(b.csat)),
      nps: npsFigures(b.nps),
    });
    const items = [
      ...[...branches].map(([id, b]) => row('branch', id, branchNames.get(id) ?? '', id, b)),
      ...[...agents].map(([id, a]) => row('agent', id, names.get(id) ?? '', a.branchId, a)),
    ].sort((x, y) => x.kind.localeCompare(y.kind) || x.name.localeCompare(y.name));
    if (!team && !agents.has(actor.userId))
      items.push(row('agent', actor.userId, (await db('users').where({ id: actor.userId }).first('name'))?.name ?? '', actor.branchId, bucket()));
    return { from: query.from, to: query.to, items };
  }

  /**
   * SLA compliance per branch, case type, priority and metric: the case clocks with a target met in
   * the period (within target or breached), the compliance rate and the median business hours used.
   * Scoped as `metrics`: agents see the cases assigned to them, team readers their branches.
   */
  async slaCompliance(actor: Actor, query: ServiceMetricsQuery): Promise<SlaComplianceRow[]> {
    const groups = new Map<string, { key: Omit<SlaComplianceRow, 'met' | 'withinTarget' | 'breached' | 'complianceRate' | 'medianHours'>; hours: number[]; within: number }>();
    for await (const met of this.caseClocksMet(actor, query))
      for (const c of met) {
        if (c.targetHours === null) continue;
        const id = [c.branchId, c.caseType, c.priority, c.metric].join(':');
        let g = groups.get(id);
        if (!g) groups.set(id, (g = { key: { branchId: c.branchId, branchName: '', caseType: c.caseType, priority: c.priority, metric: c.metric }, hours: [], within: 0 }));
        g.hours.push(c.usedHours);
        if (!c.breached) g.within++;
      }
    const names = await this.branches.names(this.db, [...new Set([...groups.values()].map((g) => g.key.branchId))]);
    return [...groups.values()]
      .map(({ key, hours, within }) => ({
        ...key,
        branchName: names.get(key.branchId) ?? '',
        met: hours.length,
        withinTarget: within,
        breached: hours.length - within,
        complianceRate: round(rate(within, hours.length)),
        medianHours: round(median(hours)),
      }))
      .sort(
        (a, b) =>
          a.branchName.localeCompare(b.branchName) ||
          a.caseType.localeCompare(b.caseType) ||
          priorityRank(b.priority) - priorityRank(a.priority) ||
          a.metric.localeCompare(b.metric),
      );
  }

  /** Branch names by id, for rows that name a branch the figures did not (an agent's own row). */
  branchNames(ids: string[]) {
    return this.branches.names(this.db, [...new Set(ids)]);
  }

  /** The period's instants in the business zone, and the reader's limit on a query: themselves, or the people and branches in their scope (or the one branch asked). */
  private period(actor: Actor, query: ServiceMetricsQuery) {
    if (query.branchId && !inScope(actor, query.branchId)) throw new NotFoundError('branch');
    const team = actor.permissions.has('service-team:read');
    const tz = this.clock.businessTimeZone;
    const limit = <Q extends ReturnType<Db>>(q: Q, branchColumn: string, agentColumn: string): Q => {
      scoped(q, actor, branchColumn);
      if (query.branchId) q.where(branchColumn, query.branchId);
      if (!team) q.where(agentColumn, actor.userId);
      return q;
    };
    return { from: new Date(zonedInstant(query.from, 0, tz)), to: new Date(zonedInstant(query.to, 24 * 60, tz)), limit };
  }

  /**
   * The case clocks fulfilled in the period (as each stood at its last fulfilment in it), in
   * batches of up to 500 cases (keyset by case id, so a year of a busy desk is never all in memory):
   * the business hours used, the target, breached or not, and the case's assignee, branch, type and
   * priority (as they are now).
   */
  async *caseClocksMet(actor: Actor, query: ServiceMetricsQuery): AsyncGenerator<MetClock[]> {
    const { from, to, limit } = this.period(actor, query);
    yield* this.clocksMetBetween(from, to, (q) => limit(q, 'c.branch_id', 'c.assignee_id'));
  }

  /**
   * The same walk for instants `from`–`to` (exclusive) and any scope: `narrow` limits the query of
   * case clock events joined to their case (`c`) — by the reader (above) or a KPI's scope.
   */
  async *clocksMetBetween(from: Date, to: Date, narrow: <Q extends ReturnType<Db>>(q: Q) => Q): AsyncGenerator<MetClock[]> {
    const db = this.db;
    const cases = keysetBatches<{ subject_id: string }, string>(
      (after, size) => {
        const q = narrow(
          db('service_clock_events as e')
            .join('service_cases as c', 'c.id', 'e.subject_id')
            .where('e.subject_type', 'case')
            .where('e.type', 'fulfil')
            .where('e.at', '>=', from)
            .where('e.at', '<', to),
        );
        if (after) q.where('e.subject_id', '>', after);
        return q.distinct('e.subject_id').orderBy('e.subject_id').limit(size);
      },
      (row) => row.subject_id,
      500,
    );
    for await (const batch of cases) {
      const events: {
        subject_id: string;
        metric: string;
        type: ClockEventType;
        at: Date;
        target_minutes: number | null;
        calendar_id: string;
        assignee_id: string | null;
        branch_id: string;
        case_type: string;
        priority: string;
      }[] = await db('service_clock_events as e')
        .join('service_cases as c', 'c.id', 'e.subject_id')
        .where('e.subject_type', 'case')
        .whereIn(
          'e.subject_id',
          batch.map((b) => b.subject_id),
        )
        .orderBy('e.id')
        .select('e.subject_id', 'e.metric', 'e.type', 'e.at', 'e.target_minutes', 'e.calendar_id', 'c.assignee_id', 'c.branch_id', 'c.type as case_type', 'c.priority');
      const byClock = new Map<string, typeof events>();
      for (const e of events) {
        const key = `${e.subject_id}:${e.metric}`;
        const list = byClock.get(key);
        if (list) list.push(e);
        else byClock.set(key, [e]);
      }
      const met: MetClock[] = [];
      for (const list of byClock.values()) {
        const fulfilled = list.filter((e) => e.type === 'fulfil' && e.at >= from && e.at < to).at(-1);
        if (!fulfilled) continue;
        const first = list[0]!;
        const engine = await this.calendars.engineOf(db, first.calendar_id);
        const state = clockState(
          list.filter((e) => e.at <= fulfilled.at).map((e): ClockEvent => ({ type: e.type, at: e.at, targetMinutes: e.target_minutes })),
          engine,
          fulfilled.at,
        );
        met.push({
          caseId: first.subject_id,
          metric: first.metric,
          assigneeId: first.assignee_id,
          branchId: first.branch_id,
          caseType: first.case_type,
          priority: first.priority,
          usedHours: state.usedMs / 3_600_000,
          targetHours: state.targetMs === null ? null : state.targetMs / 3_600_000,
          breached: state.breached,
        });
      }
      if (met.length) yield met;
    }
  }
}
