// `services.kpis`: the KPI registry. Modules that own data register their KPIs here (they require
// `kpis`; this module requires none of them) and keep their tables to themselves: a KPI's figure
// comes from the registering module's own query, narrowed to the scope the registry hands it.
import type { Knex } from 'knex';
import type { KpiDimension, KpiQuery, KpiReconcile, KpiTarget, KpiUnit } from '../../contracts/analytics';
import type { Permission } from '../../contracts/permissions';
import type { ReportColumn } from '../../contracts/reports';
import type { DbOrTrx } from '../../db';
import type { Actor } from '../../platform/actor';
import type { SortKey } from '../../platform/pagination';

export interface DrillRunner {
  drillBatches(actor: Actor, key: string, query: KpiQuery): AsyncIterable<Record<string, unknown>[]>;
}

/** Whose records a figure counts: resolved from the reader and the filters (kpi.service.ts). */
export interface KpiScope {
  /** The reader's branches (`'all'` for company-wide roles), narrowed to the branch asked. */
  branchIds: string[] | 'all';
  /** The reader themselves (without `analytics:team`), or the agent asked; null: everyone in the branches. */
  agentId: string | null;
  /** The product asked, as its versions (records keep the version they were sold on); null: every product. */
  productVersionIds: string[] | null;
  /** The customers' region asked (their address's region, exact); null: every region. */
  region: string | null;
}

/** The period: business dates `from`–`to` inclusive, and the instants they span in the company's time zone. */
export interface KpiPeriod {
  from: string;
  to: string;
  /** The start of `from`, inclusive. */
  start: Date;
  /** The end of `to` (the start of the next day), exclusive. */
  end: Date;
}

export interface KpiResult {
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

export interface KpiDefinition {
  /** `<module>.<name>`, lower case with dashes. */
  key: string;
  title: string;
  /** The formula in words, as the console shows it beside the figure. */
  formula: string;
  /** The records it counts. */
  source: string;
  unit: KpiUnit;
  /** What the numerator and denominator count (default: records). */
  basisUnit?: 'count' | 'money';
  target: KpiTarget | null;
  /** Who may see it: the owning module's read permission for the data. */
  permission: Permission;
  /**
   * Its value (or each of its two sides) over a period is the sum of its days' (records counted on
   * the day of one instant or date): the nightly snapshots keep it per day and branch, and closed
   * periods read them. Not for point-in-time figures, distinct counts or divisors of calendar units.
   */
  additive?: boolean;
  /** The filters the module's query honours (`scopeKpi` with the matching columns). */
  dimensions: readonly KpiDimension[];
  compute(db: DbOrTrx, scope: KpiScope, period: KpiPeriod): Promise<KpiResult>;
  /** The rows behind the figure (the drill-down), scoped exactly as `compute`. */
  drill: KpiDrillDown;
}

/**
 * The records a KPI's figure is made of: the same tables and conditions as its `compute`, narrowed
 * by the same `scopeKpi` columns, one row per record, in a keyset order.
 */
export interface KpiDrillDown {
  /** What the rows are, e.g. "Claims decided in the period". */
  rows: string;
  columns: readonly ReportColumn[];
  /** How the rows add up to the figure (checked by the tests): its value, or its two sides. */
  reconcile: { value?: KpiReconcile; numerator?: KpiReconcile; denominator?: KpiReconcile };
  /** The rows' query: selects every column's key and every order field. */
  query(db: DbOrTrx, scope: KpiScope, period: KpiPeriod): Knex.QueryBuilder;
  /** Its keyset order; the last key unique (the record's id). */
  order: SortKey[];
  /** Fills in a page's columns SQL cannot compute (business hours on a case's calendar). */
  complete?(rows: Record<string, unknown>[], period: KpiPeriod): Promise<Record<string, unknown>[]>;
}

const KEY = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;

/** The report exporting a KPI's drill-down rows: `analytics.rows-billing-loss-ratio`. */
export const drillReportKey = (kpiKey: string): string => `analytics.rows-${kpiKey.replace('.', '-')}`;

export class KpiRegistry {
  private readonly kpis = new Map<string, KpiDefinition>();

  /** `onRegister`: each KPI as it is registered (the analytics module registers its drill-down's report). */
  constructor(private readonly onRegister: (definition: KpiDefinition) => void = () => {}) {}

  register(definition: KpiDefinition): void {
    if (!KEY.test(definition.key)) throw new Error(`KPI key ${JSON.stringify(definition.key)} is not <module>.<name> in lower case`);
    if (this.kpis.has(definition.key)) throw new Error(`KPI ${definition.key} is registered twice`);
    this.kpis.set(definition.key, definition);
    this.onRegister(definition);
  }

  private runner: DrillRunner | null = null;

  /** The analytics module's service, which runs a drill-down for a reader (its scope and filters). */
  attach(runner: DrillRunner): void {
    this.runner = runner;
  }

  /** The rows behind a KPI's figure in batches, for the reader: its report's export. */
  drillBatches(actor: Actor, key: string, query: KpiQuery): AsyncIterable<Record<string, unknown>[]> {
    if (!this.runner) throw new Error('The KPI service is not attached to the registry');
    return this.runner.drillBatches(actor, key, query);
  }

  /** Every KPI, in the order registered (modules in module order). */
  all(): KpiDefinition[] {
    return [...this.kpis.values()];
  }
}

/**
 * Narrows a KPI's query to the scope: the branch column always; the agent and product-version
 * columns when the KPI has those dimensions (a KPI without an agent column never counts "own" work,
 * so the service does not offer it to readers who see only their own).
 */
export function scopeKpi<QB extends Knex.QueryBuilder>(query: QB, scope: KpiScope, columns: { branch: string; agent?: string; productVersion?: string; region?: string }): QB {
  if (scope.branchIds !== 'all') {
    if (scope.branchIds.length === 0) query.whereRaw('false');
    else query.whereIn(columns.branch, scope.branchIds);
  }
  if (scope.agentId && columns.agent) query.where(columns.agent, scope.agentId);
  if (scope.region && columns.region) query.where(columns.region, scope.region);
  if (scope.productVersionIds && columns.productVersion) {
    if (scope.productVersionIds.length === 0) query.whereRaw('false');
    // An SQL expression of the KPI's own code (a column, or a coalesce of two), never input.
    else query.whereRaw(`(${columns.productVersion}) = ANY(?::uuid[])`, [scope.productVersionIds]);
  }
  return query;
}

/** Whether `value` meets `target` (null when there is no target or no value). */
export function meetsTarget(value: number | null, target: KpiTarget | null): boolean | null {
  if (value === null || !target) return null;
  switch (target.comparison) {
    case 'above':
      return value > target.value;
    case 'below':
      return value < target.value;
    case 'at_most':
      return value <= target.value;
  }
}

/** A ratio or an average for the API: rounded to 4 decimals, null when nothing was counted. */
export const ratioOf = (numerator: number, denominator: number): KpiResult => ({
  value: denominator ? Math.round((numerator / denominator) * 10_000) / 10_000 : null,
  numerator,
  denominator,
});

/** A drill-down side made of the rows counted (only those whose `where` column is true, if given). */
export const counted = (where: string | null = null): KpiReconcile => ({ column: null, where });
/** A drill-down side made of the sum of a column of the rows (only those whose `where` column is true, if given). */
export const summed = (column: string, where: string | null = null): KpiReconcile => ({ column, where });
/** A keyset order on an SQL expression (ascending), then the record's id. */
export const orderBy = (column: string, field: string, id: string): SortKey[] => [
  { column, field, dir: 'asc' },
  { column: id, field: 'id', dir: 'asc' },
];
