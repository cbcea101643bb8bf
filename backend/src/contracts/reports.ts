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
  })
  .meta({ id: 'ReportSummary' });
export type ReportSummary = z.infer<typeof ReportSummary>;

export const ReportList = z.object({ items: z.array(ReportSummary) }).meta({ id: 'ReportList' });
export type ReportList = z.infer<typeof ReportList>;

export const ReportParams = z.object({ key: z.string().max(100) });

// --- Exports (issue 18, second step): a report written to a file by a background job.

export const REPORT_EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportExportFormat = (typeof REPORT_EXPORT_FORMATS)[number];
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
    format: z.enum(REPORT_EXPORT_FORMATS),
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

/** Running a report needs the permission of the report itself, not one of this module's. */
export const REPORTS_PERMISSIONS = {} as const satisfies PermissionGrants;

/** Exports of reports with personal data: the request (who, which report, parameters) and the file written (rows). */
export const REPORTS_AUDIT_ACTIONS = ['report_export.request', 'report_export.complete'] as const;
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
] as const;
export type ReportsErrorCode = (typeof REPORTS_ERROR_CODES)[number];
