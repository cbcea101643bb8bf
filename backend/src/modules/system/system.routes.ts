import { SystemInfo } from '../../contracts/system';
import type { ModuleContext } from '../../platform/module';
import { APP_VERSION } from '../../platform/version';

/** Facts the console shows before and after login: product version, environment, business date. */
export function registerSystemRoutes({ api, config, clock }: ModuleContext<never>) {
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
}
