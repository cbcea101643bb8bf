// Escalation: a case moves up the levels agent → senior agent → manager, by hand (with a reason) or
// by rule (a warning, a breach, a complaint, a customer's third contact — each at most once per case
// and metric). Escalating can hand the case to someone at the new level (the one with the fewest
// open cases), raise its priority (the clocks take the new targets, keeping the time used) and
// notify: a task through the tasks service for whoever now has the case (else the branch queue).
import { ESCALATION_LEVELS, PRIORITIES, type ClockMetric, type EscalationLevel, type Priority } from '../../contracts/service';
import type { Trx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import type { AuditService } from '../audit/audit.service';
import type { AgentDirectory } from '../identity/agent-directory';
import type { CalendarsService } from './calendars.service';
import type { CaseClocks } from './case-clocks';
import * as repo from './cases.repository';
import type { SlaPoliciesService } from './sla-policies.service';
import type { TaskService } from './tasks.service';

export type EscalationTrigger = repo.EscalationRow['trigger'];

export interface EscalationSpec {
  trigger: EscalationTrigger;
  metric?: ClockMetric;
  reason: string;
  /** Move up: to this level, else one up (stays at manager). False: stay at the level (notify only). */
  escalate: boolean;
  toLevel?: EscalationLevel;
  /** A named person of the case's branch; else, with `reassign`, someone at the new level. */
  assigneeId?: string;
  reassign: boolean;
  raisePriority: boolean;
  notify: boolean;
}

const levelIndex = (l: EscalationLevel) => ESCALATION_LEVELS.indexOf(l);
export const nextLevel = (l: EscalationLevel): EscalationLevel => ESCALATION_LEVELS[Math.min(levelIndex(l) + 1, ESCALATION_LEVELS.length - 1)]!;
export const higherPriority = (p: Priority): Priority => PRIORITIES[Math.min(PRIORITIES.indexOf(p) + 1, PRIORITIES.length - 1)]!;

const TRIGGER_TEXT: Record<EscalationTrigger, string> = {
  manual: 'Escalated',
  warning: 'SLA warning',
  breach: 'SLA breached',
  complaint: 'Complaint',
  third_contact: 'Third contact',
};

export class EscalationsService {
  constructor(
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly agents: AgentDirectory,
    private readonly tasks: TaskService,
    private readonly calendars: CalendarsService,
    private readonly policies: SlaPoliciesService,
    private readonly caseClocks: CaseClocks,
  ) {}

  /** Who at `level` in the branch takes the case: the one with the fewest open cases, then by name. */
  private async pick(trx: Trx, branchId: string, level: EscalationLevel): Promise<string | null> {
    const people = (await this.agents.list(trx, branchId)).filter((a) => a.role === level);
    if (!people.length) return null;
    const load = await repo.openLoadOf(
      trx,
      people.map((p) => p.id),
    );
    return [...people].sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0))[0]!.id;
  }

  /**
   * Escalates the case (row-locked by the caller) in `trx`. An automatic trigger already applied to
   * the case (and metric) changes nothing and gives false.
   */
  async apply(trx: Trx, actor: Actor | null, before: repo.CaseRow, spec: EscalationSpec): Promise<boolean> {
    const now = this.clock.now();
    const toLevel = spec.escalate ? (spec.toLevel ?? nextLevel(before.escalation_level)) : before.escalation_level;
    let assigneeId = spec.assigneeId ?? null;
    if (!assigneeId && spec.reassign) assigneeId = await this.pick(trx, before.branch_id, toLevel);
    if (assigneeId === before.assignee_id) assigneeId = null;
    const priority = spec.raisePriority ? higherPriority(before.priority) : before.priority;
    const changes = toLevel !== before.escalation_level || assigneeId !== null || priority !== before.priority;
    // A notification alone (a warning) is not an escalation: the warning's clock event is its once-only record.
    if (changes || spec.trigger !== 'warning') {
      const id = await repo.insertEscalationOnce(trx, {
        case_id: before.id,
        trigger: spec.trigger,
        metric: spec.metric ?? null,
        from_level: before.escalation_level,
        to_level: toLevel,
        reason: spec.reason,
        reassigned_to: assigneeId,
        priority_from: priority !== before.priority ? before.priority : null,
        priority_to: priority !== before.priority ? priority : null,
        escalated_by: actor?.userId ?? null,
        escalated_at: now,
      });
      if (id === undefined) return false;
    }
    let row = before;
    if (changes) {
      const patch: Partial<repo.CaseRow> = { escalation_level: toLevel, updated_at: now };
      if (assigneeId) patch.assignee_id = assigneeId;
      if (priority !== before.priority) patch.priority = priority;
      row = await repo.updateCase(trx, before.id, patch);
      if (priority !== before.priority) await this.caseClocks.retarget(trx, actor, before, priority);
      await this.audit.record(trx, {
        actor,
        action: 'case.escalate',
        entity: { type: 'case', id: before.id },
        branchId: before.branch_id,
        before: { escalationLevel: before.escalation_level, assigneeId: before.assignee_id, priority: before.priority },
        after: { escalationLevel: row.escalation_level, assigneeId: row.assignee_id, priority: row.priority },
        metadata: { trigger: spec.trigger, metric: spec.metric ?? null, reason: spec.reason },
      });
    }
    if (spec.notify) {
      // Whoever now has the case; on a move up without a new assignee, someone at the new level; else the branch queue.
      const notifyId =
        assigneeId ?? (toLevel !== before.escalation_level ? await this.pick(trx, row.branch_id, toLevel) : row.assignee_id) ?? (await this.pick(trx, row.branch_id, toLevel));
      const due = (await this.calendars.forBranch(trx, row.branch_id)).addMinutes(now, 60);
      await this.tasks.create(trx, null, {
        title: `${TRIGGER_TEXT[spec.trigger]}${spec.metric ? ` (${spec.metric.replace('_', ' ')})` : ''}: ${row.case_number} ${row.subject}`.slice(0, 200),
        description: spec.reason,
        dueAt: due,
        branchId: row.branch_id,
        ...(notifyId ? { assigneeId: notifyId } : {}),
        priority: row.priority,
        links: [{ kind: 'case', id: row.id }, ...(row.customer_id ? [{ kind: 'customer' as const, id: row.customer_id }] : [])],
        source: 'service',
        sourceKey: `case-${spec.trigger}:${row.id}:${spec.metric ?? ''}${spec.trigger === 'manual' ? `:${now.toISOString()}` : ''}`,
      });
    }
    return true;
  }

  /** Runs the active rule for an automatic trigger, if any (once per case and metric). */
  async byRule(trx: Trx, actor: Actor | null, before: repo.CaseRow, trigger: Exclude<EscalationTrigger, 'manual'>, reason: string, metric?: ClockMetric): Promise<boolean> {
    const rule = await this.policies.rule(trx, trigger, before.type);
    if (!rule) return false;
    return this.apply(trx, actor, before, {
      trigger,
      ...(metric ? { metric } : {}),
      reason,
      escalate: rule.escalate,
      reassign: rule.reassign,
      raisePriority: rule.raise_priority,
      notify: rule.notify,
    });
  }
}
