import { ServiceMetrics, ServiceMetricsQuery, TeamView, TeamViewQuery } from '../../contracts/service';
import type { ModuleContext } from '../../platform/module';
import type { MetricsService } from './metrics.service';
import type { TeamService } from './team.service';

export function registerMetricsRoutes({ api }: Pick<ModuleContext, 'api'>, metrics: MetricsService, team: TeamService) {
  api.route({
    method: 'get',
    path: '/service/metrics',
    summary:
      'Agent performance over a period, per agent and branch: interactions, cases opened and resolved, first-contact resolution, median first response and resolution (business hours), SLA hit rate, CSAT, NPS. Agents get themselves; senior agents and managers their branches',
    tags: ['Service desk'],
    access: { permission: 'service-metrics:read' },
    request: { query: ServiceMetricsQuery },
    responses: { 200: { description: 'The figures', schema: ServiceMetrics }, 404: { description: 'The branch is outside yours' } },
    handler: async ({ actor, query }, _req, res) => res.json(await metrics.metrics(actor, query)),
  });

  api.route({
    method: 'get',
    path: '/service/team',
    summary: 'The team view of a branch (yours by default): per agent and the queue, open cases and tasks, at risk and breached; the at-risk and breached items',
    tags: ['Service desk'],
    access: { permission: 'service-team:read' },
    request: { query: TeamViewQuery },
    responses: { 200: { description: 'The team', schema: TeamView }, 404: { description: 'The branch is outside yours' } },
    handler: async ({ actor, query }, _req, res) => res.json(await team.of(actor, query.branchId)),
  });
}
