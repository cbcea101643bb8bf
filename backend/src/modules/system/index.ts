// The system module: what the console shows before and after login (version, environment, business
// date), and the platform's housekeeping jobs.
import { SYSTEM_AUDIT_ACTIONS, SYSTEM_ERROR_CODES, SYSTEM_PERMISSIONS } from '../../contracts/system';
import { PURGE_IDEMPOTENCY_KEYS_JOB } from '../../platform/idempotency';
import { defineModule } from '../../platform/module';
import { registerSystemRoutes } from './system.routes';

export const systemModule = defineModule({
  name: 'system',
  permissions: SYSTEM_PERMISSIONS,
  auditActions: SYSTEM_AUDIT_ACTIONS,
  errorCodes: SYSTEM_ERROR_CODES,
  jobs: ({ services, logger }) => [
    {
      // Idempotency keys are kept at least 24 hours; every hour the expired ones go.
      name: PURGE_IDEMPOTENCY_KEYS_JOB,
      schedule: '17 * * * *',
      handler: async () => {
        const purged = await services.idempotency.purgeExpired();
        if (purged) logger.info({ purged }, 'expired idempotency keys purged');
      },
    },
  ],
  register: registerSystemRoutes,
});
