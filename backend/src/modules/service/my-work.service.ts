// "My work": the current agent's open tasks and cases — and what other modules contribute through
// the work sources (claims assigned to them, requests for information they follow up) — in one queue
// ordered by what falls due first (a task's due time, a case's resolution due time, a source's own),
// each flagged overdue or at risk. At risk: due
// within the next AT_RISK_BUSINESS_MINUTES of business time on the agent's branch calendar — so a
// task due first thing Monday is at risk on Friday afternoon. A paused case (pending) has no due
// time while it waits and goes last.
import { myWorkItemId, type MyWork, type MyWorkItem } from '../../contracts/service';
import type { Db } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { scoped } from '../../platform/scope';
import type { CalendarsService } from './calendars.service';
import type { CasesService } from './cases.service';
import * as repo from './tasks.repository';
import type { TaskService } from './tasks.service';
import type { WorkSources } from './work-sources';

export const AT_RISK_BUSINESS_MINUTES = 240;
/** The most items a work source contributes (its earliest due first); its counts are over these. */
export const WORK_SOURCE_LIMIT = 500;

export class MyWorkService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly calendars: CalendarsService,
    private readonly tasks: TaskService,
    private readonly cases: CasesService,
    private readonly sources: WorkSources,
  ) {}

  async of(actor: Actor, limit: number): Promise<MyWork> {
    const now = this.clock.now();
    const riskUntil = (await this.calendars.forBranch(this.db, actor.branchId)).addMinutes(now, AT_RISK_BUSINESS_MINUTES);
    const flags = (due: Date | null) => ({ dueAt: due ? due.toISOString() : null, overdue: !!due && due < now, atRisk: !!due && due >= now && due <= riskUntil });
    const mine = () => scoped(this.db('service_tasks as t'), actor, 't.branch_id').where({ 't.assignee_id': actor.userId, 't.status': 'open' });
    const taskCounts = (await mine().first(
      this.db.raw('count(*)::integer AS open'),
      this.db.raw('(count(*) FILTER (WHERE t.due_at < ?))::integer AS overdue', [now]),
      this.db.raw('(count(*) FILTER (WHERE t.due_at >= ? AND t.due_at <= ?))::integer AS at_risk', [now, riskUntil]),
    )) as { open: number; overdue: number; at_risk: number };
    const rows = await repo.openTasksOf(this.db, actor, limit);
    const tasks = await this.tasks.toTasks(this.db, rows);
    const cases = await this.cases.openOf(actor, limit);

    const items: MyWorkItem[] = [
      ...tasks.map(({ history: _history, ...task }, i): MyWorkItem => ({ kind: 'task', task, ...flags(rows[i]!.due_at) })),
      ...cases.map(({ summary, dueAt }): MyWorkItem => ({ kind: 'case', case: summary, ...flags(dueAt) })),
    ];
    // The other modules' items (claims, requests for information), on their branches' calendars.
    const calendars = new Map<string, ReturnType<CalendarsService['forBranch']>>();
    const context = {
      now,
      limit: WORK_SOURCE_LIMIT,
      calendarOf: (branchId: string) => {
        if (!calendars.has(branchId)) calendars.set(branchId, this.calendars.forBranch(this.db, branchId));
        return calendars.get(branchId)!;
      },
    };
    const contributed: MyWorkItem[] = [];
    for (const source of this.sources.all()) for (const { item, dueAt } of await source.load(this.db, actor, context)) contributed.push({ ...item, ...flags(dueAt) } as MyWorkItem);
    items.push(...contributed);
    // What falls due first; undated (paused cases, draft claims) last; then by kind and id for a stable order.
    const key = (item: MyWorkItem) => (item.dueAt ? Date.parse(item.dueAt) : Number.POSITIVE_INFINITY);
    items.sort((a, b) => key(a) - key(b) || a.kind.localeCompare(b.kind) || myWorkItemId(a).localeCompare(myWorkItemId(b)));
    const counted = [...items.filter((i) => i.kind === 'case'), ...contributed];
    return {
      items: items.slice(0, limit),
      counts: {
        open: taskCounts.open + counted.length,
        overdue: taskCounts.overdue + counted.filter((i) => i.overdue).length,
        atRisk: taskCounts.at_risk + counted.filter((i) => i.atRisk).length,
      },
    };
  }
}
