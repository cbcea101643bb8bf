// GET /metrics: the Prometheus text exposition, behind its own bearer token (METRICS_TOKEN).
// Not under /api (no login, no rate limit), and never cached. Without a configured token every
// scrape is refused, so a deployment cannot expose its figures by forgetting the setting.
import type { Config } from '../config';
import { ForbiddenError, UnauthorizedError } from './errors';
import type { RouteRegistrar } from './http';
import { tokenMatches, type AppMetrics } from './metrics';

export const METRICS_PATH = '/metrics';

export function registerMetricsRoute(root: RouteRegistrar, metrics: AppMetrics, config: Config) {
  root.route({
    method: 'get',
    path: METRICS_PATH,
    summary: 'Prometheus metrics (text exposition format), for scrapers holding METRICS_TOKEN',
    description:
      'Authorization: Bearer <METRICS_TOKEN>. Request durations by method, route template and status class; database pool and query time; job queues; ' +
      "outbox backlog; open SLA breaches; login failures and locked accounts; webhook verification failures; the process's memory and event-loop lag.",
    tags: ['System'],
    access: 'public',
    responses: {
      200: { description: 'Metrics', contentType: 'text/plain' },
      401: { description: 'No bearer token (METRICS_TOKEN_REQUIRED)' },
      403: { description: 'Wrong token (METRICS_TOKEN_INVALID), or no METRICS_TOKEN configured on the server (METRICS_NOT_CONFIGURED)' },
    },
    handler: async (_input, req, res) => {
      const header = req.headers.authorization;
      const presented = typeof header === 'string' && /^Bearer\s+/i.test(header) ? header.replace(/^Bearer\s+/i, '').trim() : undefined;
      if (!presented) throw new UnauthorizedError('METRICS_TOKEN_REQUIRED', 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>.');
      if (!config.metricsToken) throw new ForbiddenError('METRICS_NOT_CONFIGURED', 'This server has no METRICS_TOKEN configured: metrics are not served.');
      if (!tokenMatches(presented, config.metricsToken)) throw new ForbiddenError('METRICS_TOKEN_INVALID', 'The metrics token is not the configured one.');
      const body = await metrics.render();
      res.setHeader('Cache-Control', 'no-store');
      res.type(metrics.contentType).send(body);
    },
  });
}
