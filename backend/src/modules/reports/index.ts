// The reports module (issue 18): the report registry other modules register their reports into
// (`services.reports`), the list of reports a reader may run, and their exports to CSV, Excel or PDF
// as background jobs, and scheduled reports. It requires none of the modules that register: they require it.
import path from 'node:path';
import { REPORTS_AUDIT_ACTIONS, REPORTS_ERROR_CODES, REPORTS_PERMISSIONS } from '../../contracts/reports';
import { defineModule } from '../../platform/module';
import { accessReport } from '../audit/audit.service';
import { customersDataset } from '../customers/customer-dataset';
import { registerCustomReportRoutes } from './custom-reports.routes';
import { CustomReportsService } from './custom-reports.service';
import { ReportRegistry } from './report-registry';
import { registerReportExportRoutes } from './report-exports.routes';
import { PURGE_REPORT_EXPORTS_JOB, ReportExportsService, RUN_REPORT_EXPORT_JOB } from './report-exports.service';
import { registerReportRoutes } from './reports.routes';
import { registerReportScheduleRoutes } from './report-schedules.routes';
import { ReportSchedulesService, RUN_REPORT_SCHEDULES_JOB } from './report-schedules.service';

export interface ReportsServices {
  /** Register a report: `services.reports.register({ key, title, …, rows })` (report-registry.ts). */
  reports: ReportRegistry;
}

export const reportsModule = defineModule({
  name: 'reports',
  permissions: REPORTS_PERMISSIONS,
  auditActions: REPORTS_AUDIT_ACTIONS,
  errorCodes: REPORTS_ERROR_CODES,
  requires: ['audit', 'actors', 'notifications'],
  provides: { reports: () => new ReportRegistry() },
  setup: ({ db, clock, config, logger, jobs, services }) => {
    // The audit trail's report is defined by the audit module and registered here: audit cannot
    // require `reports`, which requires `audit`.
    services.reports.register(accessReport(services.audit, config.businessTimeZone));
    // The customers dataset of the report builder is the customers module's, registered here for the
    // same reason (customers cannot require `reports`, whose notifications require customers).
    services.reports.datasets.register(customersDataset(config.businessTimeZone));
    const custom = new CustomReportsService(db, clock, services.reports.datasets, services.audit, services.reads);
    services.reports.register(custom.registryReport());
    const exports = new ReportExportsService(
      db,
      clock,
      services.reports,
      services.audit,
      services.actors,
      jobs,
      services.notifications,
      path.join(config.dataDir, 'exports'),
      config.publicUrl,
      logger,
      services.reads,
    );
    services.reports.attachExporter((actor, key, body) => exports.request(actor, key, body));
    const schedules = new ReportSchedulesService(db, clock, services.reports, exports, services.audit, services.actors);
    return { exports, schedules, custom };
  },
  jobs: (_ctx, { exports, schedules }) => [
    // Every minute: the scheduled reports whose time has come, each once per scheduled instant.
    { name: RUN_REPORT_SCHEDULES_JOB, schedule: '* * * * *', retryLimit: 0, expireInSeconds: 300, handler: async () => void (await schedules.runDue()) },
    // Sent in the request's transaction, one per export; safe to run twice (the row's lease).
    { name: RUN_REPORT_EXPORT_JOB, handler: async (data: { exportId: string }) => exports.run(data.exportId), expireInSeconds: 30 * 60 },
    {
      // Every night the files past their 7 days go.
      name: PURGE_REPORT_EXPORTS_JOB,
      schedule: '40 3 * * *',
      handler: async () => void (await exports.purgeExpired()),
    },
  ],
  register: (ctx, { exports, schedules, custom }) => {
    // /reports/exports and /reports/schedules before /reports/:key (Express matches in order).
    registerCustomReportRoutes(ctx, custom);
    registerReportExportRoutes(ctx, exports);
    registerReportScheduleRoutes(ctx, schedules);
    registerReportRoutes(ctx, ctx.services.reports);
  },
});
