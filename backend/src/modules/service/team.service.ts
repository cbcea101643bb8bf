// The team view for senior agents and managers: per agent of a branch (and its queue), open cases
// and tasks with how many are at risk (due within AT_RISK_BUSINESS_MINUTES on the branch calendar)
// and breached (a case clock past its target, a task past its due time), and those items, what
// breaches first on top.
import type { TeamView } from '../../contracts/service';
import type { Db } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError } from '../../platform/errors';
import { inScope } from '../../platform/scope';
import type { AgentDirectory } from '../identity/agent-directory';
import type { CalendarsService } from './calendars.service';
import type { CasesService } from './cases.service';
import { AT_RISK_BUSINESS_MINUTES } from './my-work.service';
import * as tasksRepo from './tasks.repository';
import type { TaskService } from './tasks.service';

const LIMIT = 2000;

export class TeamService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly calendars: CalendarsService,
    private readonly agents: AgentDirectory,
    private readonly tasks: TaskService,
    private readonly cases: CasesService,
  ) {}

  async of(actor: Actor, branchId = actor.branchId): Promise<TeamView> {
    if (!inScope(actor, branchId)) throw new NotFoundError('branch');
    const now = this.clock.now();
    const riskUntil = (await this.calendars.forBranch(this.db, branchId)).addMinutes(now, AT_RISK_BUSINESS_MINUTES);
    const people = await this.agents.list(this.db, branchId);
    const counts = new Map<string, { openCases: number; openTasks: number; atRisk: number; breached: number }>();
    const queue = { openCases: 0, openTasks: 0, atRisk: 0, breached: 0 };
    const of = (assigneeId: string | null) => {
      if (!assigneeId) return queue;
      let c = counts.get(assigneeId);
      if (!c) counts.set(assigneeId, (c = { openCases: 0, openTasks: 0, atRisk: 0, breached: 0 }));
      return c;
    };
    const items: { item: TeamView['items'][number]; breached: boolean }[] = [];
    const flags = (due: Date | null, breached: boolean) => ({
      dueAt: due ? due.toISOString() : null,
      overdue: breached,
      atRisk: !breached && !!due && due >= now && due <= riskUntil,
    });

    for (const c of await this.cases.openOfBranch(branchId, LIMIT)) {
      const f = flags(c.dueAt, c.breached || (!!c.dueAt && c.dueAt < now));
      const count = of(c.summary.assignee?.id ?? null);
      count.openCases++;
      if (f.overdue) count.breached++;
      if (f.atRisk) count.atRisk++;
      if (f.overdue || f.atRisk) items.push({ item: { kind: 'case', case: c.summary, ...f }, breached: f.overdue });
    }
    const rows = await tasksRepo.openTasksOfBranch(this.db, branchId, LIMIT);
    const tasks = await this.tasks.toTasks(this.db, rows);
    tasks.forEach(({ history: _history, ...task }, i) => {
      const due = rows[i]!.due_at;
      const f = flags(due, due < now);
      const count = of(task.assignee?.id ?? null);
      count.openTasks++;
      if (f.overdue) count.breached++;
      if (f.atRisk) count.atRisk++;
      if (f.overdue || f.atRisk) items.push({ item: { kind: 'task', task, ...f }, breached: f.overdue });
    });
    const key = (i: TeamView['items'][number]) => (i.dueAt ? Date.parse(i.dueAt) : Number.NEGATIVE_INFINITY);
    items.sort((a, b) => key(a.item) - key(b.item));
    return {
      branchId,
      members: people.map((p) => ({ agent: { id: p.id, name: p.name }, role: p.role, ...(counts.get(p.id) ?? { openCases: 0, openTasks: 0, atRisk: 0, breached: 0 }) })),
      queue,
      items: items.slice(0, 200).map((i) => i.item),
    };
  }
}
