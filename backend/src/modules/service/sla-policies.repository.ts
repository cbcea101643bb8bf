// SQL of the SLA policies (targets per case type and priority) and the escalation rules.
import type { DbOrTrx } from '../../db';

export interface SlaPolicyRow {
  id: string;
  case_type: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  first_response_minutes: number | null;
  next_response_minutes: number | null;
  resolution_minutes: number | null;
  acknowledgement_minutes: number | null;
  final_response_minutes: number | null;
  warning_percent: number;
  version: number;
  updated_at: Date;
  updated_by: string | null;
}

export interface EscalationRuleRow {
  id: string;
  trigger: 'warning' | 'breach' | 'complaint' | 'third_contact';
  case_type: string | null;
  escalate: boolean;
  reassign: boolean;
  raise_priority: boolean;
  notify: boolean;
  active: boolean;
  version: number;
  updated_at: Date;
  updated_by: string | null;
}

export function listPolicies(db: DbOrTrx): Promise<SlaPolicyRow[]> {
  return db<SlaPolicyRow>('service_sla_policies').orderBy('case_type').orderByRaw("array_position(array['urgent','high','normal','low'], priority)");
}

export function findPolicy(db: DbOrTrx, id: string, forUpdate = false): Promise<SlaPolicyRow | undefined> {
  const q = db<SlaPolicyRow>('service_sla_policies').where({ id }).first();
  return forUpdate ? q.forUpdate() : q;
}

export function policyFor(db: DbOrTrx, caseType: string, priority: string): Promise<SlaPolicyRow | undefined> {
  return db<SlaPolicyRow>('service_sla_policies').where('case_type', caseType).where('priority', priority).first();
}

export async function updatePolicyIfVersion(db: DbOrTrx, id: string, version: number, patch: Partial<SlaPolicyRow>): Promise<SlaPolicyRow | undefined> {
  const [row] = await db<SlaPolicyRow>('service_sla_policies')
    .where({ id, version })
    .update({ ...patch, version: db.raw('version + 1') as never })
    .returning('*');
  return row;
}

export function listRules(db: DbOrTrx): Promise<EscalationRuleRow[]> {
  return db<EscalationRuleRow>('service_escalation_rules').orderBy('trigger').orderByRaw('case_type NULLS FIRST');
}

export function findRule(db: DbOrTrx, id: string, forUpdate = false): Promise<EscalationRuleRow | undefined> {
  const q = db<EscalationRuleRow>('service_escalation_rules').where({ id }).first();
  return forUpdate ? q.forUpdate() : q;
}

/** The active rule for a trigger: the case type's own, else the one for every type. */
export function ruleFor(db: DbOrTrx, trigger: EscalationRuleRow['trigger'], caseType: string): Promise<EscalationRuleRow | undefined> {
  return db<EscalationRuleRow>('service_escalation_rules')
    .where({ trigger })
    .andWhere((q) => q.where('case_type', caseType).orWhereNull('case_type'))
    .orderByRaw('case_type NULLS LAST')
    .first()
    .then((r) => (r?.active ? r : undefined));
}

export async function updateRuleIfVersion(db: DbOrTrx, id: string, version: number, patch: Partial<EscalationRuleRow>): Promise<EscalationRuleRow | undefined> {
  const [row] = await db<EscalationRuleRow>('service_escalation_rules')
    .where({ id, version })
    .update({ ...patch, version: db.raw('version + 1') as never })
    .returning('*');
  return row;
}
