// The audit module: the append-only trail every module writes to, and its reading and export.
import { AUDIT_ERROR_CODES, AUDIT_MODULE_AUDIT_ACTIONS, AUDIT_PERMISSIONS } from '../../contracts/audit';
import { defineModule } from '../../platform/module';
import { registerAuditRoutes } from './audit.routes';
import { AuditService } from './audit.service';

export interface AuditServices {
  /** `record(trx, …)` inside the transaction of every change; sensitive reads. */
  audit: AuditService;
}

export const auditModule = defineModule({
  name: 'audit',
  permissions: AUDIT_PERMISSIONS,
  auditActions: AUDIT_MODULE_AUDIT_ACTIONS,
  errorCodes: AUDIT_ERROR_CODES,
  provides: {
    audit: ({ clock }) => new AuditService(clock),
  },
  register: registerAuditRoutes,
});
