// Reports contract (issue 18, first step): the report registry as the console sees it. A report is
// defined by the module that owns its data (services.reports.register); the reader sees only the
// reports their role may run, with the parameters each takes (JSON Schema) and the columns it writes.
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import type { PermissionGrants } from './grants';

export const REPORT_COLUMN_TYPES = ['string', 'integer', 'decimal', 'money', 'date', 'datetime', 'boolean'] as const;
export type ReportColumnType = (typeof REPORT_COLUMN_TYPES)[number];

export const ReportColumn = z
  .object({
    key: z.string(),
    header: z.string(),
    /** money: integer minor units, with the row's currency in a `currency` column; decimal: a figure with two decimals (a rate in %, hours). */
    type: z.enum(REPORT_COLUMN_TYPES),
  })
  .meta({ id: 'ReportColumn' });
export type ReportColumn = z.infer<typeof ReportColumn>;

export const ReportSummary = z
  .object({
    key: z.string().meta({ example: 'billing.aged-receivables' }),
    title: z.string(),
    description: z.string(),
    /** The permission running it needs (the owning module's). */
    permission: z.string(),
    /** The parameters it takes, as a JSON Schema (from the report's own validation). */
    params: z.record(z.string(), z.unknown()),
    columns: z.array(ReportColumn),
    /** Its rows name or identify people: exports of it are audited. */
    personalData: z.boolean(),
    /** Its date-range parameters, which a schedule can fill with a rolling period; null when it has none. */
    period: z.object({ from: z.string(), to: z.string() }).nullable(),
  })
  .meta({ id: 'ReportSummary' });
export type ReportSummary = z.infer<typeof ReportSummary>;

export const ReportList = z.object({ items: z.array(ReportSummary) }).meta({ id: 'ReportList' });
export type ReportList = z.infer<typeof ReportList>;

export const ReportParams = z.object({ key: z.string().max(100) });

// --- Exports (issue 18, second step): a report written to a file by a background job.

/** The formats of a table of rows: any report but one that declares its own (`formats`). */
export const REPORT_EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportExportFormat = (typeof REPORT_EXPORT_FORMATS)[number];
/** Every format an export file can have: the table formats, and a ZIP of JSON files with a PDF summary (a customer's data, issue 22). */
export const EXPORT_FILE_FORMATS = [...REPORT_EXPORT_FORMATS, 'zip'] as const;
export type ExportFileFormat = (typeof EXPORT_FILE_FORMATS)[number];
export const REPORT_EXPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ReportExportStatus = (typeof REPORT_EXPORT_STATUSES)[number];

/** A PDF keeps its pages until the end (to number them): past this many rows, export CSV or Excel. */
export const PDF_EXPORT_ROW_LIMIT = 2_000;
/** Days an export's file is kept after it is written. */
export const REPORT_EXPORT_KEEP_DAYS = 7;

export const CreateReportExportBody = z
  .strictObject({
    format: z.enum(REPORT_EXPORT_FORMATS),
    /** The report's parameters, checked by the report's own schema (errors at `params.<name>`). */
    params: z.record(z.string(), z.unknown()).default({}),
  })
  .meta({ id: 'CreateReportExportBody' });
export type CreateReportExportBody = z.input<typeof CreateReportExportBody>;

export const ReportExport = z
  .object({
    id: z.uuid(),
    reportKey: z.string(),
    reportTitle: z.string(),
    format: z.enum(EXPORT_FILE_FORMATS),
    params: z.record(z.string(), z.unknown()),
    status: z.enum(REPORT_EXPORT_STATUSES),
    /** Rows written so far (progress while running; the total once done). */
    rowsWritten: z.number().int(),
    fileName: z.string().nullable(),
    sizeBytes: z.number().int().nullable(),
    sha256: z.string().nullable(),
    requestedAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    /** The file is deleted after this instant (7 days after it was written); a download then is 410. */
    expiresAt: z.string(),
    expired: z.boolean(),
    /** Why it failed (a stable code and a sentence to show). */
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  })
  .meta({ id: 'ReportExport' });
export type ReportExport = z.infer<typeof ReportExport>;

/** The caller's exports, newest first, keyset-paged. */
export const ReportExportList = pageOf(ReportExport).meta({ id: 'ReportExportList' });
export const ReportExportListQuery = PageQuery;
export type ReportExportList = z.infer<typeof ReportExportList>;

export const ReportExportParams = z.strictObject({ id: z.uuid('Not a valid id') });

// --- Scheduled reports (issue 18): a report run on a cron expression in a time zone, each recipient
// getting their own export (run as themselves) and an email with a link to it.

export const REPORT_SCHEDULE_STATUSES = ['active', 'paused'] as const;
/** Rolling periods a schedule can fill a report's dates with at each run (before the run's day, week or month). */
export const REPORT_SCHEDULE_PERIODS = ['previous-day', 'previous-week', 'previous-month'] as const;
export type ReportSchedulePeriod = (typeof REPORT_SCHEDULE_PERIODS)[number];
/** Recipients of one schedule, at most. */
export const REPORT_SCHEDULE_MAX_RECIPIENTS = 20;

