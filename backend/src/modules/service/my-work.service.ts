// "My work": the current agent's open tasks and cases in one queue ordered by what falls due first
// (a task's due time, a case's resolution due time), each flagged overdue or at risk. At risk: due
// within the next AT_RISK_BUSINESS_MINUTES of business time on the agent's branch calendar — so a
// task due first thing Monday is at risk on Friday afternoon. A paused case (pending) has no due
// time while it waits and goes last.
import type { MyWork, MyWorkItem } from '../../contracts/service';
import type { Db } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { scoped } from '../../platform/scope';
import type { CalendarsService } from './calendars.service';
import type { CasesService } from './cases.service';
import * as repo from './tasks.repository';
import type { TaskService } from './tasks.service';

export const AT_RISK_BUSINESS_MINUTES = 240;

export class MyWorkService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly calendars: CalendarsService,
    private readonly tasks: TaskService,
    private readonly cases: CasesService,
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
    // What falls due first; undated (paused) last; then by id for a stable order.
    const key = (item: MyWorkItem) => (item.dueAt ? Date.parse(item.dueAt) : Number.POSITIVE_INFINITY);
    items.sort((a, b) => key(a) - key(b) || (a.kind === 'task' ? a.task.id : a.case.id).localeCompare(b.kind === 'task' ? b.task.id : b.case.id));
    const caseItems = items.filter((i) => i.kind === 'case');
    return {
      items: items.slice(0, limit),
      counts: {
        open: taskCounts.open + caseItems.length,
        overdue: taskCounts.overdue + caseItems.filter((i) => i.overdue).length,
        atRisk: taskCounts.at_risk + caseItems.filter((i) => i.atRisk).length,
      },
    };
  }
}
