// "My work": the current agent's open tasks (cases join later), soonest due first, with overdue and
// at-risk flags. At risk: due within the next AT_RISK_BUSINESS_MINUTES of business time on the
// agent's branch calendar — so a task due first thing Monday is at risk on Friday afternoon.
import type { MyWork } from '../../contracts/service';
import type { Db } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { scoped } from '../../platform/scope';
import type { CalendarsService } from './calendars.service';
import * as repo from './tasks.repository';
import type { TaskService } from './tasks.service';

export const AT_RISK_BUSINESS_MINUTES = 240;

export class MyWorkService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly calendars: CalendarsService,
    private readonly tasks: TaskService,
  ) {}

  async of(actor: Actor, limit: number): Promise<MyWork> {
    const now = this.clock.now();
    const riskUntil = (await this.calendars.forBranch(this.db, actor.branchId)).addMinutes(now, AT_RISK_BUSINESS_MINUTES);
    const mine = () => scoped(this.db('service_tasks as t'), actor, 't.branch_id').where({ 't.assignee_id': actor.userId, 't.status': 'open' });
    const [rows, counts] = await Promise.all([
      repo.openTasksOf(this.db, actor, limit),
      mine().first(
        this.db.raw('count(*)::integer AS open'),
        this.db.raw('(count(*) FILTER (WHERE t.due_at < ?))::integer AS overdue', [now]),
        this.db.raw('(count(*) FILTER (WHERE t.due_at >= ? AND t.due_at < ?))::integer AS at_risk', [now, riskUntil]),
      ) as Promise<{ open: number; overdue: number; at_risk: number }>,
    ]);
    const tasks = await this.tasks.toTasks(this.db, rows);
    return {
      items: tasks.map(({ history: _history, ...task }, i) => {
        const due = rows[i]!.due_at;
        return { kind: 'task' as const, task, dueAt: task.dueAt, overdue: due < now, atRisk: due >= now && due < riskUntil };
      }),
      counts: { open: counts.open, overdue: counts.overdue, atRisk: counts.at_risk },
    };
  }
}
