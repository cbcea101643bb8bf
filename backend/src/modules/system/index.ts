// The system module: what the console shows before and after login (version, environment, business date).
import { SYSTEM_AUDIT_ACTIONS, SYSTEM_ERROR_CODES, SYSTEM_PERMISSIONS } from '../../contracts/system';
import { defineModule } from '../../platform/module';
import { registerSystemRoutes } from './system.routes';

export const systemModule = defineModule({
  name: 'system',
  permissions: SYSTEM_PERMISSIONS,
  auditActions: SYSTEM_AUDIT_ACTIONS,
  errorCodes: SYSTEM_ERROR_CODES,
  register: registerSystemRoutes,
});
