import { KpiBreakdown, KpiBreakdownQuery, KpiList, KpiQuery, KpiRows, KpiRowsQuery, KpiTrend, KpiTrendParams } from '../../contracts/analytics';
import type { ModuleContext } from '../../platform/module';
import type { KpiService } from './kpi.service';

export function registerAnalyticsRoutes({ api }: Pick<ModuleContext, 'api'>, kpis: KpiService) {
  api.route({
    method: 'get',
    path: '/analytics/kpis',
    summary:
      'The KPIs you may see over a period, each with its formula, source and target, computed for your scope: your own work (agents, claims adjusters), your branches (senior agents, managers), every branch (company-wide roles) — narrowed by branch, product and agent',
    tags: ['Analytics'],
    access: { permission: 'analytics:read' },
    request: { query: KpiQuery },
    responses: { 200: { description: 'The figures', schema: KpiList }, 404: { description: 'The branch, product or agent is not one you may see' } },
    handler: async ({ actor, query }, _req, res) => res.json(await kpis.figures(actor, query)),
  });
  api.route({
    method: 'get',
    path: '/analytics/kpis/:key/trend',
    summary: 'One KPI month by month over the period (each calendar month it touches, clipped to it), for your scope and filters as the KPI list — a trend with its target',
    tags: ['Analytics'],
    access: { permission: 'analytics:read' },
    request: { params: KpiTrendParams, query: KpiQuery },
    responses: {
      200: { description: 'The months', schema: KpiTrend },
      404: { description: 'No KPI with this key you may see; or the branch, product or agent is not one you may see' },
    },
    handler: async ({ actor, params, query }, _req, res) => res.json(await kpis.trend(actor, params.key, query)),
  });
  api.route({
    method: 'get',
    path: '/analytics/kpis/:key/breakdown',
    summary:
      'One KPI side by side for each branch, product or agent of your scope (an agent: only themselves), with the same period and filters as the KPI list, and the figure over the whole scope',
    tags: ['Analytics'],
    access: { permission: 'analytics:read' },
    request: { params: KpiTrendParams, query: KpiBreakdownQuery },
    responses: {
      200: { description: 'The figure per member', schema: KpiBreakdown },
      400: { description: 'KPI_DIMENSION_UNAVAILABLE: the KPI cannot be cut by that dimension' },
      404: { description: 'No KPI with this key you may see; or the branch, product or agent is not one you may see' },
    },
    handler: async ({ actor, params, query }, _req, res) => res.json(await kpis.breakdown(actor, params.key, query)),
  });
  api.route({
    method: 'get',
    path: '/analytics/kpis/:key/rows',
    summary:
      'The rows behind a KPI’s figure (the claims, applications, policies, surveys, contacts or ledger entries it is made of), keyset-paged, scoped exactly as the figure; export them with the report named in `report`',
    tags: ['Analytics'],
    access: { permission: 'analytics:read' },
    request: { params: KpiTrendParams, query: KpiRowsQuery },
    responses: {
      200: { description: 'A page of rows', schema: KpiRows },
      404: { description: 'No KPI with this key you may see; or the branch, product or agent is not one you may see' },
    },
    handler: async ({ actor, params, query }, _req, res) => res.json(await kpis.rows(actor, params.key, query)),
  });
}
