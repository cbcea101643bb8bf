// The renewal rate KPI (issue 18), from policy servicing's renewal transactions: of the renewals due
// in the period (by their renewal date), the share issued — by the policy's branch, agent and product version.
import { ratioOf, scopeKpi, type KpiDefinition } from '../analytics/kpi-registry';

export const POLICIES_KPIS: KpiDefinition[] = [
  {
    key: 'policies.renewal-rate',
    title: 'Policy renewal rate',
    formula: 'Renewals issued ÷ renewals due, by renewal date in the period',
    source: 'Renewal transactions of policies whose renewal date falls in the period (issued, declined, or still open), by the policy’s agent',
    unit: 'ratio',
    target: { comparison: 'above', value: 0.9 },
    permission: 'policies:renewal-rate',
    dimensions: ['branch', 'product', 'agent'],
    async compute(db, scope, period) {
      const row = await scopeKpi(
        db('policy_transactions as t').join('policies as p', 'p.id', 't.policy_id').where('t.type', 'renewal').whereBetween('t.effective_date', [period.from, period.to]),
        scope,
        { branch: 't.branch_id', agent: 'p.agent_id', productVersion: 'p.product_version_id' },
      ).first(db.raw("count(*) FILTER (WHERE t.status = 'issued')::int AS renewed"), db.raw('count(*)::int AS due'));
      return ratioOf(row.renewed, row.due);
    },
  },
];
