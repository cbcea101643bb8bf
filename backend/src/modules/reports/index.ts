// The reports module (issue 18, first step): the report registry other modules register their
// reports into (`services.reports`), and the list of reports a reader may run. It requires none of
// the modules that register: they require it.
import { REPORTS_AUDIT_ACTIONS, REPORTS_ERROR_CODES, REPORTS_PERMISSIONS } from '../../contracts/reports';
import { defineModule } from '../../platform/module';
import { ReportRegistry } from './report-registry';
import { registerReportRoutes } from './reports.routes';

export interface ReportsServices {
  /** Register a report: `services.reports.register({ key, title, …, rows })` (report-registry.ts). */
  reports: ReportRegistry;
}

export const reportsModule = defineModule({
  name: 'reports',
  permissions: REPORTS_PERMISSIONS,
  auditActions: REPORTS_AUDIT_ACTIONS,
  errorCodes: REPORTS_ERROR_CODES,
  provides: { reports: () => new ReportRegistry() },
  register: (ctx) => registerReportRoutes(ctx, ctx.services.reports),
});
