// Analytics contract (issue 18): the KPI registry as the console sees it. A KPI is defined by the
// module that owns its data (services.kpis.register) with its formula written out, its target and
// its source; the figure is computed from that module's records for the reader's scope — an agent
// their own work, senior agents and managers their branches, admins (and the company-wide roles)
// everything — and the filters asked (period, branch, product, agent).
import { z } from 'zod';
import type { PermissionGrants } from './grants';

/** per_agent_day: a count per agent per business day (productivity). */
export const KPI_UNITS = ['score', 'ratio', 'business_days', 'hours', 'money', 'count', 'per_agent_day'] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];
export const KPI_DIMENSIONS = ['branch', 'product', 'agent', 'region'] as const;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];
/** What a KPI can be broken down by side by side (a region is a filter only). */
export const KPI_BREAKDOWN_DIMENSIONS = ['branch', 'product', 'agent'] as const satisfies readonly KpiDimension[];
export type KpiBreakdownDimension = (typeof KPI_BREAKDOWN_DIMENSIONS)[number];

export const KpiTarget = z
  .object({
    /** `above`: the figure must be greater than `value`; `below`: smaller; `at_most`: not greater. */
    comparison: z.enum(['above', 'below', 'at_most']),
    value: z.number(),
  })
  .meta({ id: 'KpiTarget' });
export type KpiTarget = z.infer<typeof KpiTarget>;

const KpiQueryFields = {
  from: z.iso.date('Use YYYY-MM-DD'),
  to: z.iso.date('Use YYYY-MM-DD'),
  branchId: z.uuid('Not a valid id').optional(),
  productId: z.uuid('Not a valid id').optional(),
  agentId: z.uuid('Not a valid id').optional(),
  /** The customers' region (their address's state or province, as recorded), for the KPIs with the region dimension. */
  region: z.string().trim().min(1).max(100).optional(),
  /** Each figure beside the same KPI over the period just before (as long), or the same dates a year earlier. */
  compare: z.enum(['previous_period', 'previous_year']).optional(),
};

/** The period's rules, on the KPI query and on the queries that extend it (breakdown, drill-down). */
function periodChecked<T extends z.ZodType<{ from: string; to: string }>>(schema: T) {
  return schema
    .refine((q) => q.from >= '2000-01-01' && q.to <= '2999-12-31', { message: 'Between 2000 and 2999', path: ['from'] })
    .refine((q) => q.from <= q.to, { message: 'from is after to', path: ['to'] })
    .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, { message: 'At most a year', path: ['to'] });
}

export const KpiQuery = periodChecked(z.strictObject(KpiQueryFields));
export type KpiQuery = z.infer<typeof KpiQuery>;

export const KpiFigure = z
  .object({
    key: z.string().meta({ example: 'service.csat' }),
    title: z.string(),
    /** The formula in words, shown next to the figure. */
    formula: z.string(),
    /** Where the figure comes from (the records it counts). */
    source: z.string(),
    unit: z.enum(KPI_UNITS),
    /** The currency of a money figure (the company's base currency), else null. */
    currency: z.union([z.string(), z.null()]),
    target: z.union([KpiTarget, z.null()]),
    /** Null when there is nothing to compute it from in the period (no surveys, no claims decided…). */
    value: z.union([z.number(), z.null()]),
    /** The two sides of a ratio or average (e.g. 17 resolved of 20 inbound), when the figure is one. */
    numerator: z.union([z.number(), z.null()]),
    denominator: z.union([z.number(), z.null()]),
    /** What the two sides count: records, or money in minor units of `currency` (the loss ratio). */
    basisUnit: z.enum(['count', 'money']),
    /** Whether the figure meets its target (null: no target, or no figure). */
    met: z.union([z.boolean(), z.null()]),
    /** The same KPI over the period compared with (when `compare` was asked). */
    compared: z.object({ value: z.union([z.number(), z.null()]), numerator: z.union([z.number(), z.null()]), denominator: z.union([z.number(), z.null()]) }).optional(),
    /** The filters this KPI can be cut by; a filter asked that is not among them did not narrow it. */
    dimensions: z.array(z.enum(KPI_DIMENSIONS)),
  })
  .meta({ id: 'KpiFigure' });
export type KpiFigure = z.infer<typeof KpiFigure>;

export const KpiList = z
  .object({
    from: z.string(),
    to: z.string(),
    /** Whose work the figures count: the reader's own (agents), or everyone in the branches filtered. */
    scope: z.object({ agentId: z.union([z.uuid(), z.null()]), branchId: z.union([z.uuid(), z.null()]), productId: z.union([z.uuid(), z.null()]) }),
    /** The period the figures are compared with, when `compare` was asked. */
    comparedWith: z.object({ from: z.string(), to: z.string() }).nullable(),
    items: z.array(KpiFigure),
  })
  .meta({ id: 'KpiList' });
