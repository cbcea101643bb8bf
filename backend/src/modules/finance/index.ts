// The finance module (issue 20): accounting periods and the monthly close, the trial balance at a
// date, the month's statement, the chart-of-accounts mapping and journal exports. The ledger is
// billing's; finance decides when its months close.
import { FINANCE_AUDIT_ACTIONS, FINANCE_ERROR_CODES, FINANCE_PERMISSIONS } from '../../contracts/finance';
import { RECONCILIATION_AUDIT_ACTIONS, RECONCILIATION_ERROR_CODES, RECONCILIATION_PERMISSIONS } from '../../contracts/reconciliation';
import { defineModule } from '../../platform/module';
import { EarningService } from './earning.service';
import { premiumRegisterReport, statementReport, trialBalanceReport } from './finance-reports';
import { registerJournalExportRoutes } from './journal-exports.routes';
import { JournalExportsService } from './journal-exports.service';
import { registerPeriodRoutes } from './periods.routes';
import { PeriodsService } from './periods.service';
import { registerPremiumRegisterRoutes } from './premium-register.routes';
import { PremiumRegisterService } from './premium-register.service';
import { registerReconciliationRoutes } from './reconciliation.routes';
import { ReconciliationService } from './reconciliation.service';

export const EARN_PREMIUM_JOB = 'finance.earn-premium';

export const financeModule = defineModule({
  name: 'finance',
  permissions: { ...FINANCE_PERMISSIONS, ...RECONCILIATION_PERMISSIONS },
  auditActions: [...FINANCE_AUDIT_ACTIONS, ...RECONCILIATION_AUDIT_ACTIONS],
  errorCodes: [...FINANCE_ERROR_CODES, ...RECONCILIATION_ERROR_CODES],
  requires: ['audit', 'ledger', 'billing', 'quotes', 'reports'],
  setup: ({ db, clock, config, services }) => {
    const earning = new EarningService(db, clock, services.ledger, services.billing);
    const reconciliation = new ReconciliationService(db, clock, services.audit, services.billing, config.reconciliationCloseThreshold);
    // The gateway's payout events reach reconciliation through billing's signed webhook inbox.
    services.billing.registerPayoutImporter(reconciliation);
    const periods = new PeriodsService(db, clock, services.audit, services.ledger, earning, services.quotes, reconciliation);
    const register = new PremiumRegisterService(db, services.billing, services.quotes);
    // The trial balance, the statement and the premium register as CSV, Excel or PDF, now or on a schedule.
    services.reports.register(trialBalanceReport(periods));
    services.reports.register(statementReport(periods));
    services.reports.register(premiumRegisterReport(register));
    return { earning, reconciliation, periods, register, exports: new JournalExportsService(db, clock, services.audit, services.ledger) };
  },
  jobs: (_ctx, { earning }) => [
    // Earned premium: after the invoice run (01:20) and before the ledger's verification (02:45); catches up after downtime.
    { name: EARN_PREMIUM_JOB, schedule: '10 2 * * *', handler: async () => void (await earning.earnDue()) },
  ],
  register: (ctx, { periods, exports, register, reconciliation }) => {
    registerPeriodRoutes(ctx, periods);
    registerPremiumRegisterRoutes(ctx, register);
    registerJournalExportRoutes(ctx, exports);
    registerReconciliationRoutes(ctx, reconciliation);
  },
});
