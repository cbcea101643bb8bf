// Custom reports (issue 18): a report a user builds from a dataset's allow-list of fields — columns,
// filters, grouping and totals — never SQL. Each dataset is defined by the module that owns its data
// (customers, policies, applications, payments, claims, cases, interactions), scoped and masked as
// that module's API; a saved report is private to its owner or shared with a role, and runs and
// exports through the report export jobs (`reports.custom`, params `{ reportId }`).
import { z } from 'zod';
import { PageQuery, pageOf } from './common';
import { ROLES } from './auth';
import { REPORT_COLUMN_TYPES, ReportColumn } from './reports';

/** Comparisons a filter may use; which apply to a field depends on its type (`operatorsFor`). */
export const CUSTOM_REPORT_OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'contains', 'starts_with', 'is_null', 'not_null'] as const;
export type CustomReportOperator = (typeof CUSTOM_REPORT_OPERATORS)[number];
/** Totals: per group when the report is grouped, else one row over everything that matches. */
export const CUSTOM_REPORT_AGGREGATES = ['count', 'sum', 'avg', 'min', 'max'] as const;
export type CustomReportAggregate = (typeof CUSTOM_REPORT_AGGREGATES)[number];
/** Rows the preview answers at most (an export writes them all). */
export const CUSTOM_REPORT_PREVIEW_ROWS = 100;
/** Groups a grouped report holds at most. */
export const CUSTOM_REPORT_MAX_GROUPS = 10_000;
/** The report in the registry that runs a saved custom report (params `{ reportId }`). */
export const CUSTOM_REPORT_KEY = 'reports.custom';

type FieldType = (typeof REPORT_COLUMN_TYPES)[number];

/** The operators a field of this type (with a fixed list of values, or not) takes. */
export function operatorsFor(type: FieldType, hasValues: boolean): CustomReportOperator[] {
  const nulls: CustomReportOperator[] = ['is_null', 'not_null'];
  switch (type) {
    case 'string':
      return hasValues ? ['eq', 'ne', 'in', ...nulls] : ['eq', 'ne', 'in', 'contains', 'starts_with', ...nulls];
    case 'boolean':
      return ['eq', 'ne', ...nulls];
    case 'datetime':
      return ['lt', 'lte', 'gt', 'gte', ...nulls];
    default:
      return ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', ...nulls];
  }
}

/** The totals a field of this type takes (`count` also without a field: the rows). */
export function aggregatesFor(type: FieldType): CustomReportAggregate[] {
  if (type === 'integer' || type === 'decimal' || type === 'money') return ['count', 'sum', 'avg', 'min', 'max'];
  if (type === 'date' || type === 'datetime') return ['count', 'min', 'max'];
  return ['count'];
}

/** Fields a report may group by: not money, figures with decimals or instants. */
export const groupable = (type: FieldType) => type === 'string' || type === 'integer' || type === 'date' || type === 'boolean';

const FieldKey = z.string().trim().min(1).max(64);

export const CustomReportFilter = z
  .strictObject({
    field: FieldKey,
    op: z.enum(CUSTOM_REPORT_OPERATORS),
    /** The field's type: text, a whole number, money in minor units, YYYY-MM-DD, an ISO instant, true/false; `in`: a list (1–50); none for is_null/not_null. */
    value: z.unknown().optional(),
  })
  .meta({ id: 'CustomReportFilter' });
export type CustomReportFilter = z.infer<typeof CustomReportFilter>;

export const CustomReportTotal = z.strictObject({ fn: z.enum(CUSTOM_REPORT_AGGREGATES), field: FieldKey.optional() }).meta({ id: 'CustomReportTotal' });
export type CustomReportTotal = z.infer<typeof CustomReportTotal>;

export const CustomReportDefinition = z
  .strictObject({
    dataset: z.string().trim().min(1).max(40).meta({ example: 'customers' }),
    /** Fields shown; when grouped, only grouped fields (the totals follow them). */
    columns: z.array(FieldKey).max(30).default([]),
    filters: z.array(CustomReportFilter).max(20).default([]),
    groupBy: z.array(FieldKey).max(3).default([]),
    totals: z.array(CustomReportTotal).max(10).default([]),
  })
  .meta({ id: 'CustomReportDefinition' });
export type CustomReportDefinition = z.infer<typeof CustomReportDefinition>;
export type CustomReportDefinitionInput = z.input<typeof CustomReportDefinition>;

export const CustomReportField = z
  .object({
    key: z.string(),
    header: z.string(),
    type: z.enum(REPORT_COLUMN_TYPES),
    /** Its only possible values (a status, a channel), when it has a fixed list. */
    values: z.array(z.string()).nullable(),
    /** Shown only masked (e.g. `***-**-6789`), as the owning module's API shows it. */
    masked: z.boolean(),
    operators: z.array(z.enum(CUSTOM_REPORT_OPERATORS)),
    aggregates: z.array(z.enum(CUSTOM_REPORT_AGGREGATES)),
    groupable: z.boolean(),
  })
  .meta({ id: 'CustomReportField' });
export type CustomReportField = z.infer<typeof CustomReportField>;

export const CustomReportDataset = z
  .object({ key: z.string(), title: z.string(), fields: z.array(CustomReportField), currencyField: z.string().nullable() })
  .meta({ id: 'CustomReportDataset' });
export type CustomReportDataset = z.infer<typeof CustomReportDataset>;
export const CustomReportDatasetList = z.object({ items: z.array(CustomReportDataset) }).meta({ id: 'CustomReportDatasetList' });

export const CustomReportResult = z
  .object({
    columns: z.array(ReportColumn),
    rows: z.array(z.record(z.string(), z.unknown())),
    /** More rows than shown (the preview's first 100, or the group cap). */
    truncated: z.boolean(),
    /** When grouped with totals: the totals over every group. */
    grandTotals: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'CustomReportResult' });
export type CustomReportResult = z.infer<typeof CustomReportResult>;

export const PreviewCustomReportBody = z.strictObject({ definition: CustomReportDefinition }).meta({ id: 'PreviewCustomReportBody' });

const Name = z.string().trim().min(1, 'Give the report a name').max(120);
export const SaveCustomReportBody = z
  .strictObject({
    name: Name,
    description: z.string().trim().max(500).default(''),
    definition: CustomReportDefinition,
    /** Everyone with this role sees and runs it (in their own scope); null: only you. */
    sharedWithRole: z.enum(ROLES).nullable().default(null),
  })
  .meta({ id: 'SaveCustomReportBody' });
export type SaveCustomReportBody = z.input<typeof SaveCustomReportBody>;

export const UpdateCustomReportBody = z
  .strictObject({
    name: Name.optional(),
    description: z.string().trim().max(500).optional(),
    definition: CustomReportDefinition.optional(),
    sharedWithRole: z.enum(ROLES).nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'Change at least one field')
  .meta({ id: 'UpdateCustomReportBody', minProperties: 1 });
export type UpdateCustomReportBody = z.input<typeof UpdateCustomReportBody>;

export const CustomReport = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    definition: CustomReportDefinition,
    sharedWithRole: z.enum(ROLES).nullable(),
    owner: z.object({ id: z.uuid(), name: z.string() }),
    /** The caller owns it (may change, share and delete it). */
    mine: z.boolean(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'CustomReport' });
export type CustomReport = z.infer<typeof CustomReport>;
export const CustomReportList = pageOf(CustomReport).meta({ id: 'CustomReportList' });
export type CustomReportList = z.infer<typeof CustomReportList>;
export const CustomReportListQuery = PageQuery;
export const CustomReportParams = z.strictObject({ id: z.uuid('Not a valid id') });
