// SQL of onboarding playbooks: templates, playbooks and their milestones (tasks).
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import { scoped } from '../../platform/scope';

export interface MilestoneSpec {
  key: string;
  title: string;
  dueInHours: number;
}

export interface TemplateRow {
  id: string;
  product_category: string;
  name: string;
  milestones: MilestoneSpec[];
  active: boolean;
  version: number;
  updated_at: Date;
  updated_by: string | null;
}

export interface PlaybookRow {
  id: string;
  template_id: string;
  name: string;
  customer_id: string;
  policy_id: string | null;
  branch_id: string;
  trigger: 'policy_issued' | 'manual';
  started_at: Date;
  started_by: string | null;
}

export interface MilestoneRow {
  playbook_id: string;
  key: string;
  position: number;
  title: string;
  task_id: string;
  status: 'open' | 'done';
  due_at: Date;
  completed_at: Date | null;
  assignee_id: string | null;
  assignee_name: string | null;
}

export function listTemplates(db: DbOrTrx): Promise<TemplateRow[]> {
  return db<TemplateRow>('service_playbook_templates').orderBy('product_category');
}

export function findTemplate(db: DbOrTrx, id: string, forUpdate = false): Promise<TemplateRow | undefined> {
  const q = db<TemplateRow>('service_playbook_templates').where({ id }).first();
  return forUpdate ? q.forUpdate() : q;
}

export function templateFor(db: DbOrTrx, category: string): Promise<TemplateRow | undefined> {
  return db<TemplateRow>('service_playbook_templates').where({ product_category: category, active: true }).first();
}

export async function updateTemplateIfVersion(db: DbOrTrx, id: string, version: number, patch: Partial<TemplateRow>): Promise<TemplateRow | undefined> {
  const [row] = await db('service_playbook_templates')
    .where({ id, version })
    .update({ ...patch, ...(patch.milestones ? { milestones: JSON.stringify(patch.milestones) } : {}), version: db.raw('version + 1') })
    .returning('*');
  return row as TemplateRow | undefined;
}

export async function insertPlaybook(db: DbOrTrx, row: Omit<PlaybookRow, 'id'>): Promise<PlaybookRow> {
  const [inserted] = await db('service_playbooks').insert(row).returning('*');
  return inserted as PlaybookRow;
}

/** The automatic playbook of a policy (one per policy, a unique index). */
export function automaticOf(db: DbOrTrx, policyId: string): Promise<PlaybookRow | undefined> {
  return db<PlaybookRow>('service_playbooks').where({ policy_id: policyId, trigger: 'policy_issued' }).first();
}

export async function insertMilestone(db: DbOrTrx, row: Omit<MilestoneRow, 'status' | 'due_at' | 'completed_at' | 'assignee_id' | 'assignee_name'>): Promise<void> {
  await db('service_playbook_milestones').insert(row);
}

export function playbooksOf(db: DbOrTrx, actor: Actor, filter: { customerId?: string; policyId?: string }): Promise<PlaybookRow[]> {
  const q = scoped(db('service_playbooks as p'), actor, 'p.branch_id').select('p.*').orderBy('p.started_at', 'desc').limit(50);
  if (filter.customerId) q.where('p.customer_id', filter.customerId);
  if (filter.policyId) q.where('p.policy_id', filter.policyId);
  return q;
}

export function findPlaybook(db: DbOrTrx, id: string): Promise<PlaybookRow | undefined> {
  return db<PlaybookRow>('service_playbooks').where({ id }).first();
}

export function milestonesOf(db: DbOrTrx, playbookIds: readonly string[]): Promise<MilestoneRow[]> {
  return db('service_playbook_milestones as m')
    .join('service_tasks as t', 't.id', 'm.task_id')
    .leftJoin('users as a', 'a.id', 't.assignee_id')
    .whereIn('m.playbook_id', playbookIds)
    .orderBy([{ column: 'm.playbook_id' }, { column: 'm.position' }])
    .select('m.*', 't.status', 't.due_at', 't.completed_at', 't.assignee_id', 'a.name as assignee_name');
}

/** The milestone a task stands for (its playbook's branch and title), if any. */
export function milestoneOfTask(db: DbOrTrx, taskId: string): Promise<(MilestoneRow & { branch_id: string; customer_id: string; policy_id: string | null }) | undefined> {
  return db('service_playbook_milestones as m')
    .join('service_playbooks as p', 'p.id', 'm.playbook_id')
    .where('m.task_id', taskId)
    .first('m.*', 'p.branch_id', 'p.customer_id', 'p.policy_id');
}
