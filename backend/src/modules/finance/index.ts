// The finance module (issue 20): accounting periods and the monthly close, the trial balance at a
// date, the month's statement, the chart-of-accounts mapping and journal exports. The ledger is
// billing's; finance decides when its months close.
import { FINANCE_AUDIT_ACTIONS, FINANCE_ERROR_CODES, FINANCE_PERMISSIONS } from '../../contracts/finance';
import { defineModule } from '../../platform/module';
import { registerJournalExportRoutes } from './journal-exports.routes';
import { JournalExportsService } from './journal-exports.service';
import { registerPeriodRoutes } from './periods.routes';
import { PeriodsService } from './periods.service';

export const financeModule = defineModule({
  name: 'finance',
  permissions: FINANCE_PERMISSIONS,
  auditActions: FINANCE_AUDIT_ACTIONS,
  errorCodes: FINANCE_ERROR_CODES,
  requires: ['audit', 'ledger'],
  setup: ({ db, clock, services }) => ({
    periods: new PeriodsService(db, clock, services.audit, services.ledger),
    exports: new JournalExportsService(db, clock, services.audit, services.ledger),
  }),
  register: (ctx, { periods, exports }) => {
    registerPeriodRoutes(ctx, periods);
    registerJournalExportRoutes(ctx, exports);
  },
});
