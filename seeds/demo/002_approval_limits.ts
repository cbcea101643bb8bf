// Demo approval limits that make the roles differ (amounts in cents, USD). Loaded only while the
// table is empty, so limits an admin edited stay as edited.
import type { Knex } from 'knex';
import type { SeedContext } from '../../backend/src/platform/seeds';

const $ = (dollars: number) => dollars * 100;

export const DEMO_LIMITS = [
  { role: 'senior_agent', kind: 'order_sum_insured', max: $(250_000) },
  { role: 'underwriter', kind: 'order_sum_insured', max: $(1_000_000) },
  { role: 'manager', kind: 'order_sum_insured', max: $(5_000_000) },
  { role: 'admin', kind: 'order_sum_insured', max: $(5_000_000) },
  // Claims (issue 13): an adjuster approves within 25,000; above it a senior agent or a manager.
  { role: 'claims_adjuster', kind: 'claim_amount', max: $(25_000) },
  { role: 'senior_agent', kind: 'claim_amount', max: $(50_000) },
  { role: 'underwriter', kind: 'claim_amount', max: $(100_000) },
  { role: 'manager', kind: 'claim_amount', max: $(500_000) },
  // Fast-track claims (issue 21): the claims automation user approves and pays straight through up to 1,000.
  { role: 'claims_automation', kind: 'claim_amount', max: $(1_000) },
  { role: 'agent', kind: 'refund_amount', max: $(500) },
  { role: 'senior_agent', kind: 'refund_amount', max: $(2_500) },
  { role: 'manager', kind: 'refund_amount', max: $(25_000) },
  { role: 'senior_agent', kind: 'write_off_amount', max: $(250) },
  { role: 'manager', kind: 'write_off_amount', max: $(10_000) },
  { role: 'senior_agent', kind: 'surrender_amount', max: $(10_000) },
  { role: 'manager', kind: 'surrender_amount', max: $(250_000) },
  { role: 'finance_manager', kind: 'refund_amount', max: $(50_000) },
  { role: 'finance_manager', kind: 'write_off_amount', max: $(25_000) },
] as const;

export async function seed(db: Knex, { clock }: SeedContext): Promise<void> {
  const [{ count }] = await db('approval_limits').count<{ count: number }[]>('* as count');
  if (Number(count) > 0) return;
  const { rows } = await db.raw("SELECT nextval('approval_limits_revision_seq')::bigint AS r");
  const now = clock.now();
  await db('approval_limits').insert(DEMO_LIMITS.map((l) => ({ role: l.role, kind: l.kind, currency: 'USD', max_amount: l.max, revision: rows[0].r, updated_at: now })));
}
