// Onboarding playbooks (and the welcome message that opens them): templates of milestones per product category (admins edit them, If-Match,
// audited), started automatically when a policy is issued (the policies module's `onIssued` hook,
// in the issuing transaction) or by hand on a customer. Each milestone is a task (tasks service,
// source `onboarding`, due so many hours after the start, for the policy's agent or the starter)
// with an SLA clock (subject the task, metric `milestone`) whose target is the business time until
// that due time; completing the task fulfils the clock; the SLA job alerts the branch on a breach.
import type { Playbook, PlaybookTemplate, StartPlaybookBody, UpdatePlaybookTemplateBody } from '../../contracts/service';
import { withTransaction, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { ConflictError, NotFoundError, PreconditionFailedError } from '../../platform/errors';
import { visibleOr404 } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { CustomerProfiles } from '../customers/customer-profiles';
import type { AgentDirectory } from '../identity/agent-directory';
import type { NotificationService } from '../notifications/notifications.service';
import type { IssuedPolicy } from '../policies/policy-issuer';
import type { PolicyFacts } from '../policies/policy-facts';
import type { CalendarsService } from './calendars.service';
import { clockDto } from './case-clocks';
import type { ClocksService } from './clocks.service';
import * as repo from './playbooks.repository';
import type { TaskService } from './tasks.service';

const HOUR_MS = 3_600_000;

const toTemplate = (r: repo.TemplateRow): PlaybookTemplate => ({
  id: r.id,
  productCategory: r.product_category,
  name: r.name,
  milestones: r.milestones,
  active: r.active,
  version: r.version,
  updatedAt: r.updated_at.toISOString(),
});

export class PlaybooksService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly agents: AgentDirectory,
    private readonly customers: CustomerProfiles,
    private readonly policies: PolicyFacts,
    private readonly calendars: CalendarsService,
    private readonly clocks: ClocksService,
    private readonly tasks: TaskService,
    private readonly notifications: NotificationService,
  ) {}

  async templates(): Promise<PlaybookTemplate[]> {
    return (await repo.listTemplates(this.db)).map(toTemplate);
  }

  async updateTemplate(actor: Actor, id: string, version: number, body: UpdatePlaybookTemplateBody): Promise<PlaybookTemplate> {
    return withTransaction(this.db, async (trx) => {
      const before = await repo.findTemplate(trx, id, true);
      if (!before) throw new NotFoundError('playbook template');
      if (before.version !== version) throw new PreconditionFailedError(before.version);
      const row = (await repo.updateTemplateIfVersion(trx, id, version, {
        name: body.name,
        milestones: body.milestones,
        active: body.active,
        updated_at: this.clock.now(),
        updated_by: actor.userId,
      }))!;
      await this.audit.record(trx, {
        actor,
        action: 'playbook_template.update',
        entity: { type: 'playbook_template', id },
        before: { name: before.name, milestones: before.milestones, active: before.active },
        after: { name: row.name, milestones: row.milestones, active: row.active },
      });
      return toTemplate(row);
    });
  }

  /**
   * The policies module's hook: the welcome message to the customer (preferred channel, once per
   * policy), then the playbook of the product's category, once per policy.
   */
  async onPolicyIssued(trx: Trx, actor: Actor, policy: IssuedPolicy): Promise<void> {
    const facts = await this.policies.onDate(trx, policy.policyId, policy.startDate);
    if (!facts) return;
    await this.notifications.tellCustomer(trx, {
      customerId: policy.customerId,
      template: 'onboarding-welcome',
      data: { policyNumber: policy.policyNumber, productName: facts.productName, startDate: policy.startDate },
      idempotencyKey: `policy:${policy.policyId}:welcome`,
    });
    const template = await repo.templateFor(trx, facts.productCategory);
    if (!template) return;
    await this.start(trx, actor, template, {
      customerId: policy.customerId,
      branchId: policy.branchId,
      policyId: policy.policyId,
      ownerId: policy.agentId,
      trigger: 'policy_issued',
    });
  }

  /** Started by hand on a customer (the customer's branch; the starter owns the milestones). */
  async startByHand(actor: Actor, customerId: string, body: StartPlaybookBody): Promise<Playbook> {
    return withTransaction(this.db, async (trx) => {
      const branchId = await this.customers.branchOf(trx, actor, customerId);
      const template = await repo.findTemplate(trx, body.templateId);
      if (!template) throw new NotFoundError('playbook template');
      if (!template.active) throw new ConflictError('PLAYBOOK_TEMPLATE_INACTIVE', 'This playbook template is switched off.');
      if (body.policyId) {
        const policy = await this.policies.onDate(trx, body.policyId, this.clock.businessDate());
        if (!policy || policy.customer.id !== customerId) throw new NotFoundError('policy');
      }
      const id = (await this.start(trx, actor, template, { customerId, branchId, policyId: body.policyId ?? null, ownerId: actor.userId, trigger: 'manual' }))!;
      return (await this.views(trx, [(await repo.findPlaybook(trx, id))!]))[0]!;
    });
  }

  private async start(
    trx: Trx,
    actor: Actor,
    template: repo.TemplateRow,
    p: { customerId: string; branchId: string; policyId: string | null; ownerId: string; trigger: 'policy_issued' | 'manual' },
  ): Promise<string | undefined> {
    if (p.trigger === 'policy_issued' && p.policyId && (await repo.automaticOf(trx, p.policyId))) return undefined;
    const now = this.clock.now();
    const playbook = await repo.insertPlaybook(trx, {
      template_id: template.id,
      name: template.name,
      customer_id: p.customerId,
      policy_id: p.policyId,
      branch_id: p.branchId,
      trigger: p.trigger,
      started_at: now,
      started_by: actor.userId,
    });
    const calendar = await this.calendars.forBranch(trx, p.branchId);
    const assigneeId = (await this.agents.isAssignable(trx, p.ownerId, p.branchId)) ? p.ownerId : undefined;
    for (const [position, m] of template.milestones.entries()) {
      const dueAt = new Date(now.getTime() + m.dueInHours * HOUR_MS);
      const { task } = await this.tasks.create(trx, null, {
        title: m.title,
        description: `${template.name}: milestone ${position + 1} of ${template.milestones.length}`,
        dueAt,
        branchId: p.branchId,
        ...(assigneeId ? { assigneeId } : {}),
        links: [{ kind: 'customer', id: p.customerId }, ...(p.policyId ? [{ kind: 'policy' as const, id: p.policyId }] : [])],
        source: 'onboarding',
        sourceKey: `playbook:${playbook.id}:${m.key}`,
      });
      await repo.insertMilestone(trx, { playbook_id: playbook.id, key: m.key, position, title: m.title, task_id: task.id });
      // The business time until the due time (at least a minute: a due time outside business hours falls due at the next opening).
      const target = Math.max(1, Math.ceil(calendar.minutesBetween(now, dueAt)));
      await this.clocks.record(trx, null, { type: 'task', id: task.id }, 'milestone', { type: 'start', targetMinutes: target, branchId: p.branchId });
    }
    await this.audit.record(trx, {
      actor,
      action: 'playbook.start',
      entity: { type: 'playbook', id: playbook.id },
      branchId: p.branchId,
      metadata: { template: template.name, customerId: p.customerId, policyId: p.policyId, trigger: p.trigger },
    });
    return playbook.id;
  }

  /** A completed milestone task fulfils its clock (the tasks service tells, in its transaction). */
  async onTaskCompleted(trx: Trx, actor: Actor, taskId: string): Promise<void> {
    if (!(await repo.milestoneOfTask(trx, taskId))) return;
    const state = await this.clocks.state(trx, { type: 'task', id: taskId }, 'milestone');
    if (state.status === 'running' || state.status === 'paused')
      await this.clocks.record(trx, actor, { type: 'task', id: taskId }, 'milestone', { type: 'fulfil', reason: 'task done' });
  }

  /** A milestone past its due: a task for a senior agent of the branch (else its queue), once. */
  async alertBreach(trx: Trx, taskId: string): Promise<void> {
    const m = await repo.milestoneOfTask(trx, taskId);
    if (!m) return;
    const senior = (await this.agents.list(trx, m.branch_id)).find((a) => a.role === 'senior_agent');
    await this.tasks.create(trx, null, {
      title: `Onboarding milestone overdue: ${m.title}`.slice(0, 200),
      dueAt: (await this.calendars.forBranch(trx, m.branch_id)).addMinutes(this.clock.now(), 60),
      branchId: m.branch_id,
      ...(senior ? { assigneeId: senior.id } : {}),
      priority: 'high',
      links: [{ kind: 'task', id: taskId }, { kind: 'customer', id: m.customer_id }, ...(m.policy_id ? [{ kind: 'policy' as const, id: m.policy_id }] : [])],
      source: 'service',
      sourceKey: `milestone-breach:${taskId}`,
    });
  }

  /** The customer 360° section: each playbook's progress (newest five). */
  async overviewSection(db: DbOrTrx, actor: Actor, customerId: string) {
    if (!actor.permissions.has('playbooks:read')) return { count: 0, items: [] };
    const playbooks = await this.views(db, await repo.playbooksOf(db, actor, { customerId }));
    return {
      count: playbooks.length,
      items: playbooks.slice(0, 5).map((p) => ({
        id: p.id,
        title: `${p.name}: ${p.progress.done} of ${p.progress.total} milestones done${p.progress.breached ? `, ${p.progress.breached} overdue` : ''}`,
        name: p.name,
        progress: p.progress,
        policyId: p.policyId,
        startedAt: p.startedAt,
      })),
    };
  }

  async list(actor: Actor, filter: { customerId?: string; policyId?: string }): Promise<Playbook[]> {
    if (filter.customerId) await this.customers.branchOf(this.db, actor, filter.customerId);
    return this.views(this.db, await repo.playbooksOf(this.db, actor, filter));
  }

  async get(actor: Actor, id: string): Promise<Playbook> {
    const row = visibleOr404(actor, await repo.findPlaybook(this.db, id), 'playbook');
    return (await this.views(this.db, [row]))[0]!;
  }

  private async views(db: DbOrTrx, rows: repo.PlaybookRow[]): Promise<Playbook[]> {
    if (!rows.length) return [];
    const milestones = await repo.milestonesOf(
      db,
      rows.map((r) => r.id),
    );
    const result: Playbook[] = [];
    for (const r of rows) {
      const items = [];
      for (const m of milestones.filter((x) => x.playbook_id === r.id)) {
        const clock = clockDto('milestone', await this.clocks.state(db, { type: 'task', id: m.task_id }, 'milestone'));
        items.push({
          key: m.key,
          title: m.title,
          taskId: m.task_id,
          status: m.status,
          dueAt: m.due_at.toISOString(),
          completedAt: m.completed_at ? m.completed_at.toISOString() : null,
          assignee: m.assignee_id ? { id: m.assignee_id, name: m.assignee_name ?? '' } : null,
          clock,
        });
      }
      result.push({
        id: r.id,
        name: r.name,
        trigger: r.trigger,
        customerId: r.customer_id,
        policyId: r.policy_id,
        branchId: r.branch_id,
        startedAt: r.started_at.toISOString(),
        milestones: items,
        progress: { done: items.filter((i) => i.status === 'done').length, total: items.length, breached: items.filter((i) => i.clock.breached).length },
      });
    }
    return result;
  }
}