const ScheduleTiming = {
  /** Five fields (minute hour day-of-month month day-of-week), at most one run an hour: the minute is one number. */
  cron: z.string().trim().min(9, 'Use five fields: minute hour day-of-month month day-of-week').max(100).meta({ example: '0 8 * * 1' }),
  /** The IANA zone whose wall clock the cron expression follows. */
  timeZone: z.string().trim().min(1).max(64).meta({ example: 'Europe/London' }),
};
const Recipients = z
  .array(z.uuid('Not a valid id'))
  .min(1, 'Choose at least one recipient')
  .max(REPORT_SCHEDULE_MAX_RECIPIENTS, `At most ${REPORT_SCHEDULE_MAX_RECIPIENTS} recipients`)
  .refine((ids) => new Set(ids).size === ids.length, 'A recipient is listed twice');

export const CreateReportScheduleBody = z
  .strictObject({
    format: z.enum(REPORT_EXPORT_FORMATS),
    /** The report's parameters, checked by the report's own schema (errors at `params.<name>`). */
    params: z.record(z.string(), z.unknown()).default({}),
    ...ScheduleTiming,
    /** Fill the report's dates at each run with this period (the report must have dates); null keeps the params as given. */
    period: z.enum(REPORT_SCHEDULE_PERIODS).nullable().default(null),
    recipientIds: Recipients,
  })
  .meta({ id: 'CreateReportScheduleBody' });
export type CreateReportScheduleBody = z.input<typeof CreateReportScheduleBody>;

/** A change to a schedule (If-Match): any of its settings, or pausing and resuming it. */
export const UpdateReportScheduleBody = z
  .strictObject({
    format: z.enum(REPORT_EXPORT_FORMATS).optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    cron: ScheduleTiming.cron.optional(),
    timeZone: ScheduleTiming.timeZone.optional(),
    period: z.enum(REPORT_SCHEDULE_PERIODS).nullable().optional(),
    recipientIds: Recipients.optional(),
    status: z.enum(REPORT_SCHEDULE_STATUSES).optional(),
  })
  .meta({ id: 'UpdateReportScheduleBody' });
export type UpdateReportScheduleBody = z.input<typeof UpdateReportScheduleBody>;

export const ReportSchedule = z
  .object({
    id: z.uuid(),
    reportKey: z.string(),
    reportTitle: z.string(),
    format: z.enum(REPORT_EXPORT_FORMATS),
    params: z.record(z.string(), z.unknown()),
    cron: z.string(),
    timeZone: z.string(),
    /** The rolling period its dates take at each run (null: the params as given). */
    period: z.enum(REPORT_SCHEDULE_PERIODS).nullable(),
    status: z.enum(REPORT_SCHEDULE_STATUSES),
    recipients: z.array(z.object({ id: z.uuid(), name: z.string() })),
    /** The next run (null while paused). */
    nextRunAt: z.string().nullable(),
    lastRunAt: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
  })
  .meta({ id: 'ReportSchedule' });
export type ReportSchedule = z.infer<typeof ReportSchedule>;

/** The caller's schedules, newest first, keyset-paged. */
export const ReportScheduleList = pageOf(ReportSchedule).meta({ id: 'ReportScheduleList' });
export type ReportScheduleList = z.infer<typeof ReportScheduleList>;
export const ReportScheduleParams = z.strictObject({ id: z.uuid('Not a valid id') });

/** Running a report needs the permission of the report itself, not one of this module's. */
export const REPORTS_PERMISSIONS = {} as const satisfies PermissionGrants;

/** Exports of reports with personal data: the request (who, which report, parameters) and the file written (rows); every change to a schedule. */
export const REPORTS_AUDIT_ACTIONS = [
  'report_export.request',
  'report_export.complete',
  // Scheduled reports: made, changed (paused and resumed too), deleted.
  'report_schedule.create',
  'report_schedule.update',
  'report_schedule.delete',
  // Saved custom reports: made, changed (shared), deleted.
  'custom_report.create',
  'custom_report.update',
  'custom_report.delete',
] as const;
export type ReportsAuditAction = (typeof REPORTS_AUDIT_ACTIONS)[number];

export const REPORTS_ERROR_CODES = [
  // 410: the file was kept 7 days and is gone.
  'REPORT_EXPORT_EXPIRED',
  // 409: the file is not written yet (queued, running) or the export failed.
  'REPORT_EXPORT_NOT_READY',
  // A failed export's reasons: a PDF past its row limit; the requester may no longer run the report; the job failed.
  'REPORT_EXPORT_TOO_MANY_ROWS',
  'REPORT_EXPORT_NOT_ALLOWED',
  'REPORT_EXPORT_FAILED',
  // 400: the report is not exported in that format (a customer's data only as a ZIP; other reports not as one).
  'REPORT_FORMAT_NOT_OFFERED',
  // 400: a schedule's timing (cron, time zone) or recipients (unknown, inactive, outside your branches, may not run the report).
  'REPORT_SCHEDULE_INVALID',
  // 400s of the custom report builder: a dataset the caller may not use; a field outside its allow-list
  // (named); an operator the field's type does not take; a value not of its type; a shape that cannot be built.
  'REPORT_DATASET_UNKNOWN',
  'REPORT_FIELD_NOT_ALLOWED',
  'REPORT_OPERATOR_NOT_ALLOWED',
  'REPORT_VALUE_INVALID',
  'REPORT_DEFINITION_INVALID',
  // 403: a saved report shared with the caller is changed or deleted only by its owner.
  'CUSTOM_REPORT_NOT_OWNER',
] as const;
export type ReportsErrorCode = (typeof REPORTS_ERROR_CODES)[number];