export type KpiList = z.infer<typeof KpiList>;

/** One KPI month by month over the period asked (its months clipped to the period), for a trend chart. */
export const KpiTrend = z
  .object({
    key: z.string(),
    title: z.string(),
    unit: z.enum(KPI_UNITS),
    currency: z.union([z.string(), z.null()]),
    target: z.union([KpiTarget, z.null()]),
    points: z.array(
      z.object({
        /** The calendar month, `YYYY-MM`. */
        month: z.string(),
        from: z.string(),
        to: z.string(),
        value: z.union([z.number(), z.null()]),
        numerator: z.union([z.number(), z.null()]),
        denominator: z.union([z.number(), z.null()]),
        met: z.union([z.boolean(), z.null()]),
      }),
    ),
  })
  .meta({ id: 'KpiTrend' });
export type KpiTrend = z.infer<typeof KpiTrend>;
export const KpiTrendParams = z.object({ key: z.string().max(100) });

/** `?by=` of a breakdown: one figure per branch, product or agent of the reader's scope, side by side. */
export const KpiBreakdownQuery = periodChecked(z.strictObject({ ...KpiQueryFields, by: z.enum(KPI_BREAKDOWN_DIMENSIONS, { message: 'by must be branch, product or agent' }) }));
export type KpiBreakdownQuery = z.infer<typeof KpiBreakdownQuery>;

const FigureValues = {
  value: z.union([z.number(), z.null()]),
  numerator: z.union([z.number(), z.null()]),
  denominator: z.union([z.number(), z.null()]),
  met: z.union([z.boolean(), z.null()]),
};

/** One KPI cut by a dimension: each member's figure (members with nothing counted are left out) and the total over them. */
export const KpiBreakdown = z
  .object({
    key: z.string(),
    title: z.string(),
    unit: z.enum(KPI_UNITS),
    currency: z.union([z.string(), z.null()]),
    target: z.union([KpiTarget, z.null()]),
    by: z.enum(KPI_BREAKDOWN_DIMENSIONS),
    from: z.string(),
    to: z.string(),
    /** The figure over the whole scope (as the KPI list shows it). */
    total: z.object(FigureValues),
    items: z.array(z.object({ id: z.uuid(), name: z.string(), ...FigureValues })),
  })
  .meta({ id: 'KpiBreakdown' });
export type KpiBreakdown = z.infer<typeof KpiBreakdown>;

/** The drill-down's page: the KPI's query, a cursor and a page size. */
export const KpiRowsQuery = periodChecked(
  z.strictObject({
    ...KpiQueryFields,
    limit: z.coerce.number().int('limit must be a whole number').min(1, 'limit must be at least 1').max(500, 'limit must be at most 500').default(50),
    cursor: z.string().min(1).max(512).optional(),
  }),
);
export type KpiRowsQuery = z.infer<typeof KpiRowsQuery>;

/** How a side of the figure is made of the rows: their count (column null), or the sum of a column; only rows whose `where` column is true. */
export const KpiReconcile = z.object({ column: z.string().nullable(), where: z.string().nullable() });
export type KpiReconcile = z.infer<typeof KpiReconcile>;

/** A page of the rows behind a KPI's figure, scoped exactly as the figure. */
export const KpiRows = z
  .object({
    key: z.string(),
    title: z.string(),
    /** What the rows are ("Claims decided in the period"). */
    rows: z.string(),
    /** The report that exports them (POST /api/reports/{report}/exports with the same filters as params). */
    report: z.string(),
    columns: z.array(z.object({ key: z.string(), header: z.string(), type: z.enum(['string', 'integer', 'decimal', 'money', 'date', 'datetime', 'boolean']) })),
    /** How the rows add up to the figure's sides: `value` (a count or sum figure), or `numerator` and `denominator`. */
    reconcile: z.object({ value: KpiReconcile.optional(), numerator: KpiReconcile.optional(), denominator: KpiReconcile.optional() }),
    items: z.array(z.record(z.string(), z.unknown())),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'KpiRows' });
export type KpiRows = z.infer<typeof KpiRows>;

/**
 * `analytics:read`: the KPIs (each KPI also needs the read permission of its data). `analytics:team`:
 * everyone's figures in the reader's branches — without it the figures count the reader's own work.
 */
export const ANALYTICS_PERMISSIONS = {
  'analytics:read': ['manager', 'senior_agent', 'agent', 'underwriter', 'claims_adjuster', 'finance', 'finance_manager'],
  'analytics:team': ['manager', 'senior_agent', 'underwriter', 'finance', 'finance_manager'],
} as const satisfies PermissionGrants;

export const ANALYTICS_AUDIT_ACTIONS = [] as const;

export const ANALYTICS_ERROR_CODES = [
  /** A breakdown by a dimension the KPI does not have (the loss ratio by agent). */
  'KPI_DIMENSION_UNAVAILABLE',
] as const;
