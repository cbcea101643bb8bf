// The claims KPI (issue 18), from the claims' own records: how long decisions take, in business days
// from submission to the decision (kept on the claim when it is decided), for the claims decided in
// the period — by the adjuster assigned, the branch and the product version the policy was sold on.
import { ratioOf, scopeKpi, type KpiDefinition } from '../analytics/kpi-registry';
import { CLAIM_DECISION_TARGET_DAYS } from './claim-messages';

export const CLAIMS_KPIS: KpiDefinition[] = [
  {
    key: 'claims.processing-time',
    title: 'Claims processing time',
    formula: 'Sum of the business days from submission to decision ÷ number of claims decided in the period',
    source: 'Claims approved, approved in part or rejected in the period (business days on the company calendar), by the adjuster assigned',
    unit: 'business_days',
    target: { comparison: 'at_most', value: CLAIM_DECISION_TARGET_DAYS },
    permission: 'claims:read',
    dimensions: ['branch', 'product', 'agent'],
    async compute(db, scope, period) {
      const row = await scopeKpi(
        db('claims as c').whereNotNull('c.processing_business_days').where('c.decided_at', '>=', period.start).where('c.decided_at', '<', period.end),
        scope,
        { branch: 'c.branch_id', agent: 'c.assignee_id', productVersion: 'c.product_version_id' },
      ).first(db.raw('coalesce(sum(c.processing_business_days), 0)::int AS days'), db.raw('count(*)::int AS decided'));
      return ratioOf(row.days, row.decided);
    },
  },
];
