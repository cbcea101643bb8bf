// The applications KPIs (issue 18), from the orders' own records: how long underwriting takes, in
// business days from the first submission to the decision (kept on the order when it is decided),
// for the applications decided in the period; and agent productivity, the applications agents
// submit per business day — by the selling agent, the branch and the product version.
import { addDays, businessDaysBetween } from '../../platform/calendar';
import type { DbOrTrx } from '../../db';
import { counted, orderBy, ratioOf, scopeKpi, summed, type KpiDefinition, type KpiPeriod, type KpiScope } from '../analytics/kpi-registry';

/** Business days an application should be decided in (issue 18). */
export const ORDER_DECISION_TARGET_DAYS = 5;

export const ORDERS_KPIS: KpiDefinition[] = [
  {
    key: 'orders.processing-time',
    title: 'Application processing time',
    formula: 'Sum of the business days from first submission to decision ÷ number of applications decided (approved or declined) in the period',
    source: 'Applications approved or declined in the period (business days on the company calendar), by the selling agent',
    unit: 'business_days',
    target: { comparison: 'at_most', value: ORDER_DECISION_TARGET_DAYS },
    permission: 'orders:read',
    additive: true,
    dimensions: ['branch', 'product', 'agent'],
    async compute(db, scope, period) {
      const row = await ordersIn(db, scope, period, 'o.decided_at')
        .whereNotNull('o.processing_business_days')
        .first(db.raw('coalesce(sum(o.processing_business_days), 0)::int AS days'), db.raw('count(*)::int AS decided'));
      return ratioOf(row.days, row.decided);
    },
    drill: {
      rows: 'Applications decided in the period',
      columns: [
        { key: 'application', header: 'Application', type: 'string' },
        { key: 'status', header: 'Status', type: 'string' },
        { key: 'firstSubmittedAt', header: 'First submitted', type: 'datetime' },
        { key: 'decidedAt', header: 'Decided', type: 'datetime' },
        { key: 'businessDays', header: 'Business days', type: 'integer' },
        { key: 'agent', header: 'Agent', type: 'string' },
      ],
      reconcile: { numerator: summed('businessDays'), denominator: counted() },
      query: (db, scope, period) =>
        withAgent(ordersIn(db, scope, period, 'o.decided_at').whereNotNull('o.processing_business_days')).select(
          'o.id',
          'o.order_number as application',
          'o.status',
          'o.first_submitted_at as firstSubmittedAt',
          'o.decided_at as decidedAt',
          'o.processing_business_days as businessDays',
        ),
      order: orderBy('o.decided_at', 'decidedAt', 'o.id'),
    },
  },
  {
    key: 'orders.agent-productivity',
    title: 'Agent productivity',
    formula: 'Applications submitted for the first time in the period ÷ (business days in the period × agents who submitted at least one)',
    source: 'Applications by the date of their first submission (business days: Monday to Friday on the company calendar), by the selling agent',
    unit: 'per_agent_day',
    target: null,
    permission: 'orders:read',
    dimensions: ['branch', 'product', 'agent'],
    async compute(db, scope, period) {
      const row = await ordersIn(db, scope, period, 'o.first_submitted_at').first(db.raw('count(*)::int AS submitted'), db.raw('count(DISTINCT o.agent_id)::int AS agents'));
      // Both ends counted: the weekdays after the day before the period, up to its last day.
      const days = businessDaysBetween(addDays(period.from, -1), period.to);
      return ratioOf(row.submitted, days * row.agents);
    },
    drill: {
      rows: 'Applications first submitted in the period (the business days and agents dividing them are not rows)',
      columns: [
        { key: 'application', header: 'Application', type: 'string' },
        { key: 'status', header: 'Status', type: 'string' },
        { key: 'firstSubmittedAt', header: 'First submitted', type: 'datetime' },
        { key: 'agent', header: 'Agent', type: 'string' },
      ],
      reconcile: { numerator: counted() },
      query: (db, scope, period) =>
        withAgent(ordersIn(db, scope, period, 'o.first_submitted_at')).select('o.id', 'o.order_number as application', 'o.status', 'o.first_submitted_at as firstSubmittedAt'),
      order: orderBy('o.first_submitted_at', 'firstSubmittedAt', 'o.id'),
    },
  },
];

/** Applications whose `instant` (decided, first submitted) falls in the period, in the scope (by the selling agent). */
function ordersIn(db: DbOrTrx, scope: KpiScope, period: KpiPeriod, instant: 'o.decided_at' | 'o.first_submitted_at') {
  return scopeKpi(db('orders as o').where(instant, '>=', period.start).where(instant, '<', period.end), scope, {
    branch: 'o.branch_id',
    agent: 'o.agent_id',
    productVersion: 'o.product_version_id',
  });
}

const withAgent = (q: ReturnType<typeof ordersIn>) => q.leftJoin('users as u', 'u.id', 'o.agent_id').select('u.name as agent');
