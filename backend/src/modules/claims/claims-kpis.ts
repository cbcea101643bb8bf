// The claims KPI (issue 18), from the claims' own records: how long decisions take, in business days
// from submission to the decision (kept on the claim when it is decided), for the claims decided in
// the period — by the adjuster assigned, the branch and the product version the policy was sold on.
import { counted, orderBy, ratioOf, scopeKpi, summed, type KpiDefinition, type KpiPeriod, type KpiScope } from '../analytics/kpi-registry';
import type { DbOrTrx } from '../../db';
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
    additive: true,
    dimensions: ['branch', 'product', 'agent'],
    async compute(db, scope, period) {
      const row = await claimsDecided(db, scope, period).first(db.raw('coalesce(sum(c.processing_business_days), 0)::int AS days'), db.raw('count(*)::int AS decided'));
      return ratioOf(row.days, row.decided);
    },
    drill: {
      rows: 'Claims decided in the period',
      columns: [
        { key: 'claim', header: 'Claim', type: 'string' },
        { key: 'status', header: 'Status', type: 'string' },
        { key: 'lossDate', header: 'Loss date', type: 'date' },
        { key: 'decidedAt', header: 'Decided', type: 'datetime' },
        { key: 'businessDays', header: 'Business days', type: 'integer' },
        { key: 'adjuster', header: 'Adjuster', type: 'string' },
        { key: 'claimedAmount', header: 'Claimed', type: 'money' },
        { key: 'currency', header: 'Currency', type: 'string' },
      ],
      reconcile: { numerator: summed('businessDays'), denominator: counted() },
      query: (db, scope, period) =>
        claimsDecided(db, scope, period)
          .leftJoin('users as u', 'u.id', 'c.assignee_id')
          .select(
            'c.id',
            'c.claim_number as claim',
            'c.status',
            'c.loss_date as lossDate',
            'c.decided_at as decidedAt',
            'c.processing_business_days as businessDays',
            'u.name as adjuster',
            'c.claimed_amount as claimedAmount',
            'c.currency',
          ),
      order: orderBy('c.decided_at', 'decidedAt', 'c.id'),
    },
  },
];

/** The claims decided in the period, in the scope (by the adjuster assigned). */
function claimsDecided(db: DbOrTrx, scope: KpiScope, period: KpiPeriod) {
  return scopeKpi(db('claims as c').whereNotNull('c.processing_business_days').where('c.decided_at', '>=', period.start).where('c.decided_at', '<', period.end), scope, {
    branch: 'c.branch_id',
    agent: 'c.assignee_id',
    productVersion: 'c.product_version_id',
  });
}
