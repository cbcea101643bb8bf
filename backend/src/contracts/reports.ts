// Reports contract (issue 18, first step): the report registry as the console sees it. A report is
// defined by the module that owns its data (services.reports.register); the reader sees only the
// reports their role may run, with the parameters each takes (JSON Schema) and the columns it writes.
import { z } from 'zod';
import type { PermissionGrants } from './grants';

export const REPORT_COLUMN_TYPES = ['string', 'integer', 'money', 'date', 'datetime', 'boolean'] as const;
export type ReportColumnType = (typeof REPORT_COLUMN_TYPES)[number];

export const ReportColumn = z
  .object({
    key: z.string(),
    header: z.string(),
    /** money: integer minor units, with the row's currency in a `currency` column. */
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

/** Running a report needs the permission of the report itself, not one of this module's. */
export const REPORTS_PERMISSIONS = {} as const satisfies PermissionGrants;

export const REPORTS_AUDIT_ACTIONS = [] as const;

export const REPORTS_ERROR_CODES = [] as const;
