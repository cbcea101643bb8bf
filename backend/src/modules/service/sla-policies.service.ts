// SLA policies as data: the targets (business minutes, or none) of each clock of a case by its type
// and priority, and the share of a target at which the SLA job warns; the escalation rules that say
// what a warning, a breach, a complaint or a customer's third contact does. Admins edit both
// (If-Match, audited); a change applies to clocks started (or re-targeted) afterwards.
import type { CaseStatus, ClockMetric, EscalationRule, Priority, SlaPolicy, UpdateEscalationRuleBody, UpdateSlaPolicyBody } from '../../contracts/service';
import { withTransaction, type Db, type DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { Clock } from '../../platform/clock';
import { NotFoundError, PreconditionFailedError } from '../../platform/errors';
import type { AuditService } from '../audit/audit.service';
import * as repo from './sla-policies.repository';

export type CaseMetric = Exclude<ClockMetric, 'milestone'>;
export const CASE_METRICS: readonly CaseMetric[] = ['first_response', 'next_response', 'resolution', 'acknowledgement', 'final_response'];

/** The targets of a case's clocks (null: no SLA), and the warning share. */
export interface CaseTargets {
  minutes: Record<CaseMetric, number | null>;
  warningPercent: number;
}

export const targetsOf = (row: repo.SlaPolicyRow | undefined): CaseTargets => ({
  minutes: {
    first_response: row?.first_response_minutes ?? null,
    next_response: row?.next_response_minutes ?? null,
    resolution: row?.resolution_minutes ?? null,
    acknowledgement: row?.acknowledgement_minutes ?? null,
    final_response: row?.final_response_minutes ?? null,
  },
  warningPercent: row?.warning_percent ?? 75,
});

/** Which clocks run while a case has a status: pending stops only the resolution clock. */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = ['new', 'open', 'pending'];

const toPolicy = (r: repo.SlaPolicyRow): SlaPolicy => ({
  id: r.id,
  caseType: r.case_type as SlaPolicy['caseType'],
  priority: r.priority as Priority,
  firstResponseMinutes: r.first_response_minutes,
  nextResponseMinutes: r.next_response_minutes,
  resolutionMinutes: r.resolution_minutes,
  acknowledgementMinutes: r.acknowledgement_minutes,
  finalResponseMinutes: r.final_response_minutes,
  warningPercent: r.warning_percent,
  version: r.version,
  updatedAt: r.updated_at.toISOString(),
});

const toRule = (r: repo.EscalationRuleRow): EscalationRule => ({
  id: r.id,
  trigger: r.trigger,
  caseType: r.case_type as EscalationRule['caseType'],
  escalate: r.escalate,
  reassign: r.reassign,
  raisePriority: r.raise_priority,
  notify: r.notify,
  active: r.active,
  version: r.version,
});

export class SlaPoliciesService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async targets(db: DbOrTrx, caseType: string, priority: string): Promise<CaseTargets> {
    return targetsOf(await repo.policyFor(db, caseType, priority));
  }

  /** Every policy by "type:priority" (the SLA job reads them once per run). */
  async all(db: DbOrTrx): Promise<Map<string, CaseTargets>> {
    return new Map((await repo.listPolicies(db)).map((r) => [`${r.case_type}:${r.priority}`, targetsOf(r)]));
  }

  async list(): Promise<SlaPolicy[]> {
    return (await repo.listPolicies(this.db)).map(toPolicy);
  }

  async update(actor: Actor, id: string, version: number, body: UpdateSlaPolicyBody): Promise<SlaPolicy> {
    return withTransaction(this.db, async (trx) => {
      const before = await repo.findPolicy(trx, id, true);
      if (!before) throw new NotFoundError('SLA policy');
      if (before.version !== version) throw new PreconditionFailedError(before.version);
      const row = (await repo.updatePolicyIfVersion(trx, id, version, {
        first_response_minutes: body.firstResponseMinutes,
        next_response_minutes: body.nextResponseMinutes,
        resolution_minutes: body.resolutionMinutes,
        acknowledgement_minutes: body.acknowledgementMinutes,
        final_response_minutes: body.finalResponseMinutes,
        warning_percent: body.warningPercent,
        updated_at: this.clock.now(),
        updated_by: actor.userId,
      }))!;
      const { version: _b, updatedAt: _bu, ...beforeView } = toPolicy(before);
      const { version: _a, updatedAt: _au, ...afterView } = toPolicy(row);
      await this.audit.record(trx, { actor, action: 'sla_policy.update', entity: { type: 'sla_policy', id }, before: beforeView, after: afterView });
      return toPolicy(row);
    });
  }

  rule(db: DbOrTrx, trigger: repo.EscalationRuleRow['trigger'], caseType: string): Promise<repo.EscalationRuleRow | undefined> {
    return repo.ruleFor(db, trigger, caseType);
  }

  async rules(): Promise<EscalationRule[]> {
    return (await repo.listRules(this.db)).map(toRule);
  }

  async updateRule(actor: Actor, id: string, version: number, body: UpdateEscalationRuleBody): Promise<EscalationRule> {
    return withTransaction(this.db, async (trx) => {
      const before = await repo.findRule(trx, id, true);
      if (!before) throw new NotFoundError('escalation rule');
      if (before.version !== version) throw new PreconditionFailedError(before.version);
      const row = (await repo.updateRuleIfVersion(trx, id, version, {
        escalate: body.escalate,
        reassign: body.reassign,
        raise_priority: body.raisePriority,
        notify: body.notify,
        active: body.active,
        updated_at: this.clock.now(),
        updated_by: actor.userId,
      }))!;
      const { version: _b, ...beforeView } = toRule(before);
      const { version: _a, ...afterView } = toRule(row);
      await this.audit.record(trx, { actor, action: 'escalation_rule.update', entity: { type: 'escalation_rule', id }, before: beforeView, after: afterView });
      return toRule(row);
    });
  }
}
