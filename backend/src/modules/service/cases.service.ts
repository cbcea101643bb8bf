// Cases: created in the customer's branch with a resolution clock on the branch calendar, moved
// through the status machine (case-status.ts) one transition at a time — permission, branch scope,
// current state and version checked, status history, clock event and audit in one transaction.
import type { Page } from '../../contracts/common';
import {
  ESCALATION_LEVELS,
  type Case,
  type CaseAction,
  type CaseListQuery,
  type CaseReplyBody,
  type CaseSummary,
  type CaseTransitionBody,
  type ClockMetric,
  type CreateCaseBody,
  type ComplaintReport,
  type CsatAnswerBody,
  type EscalateCaseBody,
  type Escalation,
  type Interaction,
  type MergeCaseBody,
  type Task,
  type RecordLink,
  type UpdateCaseBody,
} from '../../contracts/service';
import { withTransaction, type Db, type DbOrTrx, type Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { zonedInstant } from '../../platform/business-time';
import { ConflictError, PreconditionFailedError, ValidationError } from '../../platform/errors';
import { assertInScope, visibleOr404 } from '../../platform/scope';
import type { AuditService } from '../audit/audit.service';
import type { CustomerProfiles } from '../customers/customer-profiles';
import type { AgentDirectory } from '../identity/agent-directory';
import { earliestDue, type CaseClocks } from './case-clocks';
import { CASE_TRANSITIONS, REOPEN_WINDOW_DAYS } from './case-status';
import * as repo from './cases.repository';
import type { EscalationsService } from './escalations.service';
import type { InteractionsService } from './interactions.service';
import { taskViews, type TaskView } from './tasks.repository';
import type { SurveysService } from './surveys.service';
import type { TaskService } from './tasks.service';
import type { ClockState } from './sla-clock';

const DAY_MS = 86_400_000;
const DONE: Record<CaseAction, string> = { open: 'opened', pend: 'set pending', resolve: 'resolved', close: 'closed', reopen: 'reopened' };
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const auditView = (c: repo.CaseRow) => ({ status: c.status, priority: c.priority, assigneeId: c.assignee_id, resolution: c.resolution, csatSuppressed: c.csat_suppressed });
const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

export class CasesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly agents: AgentDirectory,
    private readonly customers: CustomerProfiles,
    private readonly clocks: CaseClocks,
    private readonly escalations: EscalationsService,
    private readonly interactions: InteractionsService,
    private readonly tasks: TaskService,
    private readonly surveys: SurveysService,
  ) {}

  private async view(db: DbOrTrx, id: string): Promise<Case> {
    const row = (await repo.findCase(db, id))!;
    // One after another: `db` may be a transaction (one connection).
    const history = await repo.historyOf(db, id);
    const customers = await this.customers.summaries(db, row.customer_id ? [row.customer_id] : []);
    const clocks = await this.clocks.dtos(db, id);
    const escalations = await repo.escalationsOf(db, id);
    const mergedFrom = await repo.mergedFrom(db, id);
    return {
      ...this.summary(row, customers),
      description: row.description,
      mergedFrom: mergedFrom.map((m) => ({ id: m.id, caseNumber: m.case_number })),
      survey: await this.surveys.ofCase(db, id),
      clocks,
      escalations: escalations.map((e): Escalation => ({
        trigger: e.trigger,
        metric: e.metric as ClockMetric | null,
        fromLevel: e.from_level,
        toLevel: e.to_level,
        reason: e.reason,
        reassignedTo: person(e.reassigned_to, e.reassigned_to_name),
        priorityFrom: e.priority_from,
        priorityTo: e.priority_to,
        escalatedBy: person(e.escalated_by, e.escalated_by_name),
        escalatedAt: e.escalated_at.toISOString(),
      })),
      history: history.map((h) => ({
        fromStatus: h.from_status,
        toStatus: h.to_status,
        reason: h.reason,
        changedBy: { id: h.changed_by, name: h.changed_by_name },
        changedAt: h.changed_at.toISOString(),
      })),
    };
  }

  private summary(row: repo.CaseView, customers: Map<string, { id: string; customerNumber: string; name: string }>): CaseSummary {
    return {
      id: row.id,
      caseNumber: row.case_number,
      type: row.type as Case['type'],
      priority: row.priority,
      status: row.status,
      subject: row.subject,
      customer: (row.customer_id && customers.get(row.customer_id)) || null,
      branchId: row.branch_id,
      assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
      links: row.links as RecordLink[],
      resolution: row.resolution,
      resolvedAt: iso(row.resolved_at),
      closedAt: iso(row.closed_at),
      escalationLevel: row.escalation_level,
      csatSuppressed: row.csat_suppressed,
      mergedInto: row.merged_into_id ? { id: row.merged_into_id, caseNumber: row.merged_into_number ?? '' } : null,
      reopenableUntil: row.resolved_at ? new Date(row.resolved_at.getTime() + REOPEN_WINDOW_DAYS * DAY_MS).toISOString() : null,
      createdBy: { id: row.created_by, name: row.created_by_name },
      createdAt: row.created_at.toISOString(),
      version: row.version,
    };
  }

  private async checkAssignee(db: DbOrTrx, assigneeId: string, branchId: string) {
    if (!(await this.agents.isAssignable(db, assigneeId, branchId))) {
      throw new ValidationError([{ path: 'assigneeId', message: 'Not an active agent of the case’s branch' }], 'The assignee cannot take this case.', 'TASK_ASSIGNEE_INVALID');
    }
  }

  async create(actor: Actor, body: CreateCaseBody): Promise<Case> {
    return withTransaction(this.db, (trx) => this.createIn(trx, actor, body));
  }

  /** `create` in the caller's transaction (a telephony call opens its case with the call's records). */
  async createIn(trx: Trx, actor: Actor, body: CreateCaseBody): Promise<Case> {
    const branchId = body.customerId ? await this.customers.branchOf(trx, actor, body.customerId) : actor.branchId;
    assertInScope(actor, branchId, 'branch');
    if (body.assigneeId) await this.checkAssignee(trx, body.assigneeId, branchId);
    const links =
      body.customerId && !body.links.some((l) => l.kind === 'customer' && l.id === body.customerId)
        ? [{ kind: 'customer' as const, id: body.customerId }, ...body.links]
        : body.links;
    const now = this.clock.now();
    const row = await repo.insertCase(trx, {
      type: body.type,
      priority: body.priority,
      subject: body.subject,
      description: body.description ?? null,
      customer_id: body.customerId ?? null,
      branch_id: branchId,
      assignee_id: body.assigneeId ?? null,
      links,
      created_at: now,
      created_by: actor.userId,
      updated_at: now,
    });
    await repo.insertHistory(trx, { case_id: row.id, from_status: null, to_status: 'new', reason: null, changed_by: actor.userId, changed_at: now });
    await this.clocks.start(trx, actor, row);
    await this.audit.record(trx, {
      actor,
      action: 'case.create',
      entity: { type: 'case', id: row.id },
      branchId,
      after: { ...auditView(row), type: row.type, subject: row.subject },
    });
    if (row.type === 'complaint') await this.escalations.byRule(trx, actor, row, 'complaint', 'A complaint is escalated when it is opened');
    return this.view(trx, row.id);
  }

  async get(actor: Actor, id: string): Promise<Case> {
    visibleOr404(actor, await repo.findCase(this.db, id), 'case');
    return this.view(this.db, id);
  }

  async list(actor: Actor, query: CaseListQuery) {
    const { limit, cursor, ...filter } = query;
    const page = await repo.listCases(this.db, actor, filter, { limit, cursor });
    const customers = await this.customers.summaries(this.db, [...new Set(page.items.map((r) => r.customer_id).filter((c): c is string => !!c))]);
    return { items: page.items.map((r) => this.summary(r, customers)), nextCursor: page.nextCursor } satisfies Page<unknown>;
  }

  /** A branch's open cases with the earliest due of their running clocks and whether a clock is past its target (the team view). */
  async openOfBranch(branchId: string, limit: number): Promise<{ summary: CaseSummary; dueAt: Date | null; breached: boolean }[]> {
    const rows = await repo.openCasesOfBranch(this.db, branchId, limit);
    const customers = await this.customers.summaries(this.db, [...new Set(rows.map((r) => r.customer_id).filter((c): c is string => !!c))]);
    const result: { summary: CaseSummary; dueAt: Date | null; breached: boolean }[] = [];
    const states = await this.clocks.statesOfCases(
      this.db,
      rows.map((r) => r.id),
    );
    for (const row of rows) {
      const clocks = states.get(row.id) ?? new Map<ClockMetric, ClockState>();
      const breached = [...clocks.values()].some((c) => c.breached && c.status !== 'fulfilled');
      result.push({ summary: this.summary(row, customers), dueAt: earliestDue(clocks), breached });
    }
    return result;
  }

  /** The user's open cases with the earliest due time of their running clocks (My work). */
  async openOf(actor: Actor, limit: number): Promise<{ summary: CaseSummary; dueAt: Date | null; clocks: Map<ClockMetric, ClockState> }[]> {
    const rows = await repo.openCasesOf(this.db, actor, limit);
    const customers = await this.customers.summaries(this.db, [...new Set(rows.map((r) => r.customer_id).filter((c): c is string => !!c))]);
    const result: { summary: CaseSummary; dueAt: Date | null; clocks: Map<ClockMetric, ClockState> }[] = [];
    const states = await this.clocks.statesOfCases(
      this.db,
      rows.map((r) => r.id),
    );
    for (const row of rows) {
      const clocks = states.get(row.id) ?? new Map<ClockMetric, ClockState>();
      result.push({ summary: this.summary(row, customers), dueAt: earliestDue(clocks), clocks });
    }
    return result;
  }

  private async locked(trx: Trx, actor: Actor, id: string, version: number): Promise<repo.CaseRow> {
    const before = visibleOr404(actor, await repo.findCaseForUpdate(trx, id), 'case');
    if (before.version !== version) throw new PreconditionFailedError(before.version);
    return before;
  }

  /**
   * The agent who takes a call owns its case when nobody does yet (the screen pop's take, in its
   * transaction): the case is assigned to them if it is open and unassigned and they may hold it
   * (an active agent of its branch); audited as a case update. Someone else's case stays theirs.
   */
  async takeOwnershipIn(trx: Trx, actor: Actor, caseId: string): Promise<boolean> {
    const before = await repo.findCaseForUpdate(trx, caseId);
    if (!before || before.assignee_id || before.status === 'closed' || before.status === 'resolved') return false;
    if (!(await this.agents.isAssignable(trx, actor.userId, before.branch_id))) return false;
    const row = (await repo.updateCaseIfVersion(trx, caseId, before.version, { assignee_id: actor.userId, updated_at: this.clock.now() }))!;
    await this.audit.record(trx, {
      actor,
      action: 'case.update',
      entity: { type: 'case', id: caseId },
      branchId: row.branch_id,
      before: auditView(before),
      after: auditView(row),
      metadata: { reason: 'took the call' },
    });
    return true;
  }

  /** Priority (the clocks take the new policy's targets, keeping the time used) or assignee. */
  async update(actor: Actor, id: string, version: number, body: UpdateCaseBody): Promise<Case> {
    return withTransaction(this.db, async (trx) => {
      const before = await this.locked(trx, actor, id, version);
      if (before.status === 'closed') throw new ConflictError('CASE_TRANSITION_NOT_ALLOWED', 'A closed case no longer changes; reopen it first.');
      if (body.assigneeId) await this.checkAssignee(trx, body.assigneeId, before.branch_id);
      const patch: Partial<repo.CaseRow> = { updated_at: this.clock.now() };
      if (body.assigneeId !== undefined) patch.assignee_id = body.assigneeId;
      if (body.csatSuppressed !== undefined) patch.csat_suppressed = body.csatSuppressed;
      if (body.priority !== undefined && body.priority !== before.priority) {
        patch.priority = body.priority;
        await this.clocks.retarget(trx, actor, before, body.priority);
      }
      const row = (await repo.updateCaseIfVersion(trx, id, version, patch))!;
      await this.audit.record(trx, { actor, action: 'case.update', entity: { type: 'case', id }, branchId: row.branch_id, before: auditView(before), after: auditView(row) });
      return this.view(trx, id);
    });
  }

  async transition(actor: Actor, id: string, version: number, action: CaseAction, body: CaseTransitionBody): Promise<Case> {
    return withTransaction(this.db, async (trx) => {
      const before = await this.locked(trx, actor, id, version);
      const step = CASE_TRANSITIONS[action];
      if (!step.from.includes(before.status)) {
        throw new ConflictError('CASE_TRANSITION_NOT_ALLOWED', `A ${before.status} case cannot be ${DONE[action]}.`, {
          caseStatus: before.status,
          action,
        });
      }
      const now = this.clock.now();
      const patch: Partial<repo.CaseRow> = { status: step.to, updated_at: now };
      if (action === 'resolve') {
        if (!body.resolution) throw new ValidationError([{ path: 'resolution', message: 'Say what was done' }], 'A resolution is required.', 'CASE_RESOLUTION_REQUIRED');
        Object.assign(patch, { resolution: body.resolution, resolved_at: now });
      }
      if (action === 'close') patch.closed_at = now;
      if (action === 'reopen') {
        if (before.merged_into_id)
          throw new ConflictError('CASE_MERGE_NOT_ALLOWED', 'A merged case is not reopened; reopen the case it went into.', { mergedIntoId: before.merged_into_id });
        if (now.getTime() > before.resolved_at!.getTime() + REOPEN_WINDOW_DAYS * DAY_MS) {
          throw new ConflictError('CASE_REOPEN_WINDOW_PASSED', `A case reopens within ${REOPEN_WINDOW_DAYS} days of its resolution; open a new one.`);
        }
        Object.assign(patch, { resolution: null, resolved_at: null, closed_at: null });
      }
      const row = (await repo.updateCaseIfVersion(trx, id, version, patch))!;
      await repo.insertHistory(trx, {
        case_id: id,
        from_status: before.status,
        to_status: step.to,
        reason: body.reason ?? body.resolution ?? null,
        changed_by: actor.userId,
        changed_at: now,
      });
      await this.clocks.onTransition(trx, actor, id, action, before.status);
      if (action === 'resolve') await this.surveys.onResolved(trx, row);
      await this.audit.record(trx, { actor, action: `case.${action}`, entity: { type: 'case', id }, branchId: row.branch_id, before: auditView(before), after: auditView(row) });
      return this.view(trx, id);
    });
  }

  /** Escalates by hand (If-Match): to the level asked (else one up), with a reason; may reassign, raise the priority; notifies. */
  async escalate(actor: Actor, id: string, version: number, body: EscalateCaseBody): Promise<Case> {
    return withTransaction(this.db, async (trx) => {
      const before = await this.locked(trx, actor, id, version);
      if (before.status === 'resolved' || before.status === 'closed') {
        throw new ConflictError('CASE_ESCALATION_NOT_ALLOWED', `A ${before.status} case is not escalated; reopen it first.`, { caseStatus: before.status });
      }
      const current = ESCALATION_LEVELS.indexOf(before.escalation_level);
      const target = body.toLevel ?? ESCALATION_LEVELS[current + 1];
      if (!target || ESCALATION_LEVELS.indexOf(target) <= current) {
        throw new ConflictError('CASE_ESCALATION_NOT_ALLOWED', `The case is at the ${before.escalation_level.replace('_', ' ')} level already; escalate it higher.`, {
          escalationLevel: before.escalation_level,
        });
      }
      if (body.assigneeId) await this.checkAssignee(trx, body.assigneeId, before.branch_id);
      await this.escalations.apply(trx, actor, before, {
        trigger: 'manual',
        reason: body.reason,
        escalate: true,
        toLevel: target,
        ...(body.assigneeId ? { assigneeId: body.assigneeId } : {}),
        reassign: body.reassign,
        raisePriority: body.raisePriority,
        notify: true,
      });
      return this.view(trx, id);
    });
  }

  /** Logs an answer to the customer about the case (If-Match): the response clocks are met. */
  async reply(actor: Actor, id: string, version: number, body: CaseReplyBody): Promise<Case> {
    return withTransaction(this.db, async (trx) => {
      const before = await this.locked(trx, actor, id, version);
      if (before.status === 'closed') throw new ConflictError('CASE_TRANSITION_NOT_ALLOWED', 'A closed case takes no replies; reopen it first.', { caseStatus: before.status });
      if (!before.customer_id) throw new ConflictError('CASE_TRANSITION_NOT_ALLOWED', 'The case has no customer to reply to; link one first.', { caseStatus: before.status });
      const interaction = await this.interactions.createIn(trx, actor, {
        channel: body.channel,
        direction: 'outbound',
        customerId: before.customer_id,
        subject: body.subject ?? `Re: ${before.subject}`.slice(0, 200),
        notes: body.notes,
        ...(body.durationSeconds !== undefined ? { durationSeconds: body.durationSeconds } : {}),
        links: [{ kind: 'case', id }],
        resolvedOnFirstContact: false,
      });
      const row = await repo.updateCase(trx, id, { updated_at: this.clock.now() });
      await this.audit.record(trx, {
        actor,
        action: 'case.reply',
        entity: { type: 'case', id },
        branchId: row.branch_id,
        metadata: { interactionId: interaction.id, channel: body.channel },
      });
      return this.view(trx, id);
    });
  }

  /**
   * An interaction about the case was logged (in its transaction): an outbound one answers the
   * customer (the response clocks are met); an inbound one is the customer's contact — a next
   * response is owed, and the third escalates by rule.
   */
  async onInteraction(trx: Trx, actor: Actor, caseId: string, direction: 'inbound' | 'outbound'): Promise<void> {
    const row = visibleOr404(actor, await repo.findCaseForUpdate(trx, caseId), 'case');
    if (row.status === 'resolved' || row.status === 'closed') return;
    if (direction === 'outbound') return this.clocks.onReply(trx, actor, caseId);
    await this.clocks.onCustomerContact(trx, actor, row);
    if ((await repo.inboundContactsAbout(trx, caseId)) >= 3)
      await this.escalations.byRule(trx, actor, row, 'third_contact', 'The customer contacted us a third time about the case');
  }

  /**
   * Merges this case into another open case of the same branch and customer (If-Match on this one):
   * this one is closed ("merged into …") with every clock stopped; its interactions and tasks count
   * as the other's from then on (they keep their links; both cases keep their histories).
   */
  async merge(actor: Actor, id: string, version: number, body: MergeCaseBody): Promise<Case> {
    return withTransaction(this.db, async (trx) => {
      if (body.intoCaseId === id) throw new ConflictError('CASE_MERGE_NOT_ALLOWED', 'A case is not merged into itself.');
      // Both rows locked in id order (two merges crossing each other cannot deadlock).
      const [first, second] = [id, body.intoCaseId].sort();
      const rows = new Map<string, repo.CaseRow | undefined>();
      for (const key of [first!, second!]) rows.set(key, await repo.findCaseForUpdate(trx, key));
      const before = visibleOr404(actor, rows.get(id), 'case');
      const into = visibleOr404(actor, rows.get(body.intoCaseId), 'case');
      if (before.version !== version) throw new PreconditionFailedError(before.version);
      const open = ['new', 'open', 'pending'];
      if (!open.includes(before.status) || !open.includes(into.status)) {
        throw new ConflictError('CASE_MERGE_NOT_ALLOWED', 'Only open cases are merged.', { caseStatus: before.status, intoCaseStatus: into.status });
      }
      if (before.branch_id !== into.branch_id || before.customer_id !== into.customer_id) {
        throw new ConflictError('CASE_MERGE_NOT_ALLOWED', 'Cases are merged within one branch and one customer.');
      }
      const now = this.clock.now();
      const intoNumber = into.case_number;
      const resolution = `Merged into ${intoNumber}${body.reason ? `: ${body.reason}` : ''}`.slice(0, 4000);
      await this.clocks.onTransition(trx, actor, id, 'resolve', before.status);
      const row = (await repo.updateCaseIfVersion(trx, id, version, { status: 'closed', resolution, resolved_at: now, closed_at: now, merged_into_id: into.id, updated_at: now }))!;
      await repo.insertHistory(trx, { case_id: id, from_status: before.status, to_status: 'closed', reason: resolution, changed_by: actor.userId, changed_at: now });
      await repo.updateCase(trx, into.id, { updated_at: now });
      await this.audit.record(trx, {
        actor,
        action: 'case.merge',
        entity: { type: 'case', id },
        branchId: row.branch_id,
        before: auditView(before),
        after: { ...auditView(row), mergedIntoId: into.id },
      });
      await this.audit.record(trx, {
        actor,
        action: 'case.merge',
        entity: { type: 'case', id: into.id },
        branchId: into.branch_id,
        metadata: { mergedFromId: id, mergedFromNumber: before.case_number },
      });
      return this.view(trx, into.id);
    });
  }

  /** Interactions about the case and the cases merged into it, newest first. */
  async interactionsOf(actor: Actor, id: string): Promise<Interaction[]> {
    visibleOr404(actor, await repo.findCase(this.db, id), 'case');
    return this.interactions.aboutCases(this.db, await repo.withMerged(this.db, id));
  }

  /** Tasks linked to the case and the cases merged into it, by due time. */
  async tasksOf(actor: Actor, id: string): Promise<Task[]> {
    visibleOr404(actor, await repo.findCase(this.db, id), 'case');
    const rows = await repo
      .aboutCases(taskViews(this.db), await repo.withMerged(this.db, id), 't.links')
      .orderBy([{ column: 't.due_at' }, { column: 't.id' }])
      .limit(200);
    return this.tasks.toTasks(this.db, rows as TaskView[]);
  }

  /** Complaints opened in the period: their acknowledgement and final response, met in time or late, overdue or open. */
  async complaintReport(actor: Actor, query: { from: string; to: string }): Promise<ComplaintReport> {
    const tz = this.clock.businessTimeZone;
    const rows = await repo.complaintsBetween(this.db, actor, new Date(zonedInstant(query.from, 0, tz)), new Date(zonedInstant(query.to, 24 * 60, tz)));
    const empty = () => ({ in_time: 0, late: 0, overdue: 0, open: 0, none: 0 });
    const report: ComplaintReport = { from: query.from, to: query.to, complaints: rows.length, acknowledgement: empty(), finalResponse: empty(), items: [] };
    for (const row of rows) {
      const states = await this.clocks.states(this.db, row.id);
      const ack = complaintOutcome(states.get('acknowledgement'));
      const fin = complaintOutcome(states.get('final_response'));
      report.acknowledgement[ack]++;
      report.finalResponse[fin]++;
      report.items.push({
        case: { id: row.id, caseNumber: row.case_number },
        branchId: row.branch_id,
        status: row.status,
        createdAt: row.created_at.toISOString(),
        acknowledgement: ack,
        acknowledgementDueAt: iso(states.get('acknowledgement')?.dueAt ?? null),
        finalResponse: fin,
        finalResponseDueAt: iso(states.get('final_response')?.dueAt ?? null),
      });
    }
    return report;
  }

  /** The customer's CSAT answer given on the phone, recorded by the agent on the case's latest survey. */
  async recordCsat(actor: Actor, id: string, body: CsatAnswerBody): Promise<Case> {
    return withTransaction(this.db, async (trx) => {
      visibleOr404(actor, await repo.findCaseForUpdate(trx, id), 'case');
      await this.surveys.answerByPhone(trx, actor, id, body);
      return this.view(trx, id);
    });
  }
}

/** How a regulatory clock stands. */
export function complaintOutcome(s: ClockState | undefined): 'in_time' | 'late' | 'overdue' | 'open' | 'none' {
  if (!s || s.status === 'not_started' || s.targetMs === null) return 'none';
  if (s.status === 'fulfilled') return s.breached ? 'late' : 'in_time';
  return s.breached ? 'overdue' : 'open';
}
