import { HealthOverview, SystemInfo } from '../../contracts/system';
import type { ModuleContext } from '../../platform/module';
import { APP_VERSION } from '../../platform/version';
import { healthOverview } from './health-overview';

/** Facts the console shows before and after login: product version, environment, business date. */
export function registerSystemRoutes({ api, config, clock, metrics, healthState }: ModuleContext<never>) {
  api.route({
    method: 'get',
    path: '/system/info',
    summary: 'Server version, environment and business date',
    tags: ['System'],
    access: 'public',
    responses: { 200: { description: 'System information', schema: SystemInfo } },
    handler: (_input, _req, res) => {
      const now = clock.now();
      res.json({
        name: 'Policydesk',
        version: APP_VERSION,
        environment: config.appEnv,
        businessDate: clock.businessDate(now),
        now: now.toISOString(),
      });
    },
  });

  api.route({
    method: 'get',
    path: '/system/health',
    summary: "Health at a glance (admins): this instance's readiness, job queues and last runs, the outbox, open SLA breaches, alerts firing",
    description:
      'The figures GET /metrics exposes, read now from the database (one query each, with a timeout; a figure that could not be read is null), and the alert rules of docker/prometheus/alerts.yml evaluated on them. Rules over request rates (response time, error rate) and instance scrapes are evaluated by Prometheus only (`evaluatedBy: prometheus`, `firing: null`).',
    tags: ['System'],
    access: { permission: 'system:health' },
    responses: { 200: { description: 'Health overview', schema: HealthOverview } },
    handler: async (_input, _req, res) => {
      res.json(await healthOverview(metrics, healthState, clock));
    },
  });
}
