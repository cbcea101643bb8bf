// Follow-up tasks: the one service every module creates tasks through (renewal offers, grace
// notices, information requests…), so whatever an agent must do appears in one place. Idempotent
// by (source, sourceKey); every change checks branch scope, state and version, and writes history
// and audit in the same transaction.
import type { CreateTaskBody, Priority, RecordLink, Task, TaskListQuery, UpdateTaskBody } from '../../contracts/service';
import type { Page } from '../../contracts/common';
import { withTransaction, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import { assertInScope, visibleOr404 } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { CustomerProfiles } from '../customers/customer-profiles';
import type { AgentDirectory } from '../identity/agent-directory';
import * as repo from './tasks.repository';

/** What a module (or an agent) asks for. `assigneeId` or `branchId` (or both); without either, the actor's branch. */
export interface NewTask {
  title: string;
  description?: string;
  dueAt: Date;
  /** Remind the assignee then (at or before `dueAt`). */
  remindAt?: Date;
  assigneeId?: string;
  branchId?: string;
  priority?: Priority;
  links?: RecordLink[];
  /** `manual` for an agent; the module's name otherwise. */
  source: string;
  /** With `source`: the same (source, key) again returns the first task and changes nothing. */
  sourceKey?: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

const auditView = (t: repo.TaskRow) => ({
  title: t.title,
  status: t.status,
  priority: t.priority,
  dueAt: t.due_at,
  remindAt: t.remind_at,
  assigneeId: t.assignee_id,
  branchId: t.branch_id,
  outcome: t.outcome,
});

export class TaskService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly agents: AgentDirectory,
    private readonly customers: CustomerProfiles,
  ) {}

  /** Task DTOs for views (customer names in one query). */
  async toTasks(db: DbOrTrx, rows: repo.TaskView[], history?: repo.TaskHistoryRow[]): Promise<Task[]> {
    const customers = await this.customers.summaries(db, [...new Set(rows.map((r) => r.customer_id).filter((id): id is string => !!id))]);
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      description: r.description,
      status: r.status,
      priority: r.priority,
      dueAt: r.due_at.toISOString(),
      remindAt: iso(r.remind_at),
      remindedAt: iso(r.reminded_at),
      assignee: person(r.assignee_id, r.assignee_name),
      branchId: r.branch_id,
      customer: (r.customer_id && customers.get(r.customer_id)) || null,
      links: r.links as RecordLink[],
      source: r.source,
      sourceKey: r.source_key,
      outcome: r.outcome,
      completedAt: iso(r.completed_at),
      completedBy: person(r.completed_by, r.completed_by_name),
      createdAt: r.created_at.toISOString(),
      createdBy: person(r.created_by, r.created_by_name),
      history: (history ?? []).map((h) => ({ event: h.event, details: h.details, changedBy: person(h.changed_by, h.changed_by_name), changedAt: h.changed_at.toISOString() })),
      version: r.version,
    }));
  }

  private async view(db: DbOrTrx, id: string): Promise<Task> {
    const row = (await repo.findTask(db, id))!;
    return (await this.toTasks(db, [row], await repo.historyOf(db, id)))[0]!;
  }

  private async checkAssignee(db: DbOrTrx, assigneeId: string, branchId: string) {
    if (!(await this.agents.isAssignable(db, assigneeId, branchId))) {
      throw new ValidationError([{ path: 'assigneeId', message: 'Not an active agent of the task’s branch' }], 'The assignee cannot take this task.', 'TASK_ASSIGNEE_INVALID');
    }
  }

  /**
   * Creates a task in `db` (pass your transaction). The same (source, sourceKey) again returns the
   * first task (`created: false`) whatever else differs. An actor's tasks stay in their branches;
   * a module acting on its own (actor null) names the branch.
   */
  async create(db: DbOrTrx, actor: Actor | null, input: NewTask): Promise<{ task: Task; created: boolean }> {
    const run = async (trx: DbOrTrx) => {
      if (input.sourceKey) {
        const existing = await repo.findBySourceKey(trx, input.source, input.sourceKey);
        if (existing) {
          if (actor) visibleOr404(actor, existing, 'task');
          return { task: await this.view(trx, existing.id), created: false };
        }
      }
      const branchId = input.branchId ?? actor?.branchId;
      if (!branchId) throw new Error('A task made without an actor names its branch');
      if (actor) assertInScope(actor, branchId, 'branch');
      if (input.assigneeId) await this.checkAssignee(trx, input.assigneeId, branchId);
      const links = input.links ?? [];
      const customerId = links.find((l) => l.kind === 'customer')?.id ?? null;
      if (customerId) {
        if (actor) await this.customers.branchOf(trx, actor, customerId);
        else if (!(await this.customers.summaries(trx, [customerId])).size) throw new NotFoundError('customer');
      }
      const now = this.clock.now();
      const row = await repo.insertTaskIfNew(trx, {
        title: input.title,
        description: input.description ?? null,
        priority: input.priority ?? 'normal',
        due_at: input.dueAt,
        remind_at: input.remindAt ?? null,
        assignee_id: input.assigneeId ?? null,
        branch_id: branchId,
        customer_id: customerId,
        links,
        source: input.source,
        source_key: input.sourceKey ?? null,
        created_at: now,
        created_by: actor?.userId ?? null,
        updated_at: now,
      });
      // Another transaction made the same (source, key) between the look-up and the insert.
      if (!row) return { task: await this.view(trx, (await repo.findBySourceKey(trx, input.source, input.sourceKey!))!.id), created: false };
      await repo.insertHistory(trx, {
        task_id: row.id,
        event: 'created',
        details: { assigneeId: row.assignee_id, dueAt: row.due_at },
        changed_by: actor?.userId ?? null,
        changed_at: now,
      });
      await this.audit.record(trx, { actor, action: 'task.create', entity: { type: 'task', id: row.id }, branchId, after: auditView(row), metadata: { source: row.source } });
      return { task: await this.view(trx, row.id), created: true };
    };
    return 'isTransaction' in db && db.isTransaction ? run(db) : withTransaction(db as Db, run);
  }

  /** POST /tasks: an agent's task (`manual`). */
  createManual(actor: Actor, body: CreateTaskBody) {
    return this.create(this.db, actor, { ...body, dueAt: new Date(body.dueAt), remindAt: body.remindAt ? new Date(body.remindAt) : undefined, source: 'manual' });
  }

  async get(actor: Actor, id: string): Promise<Task> {
    visibleOr404(actor, await repo.findTask(this.db, id), 'task');
    return this.view(this.db, id);
  }

  async list(actor: Actor, query: TaskListQuery): Promise<Page<Task>> {
    const { limit, cursor, ...filter } = query;
    const page = await repo.listTasks(this.db, actor, filter, { limit, cursor });
    return { items: await this.toTasks(this.db, page.items), nextCursor: page.nextCursor };
  }

  /** Reassign, move the due time or change the priority of an open task (If-Match). */
  async update(actor: Actor, id: string, version: number, input: UpdateTaskBody): Promise<Task> {
    return withTransaction(this.db, async (trx) => {
      const before = visibleOr404(actor, await repo.findTaskForUpdate(trx, id), 'task');
      if (before.version !== version) throw new PreconditionFailedError(before.version);
      if (before.status !== 'open') throw new ConflictError('TASK_NOT_OPEN', 'The task is done; it can no longer change.');
      if (input.assigneeId) await this.checkAssignee(trx, input.assigneeId, before.branch_id);
      const now = this.clock.now();
      const patch: Partial<repo.TaskRow> = { updated_at: now };
      const events: [repo.TaskHistoryRow['event'], Record<string, unknown>][] = [];
      if (input.assigneeId !== undefined && input.assigneeId !== before.assignee_id) {
        patch.assignee_id = input.assigneeId;
        events.push(['reassigned', { from: before.assignee_id, to: input.assigneeId }]);
      }
      if (input.dueAt !== undefined && new Date(input.dueAt).getTime() !== before.due_at.getTime()) {
        patch.due_at = new Date(input.dueAt);
        events.push(['due_changed', { from: before.due_at, to: patch.due_at }]);
      }
      if (input.priority !== undefined && input.priority !== before.priority) {
        patch.priority = input.priority;
        events.push(['priority_changed', { from: before.priority, to: input.priority }]);
      }
      const remindAt = input.remindAt === undefined ? before.remind_at : input.remindAt === null ? null : new Date(input.remindAt);
      if ((remindAt?.getTime() ?? null) !== (before.remind_at?.getTime() ?? null)) {
        // A new reminder time arms it again.
        patch.remind_at = remindAt;
        patch.reminded_at = null;
        events.push(['reminder_changed', { from: before.remind_at, to: remindAt }]);
      }
      if (remindAt && remindAt > (patch.due_at ?? before.due_at)) throw new ValidationError([{ path: 'remindAt', message: 'Remind at or before the due time' }]);
      const row = (await repo.updateTaskIfVersion(trx, id, version, patch))!;
      for (const [event, details] of events) await repo.insertHistory(trx, { task_id: id, event, details, changed_by: actor.userId, changed_at: now });
      await this.audit.record(trx, { actor, action: 'task.update', entity: { type: 'task', id }, branchId: row.branch_id, before: auditView(before), after: auditView(row) });
      return this.view(trx, id);
    });
  }

  /** Told of each completed task in its transaction (onboarding milestones fulfil their clocks). */
  onCompleted?: (trx: Trx, actor: Actor, taskId: string) => Promise<void>;

  /**
   * Closes the open task a module made for (source, sourceKey), in `db` (pass your transaction), when
   * what it asked for has happened without anyone doing it (the overdue premium was paid, the
   * renewal was accepted). No task, or a task done already: nothing. True when it closed one.
   */
  async closeBySource(db: DbOrTrx, source: string, sourceKey: string, outcome: string): Promise<boolean> {
    const found = await repo.findBySourceKey(db, source, sourceKey);
    if (!found || found.status !== 'open') return false;
    const before = (await repo.findTaskForUpdate(db, found.id))!;
    if (before.status !== 'open') return false;
    const now = this.clock.now();
    const row = (await repo.updateTaskIfVersion(db, before.id, before.version, { status: 'done', outcome, completed_at: now, completed_by: null, updated_at: now }))!;
    await repo.insertHistory(db, { task_id: row.id, event: 'completed', details: { outcome }, changed_by: null, changed_at: now });
    await this.audit.record(db, {
      actor: null,
      action: 'task.complete',
      entity: { type: 'task', id: row.id },
      branchId: row.branch_id,
      before: auditView(before),
      after: auditView(row),
      metadata: { source },
    });
    return true;
  }

  /** Done, with how it ended (If-Match). */
  async complete(actor: Actor, id: string, version: number, outcome: string): Promise<Task> {
    return withTransaction(this.db, async (trx) => {
      const before = visibleOr404(actor, await repo.findTaskForUpdate(trx, id), 'task');
      if (before.version !== version) throw new PreconditionFailedError(before.version);
      if (before.status !== 'open') throw new ConflictError('TASK_NOT_OPEN', 'The task is done already.');
      const now = this.clock.now();
      const row = (await repo.updateTaskIfVersion(trx, id, version, { status: 'done', outcome, completed_at: now, completed_by: actor.userId, updated_at: now }))!;
      await repo.insertHistory(trx, { task_id: id, event: 'completed', details: { outcome }, changed_by: actor.userId, changed_at: now });
      await this.audit.record(trx, { actor, action: 'task.complete', entity: { type: 'task', id }, branchId: row.branch_id, before: auditView(before), after: auditView(row) });
      await this.onCompleted?.(trx, actor, id);
      return this.view(trx, id);
    });
  }
}
