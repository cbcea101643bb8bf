// The KPI figures a reader asks for: the scope from who they are and the filters (an agent's own
// work; a senior agent's or manager's branches; a company-wide role's every branch), then each KPI
// their role may see, computed by its module for that scope and period, with its target met or not.
import type { KpiBreakdown, KpiBreakdownQuery, KpiFigure, KpiList, KpiQuery, KpiRows, KpiRowsQuery, KpiTrend } from '../../contracts/analytics';
import type { Db, DbOrTrx } from '../../db';
import { ReadRouter } from '../../platform/read-router';
import type { Actor } from '../../platform/actor';
import { zonedInstant } from '../../platform/business-time';
import type { Clock } from '../../platform/clock';
import { BadRequestError, NotFoundError } from '../../platform/errors';
import { keysetBatches } from '../reports/report-registry';
import { encodeCursor, keysetPage } from '../../platform/pagination';
import { inScope } from '../../platform/scope';
import type { AgentDirectory } from '../identity/agent-directory';
import type { BranchDirectory } from '../identity/branch-directory';
import type { QuoteBook } from '../products/quote-book';
import { addDays, addMonthsClamped, daysBetween } from '../../platform/calendar';
import type { KpiSnapshots } from './kpi-snapshots';
import { drillReportKey, meetsTarget, type DrillRunner, type KpiDefinition, type KpiPeriod, type KpiRegistry, type KpiScope } from './kpi-registry';

export class KpiService implements DrillRunner {
  constructor(
    db: Db,
    private readonly clock: Clock,
    private readonly registry: KpiRegistry,
    private readonly quotes: Pick<QuoteBook, 'productVersionIds' | 'productsWithVersions'>,
    private readonly branches: Pick<BranchDirectory, 'list' | 'names'>,
    private readonly agents: Pick<AgentDirectory, 'staff'>,
    private readonly baseCurrency: string,
    /** Every figure is a read: the replica serves it when it may (platform/read-router.ts). */
    private readonly reads: ReadRouter = new ReadRouter(db),
  ) {}

  /** The daily snapshots closed periods are read from (set by the module; without it every figure is live). */
  snapshots: Pick<KpiSnapshots, 'read'> | null = null;

  async figures(actor: Actor, query: KpiQuery): Promise<KpiList> {
    return this.reads.run(actor, (db) => this.figuresOn(db, actor, query));
  }

  private async figuresOn(db: DbOrTrx, actor: Actor, query: KpiQuery): Promise<KpiList> {
    const scope = await this.scopeOf(db, actor, query);
    const period = this.periodOf(query.from, query.to);
    const comparedWith = query.compare ? comparisonOf(query.from, query.to, query.compare) : null;
    const items = await Promise.all(
      this.visible(actor).map(async (k) => {
        const figure = await this.figure(db, k, scope, period);
        if (!comparedWith) return figure;
        const { value, numerator, denominator } = await this.figure(db, k, scope, this.periodOf(comparedWith.from, comparedWith.to));
        return { ...figure, compared: { value, numerator, denominator } };
      }),
    );
    return { from: query.from, to: query.to, scope: { agentId: scope.agentId, branchId: query.branchId ?? null, productId: query.productId ?? null }, comparedWith, items };
  }

  /**
   * One KPI month by month: each calendar month the period touches, clipped to the period (a KPI
   * of a closed month reads the same tomorrow). A KPI the reader may not see → 404.
   */
  async trend(actor: Actor, key: string, query: KpiQuery): Promise<KpiTrend> {
    const kpi = this.visibleOr404(actor, key);
    return this.reads.run(actor, (db) => this.trendOn(db, actor, kpi, query));
  }

  private async trendOn(db: DbOrTrx, actor: Actor, kpi: KpiDefinition, query: KpiQuery): Promise<KpiTrend> {
    const scope = await this.scopeOf(db, actor, query);
    const points: KpiTrend['points'] = [];
    // One month at a time: a year is at most 13 computations, never a burst on the pool.
    for (const month of monthsOf(query.from, query.to)) {
      const figure = await this.figure(db, kpi, scope, this.periodOf(month.from, month.to));
      points.push({ ...month, value: figure.value, numerator: figure.numerator, denominator: figure.denominator, met: figure.met });
    }
    return { key: kpi.key, title: kpi.title, unit: kpi.unit, currency: this.currencyOf(kpi), target: kpi.target, points };
  }

  /**
   * One KPI cut by branch, product or agent, side by side: each member of the reader's scope (their
   * branches; every product, or the one filtered; everyone in their branches, or themselves, or the
   * agent filtered) computed exactly as the figure narrowed to that member, and the figure over the
   * whole scope. Members with nothing counted are left out. A dimension the KPI lacks → 400.
   */
  async breakdown(actor: Actor, key: string, query: KpiBreakdownQuery): Promise<KpiBreakdown> {
    const kpi = this.visibleOr404(actor, key);
    if (!kpi.dimensions.includes(query.by))
      throw new BadRequestError('KPI_DIMENSION_UNAVAILABLE', `${kpi.title} cannot be broken down by ${query.by}: it can be by ${kpi.dimensions.join(', ')}.`, {
        errors: [{ path: 'by', message: `Not a dimension of this KPI (${kpi.dimensions.join(', ')})` }],
      });
    return this.reads.run(actor, (db) => this.breakdownOn(db, actor, kpi, query));
  }

  private async breakdownOn(db: DbOrTrx, actor: Actor, kpi: KpiDefinition, query: KpiBreakdownQuery): Promise<KpiBreakdown> {
    const scope = await this.scopeOf(db, actor, query);
    const period = this.periodOf(query.from, query.to);
    const members = await this.membersOf(db, query.by, scope, query);
    const total = await this.figure(db, kpi, scope, period);
    const items: KpiBreakdown['items'] = [];
    // One member after another: a breakdown never bursts on the pool.
    for (const member of members) {
      const f = await this.figure(db, kpi, member.scope, period);
      const counted = f.value !== null && (f.value !== 0 || !!f.numerator || !!f.denominator);
      if (counted) items.push({ id: member.id, name: member.name, value: f.value, numerator: f.numerator, denominator: f.denominator, met: f.met });
    }
    return {
      key: kpi.key,
      title: kpi.title,
      unit: kpi.unit,
      currency: this.currencyOf(kpi),
      target: kpi.target,
      by: query.by,
      from: query.from,
      to: query.to,
      total: { value: total.value, numerator: total.numerator, denominator: total.denominator, met: total.met },
      items,
    };
  }

  /** The members of a dimension within the scope, each with the scope narrowed to it. */
  private async membersOf(db: DbOrTrx, by: KpiBreakdownQuery['by'], scope: KpiScope, query: KpiQuery): Promise<{ id: string; name: string; scope: KpiScope }[]> {
    if (by === 'branch') {
      const branches =
        scope.branchIds === 'all'
          ? await this.branches.list(db)
          : [...(await this.branches.names(db, scope.branchIds)).entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
      return branches.map((b) => ({ ...b, scope: { ...scope, branchIds: [b.id] } }));
    }
    if (by === 'product') {
      const products = (await this.quotes.productsWithVersions(db)).filter((p) => !query.productId || p.id === query.productId);
      return products.map((p) => ({ id: p.id, name: p.name, scope: { ...scope, productVersionIds: p.versionIds } }));
    }
    const staff = (await this.agents.staff(db, scope.branchIds)).filter((u) => !scope.agentId || u.id === scope.agentId);
    return staff.map((u) => ({ ...u, scope: { ...scope, agentId: u.id } }));
  }

  /** A page of the rows behind a KPI's figure, scoped exactly as the figure (same reader, period and filters). */
  async rows(actor: Actor, key: string, query: KpiRowsQuery): Promise<KpiRows> {
    const kpi = this.visibleOr404(actor, key);
    return this.reads.run(actor, (db) => this.rowsOn(db, actor, kpi, query));
  }

  private async rowsOn(db: DbOrTrx, actor: Actor, kpi: KpiDefinition, query: KpiRowsQuery): Promise<KpiRows> {
    const scope = await this.scopeOf(db, actor, query);
    const period = this.periodOf(query.from, query.to);
    const page = await keysetPage<Record<string, unknown>>(kpi.drill.query(db, scope, period), kpi.drill.order, { limit: query.limit, cursor: query.cursor });
    const items = kpi.drill.complete ? await kpi.drill.complete(page.items, period) : page.items;
    return {
      key: kpi.key,
      title: kpi.title,
      rows: kpi.drill.rows,
      report: drillReportKey(kpi.key),
      columns: kpi.drill.columns.map(({ key, header, type }) => ({ key, header, type })),
      reconcile: kpi.drill.reconcile,
      items: items.map((row) => rowOf(kpi, row)),
      nextCursor: page.nextCursor,
    };
  }

  /** Every row behind a KPI's figure in batches (its report's export), scoped as `rows`. */
  async *drillBatches(actor: Actor, key: string, query: KpiQuery): AsyncGenerator<Record<string, unknown>[]> {
    if (!actor.permissions.has('analytics:read')) throw new NotFoundError('KPI');
    const kpi = this.visibleOr404(actor, key);
    // A long export reads on one database throughout (the replica when it may serve).
    const db = await this.reads.dbFor(actor);
    const scope = await this.scopeOf(db, actor, query);
    const period = this.periodOf(query.from, query.to);
    const { order } = kpi.drill;
    const batches = keysetBatches<Record<string, unknown>, string>(
      async (after, size) => (await keysetPage<Record<string, unknown>>(kpi.drill.query(db, scope, period), order, { limit: size, cursor: after ?? undefined })).items,
      (row) => encodeCursor(order, row),
      1000,
    );
    for await (const batch of batches) {
      const rows = kpi.drill.complete ? await kpi.drill.complete(batch, period) : batch;
      yield rows.map((row) => rowOf(kpi, row));
    }
  }

  private visibleOr404(actor: Actor, key: string): KpiDefinition {
    const kpi = this.visible(actor).find((k) => k.key === key);
    if (!kpi) throw new NotFoundError('KPI');
    return kpi;
  }

  /** The KPIs the reader may see: their data's permission; someone who sees only their own work, only those that can count it. */
  private visible(actor: Actor): KpiDefinition[] {
    const team = actor.permissions.has('analytics:team');
    return this.registry
      .all()
      .filter((k) => actor.permissions.has(k.permission))
      .filter((k) => team || k.dimensions.includes('agent'));
  }

  private async scopeOf(db: DbOrTrx, actor: Actor, query: KpiQuery): Promise<KpiScope> {
    const team = actor.permissions.has('analytics:team');
    if (query.branchId && !inScope(actor, query.branchId)) throw new NotFoundError('branch');
    // Without analytics:team the figures are the reader's own work; asking for someone else's is not found.
    if (!team && query.agentId && query.agentId !== actor.userId) throw new NotFoundError('agent');
    const productVersionIds = query.productId ? await this.quotes.productVersionIds(db, query.productId) : null;
    if (productVersionIds && productVersionIds.length === 0) throw new NotFoundError('product');
    return {
      branchIds: query.branchId ? [query.branchId] : actor.branchIds,
      agentId: team ? (query.agentId ?? null) : actor.userId,
      productVersionIds,
      region: query.region ?? null,
    };
  }

  periodOf(from: string, to: string): KpiPeriod {
    const tz = this.clock.businessTimeZone;
    return { from, to, start: new Date(zonedInstant(from, 0, tz)), end: new Date(zonedInstant(to, 24 * 60, tz)) };
  }

  private currencyOf(k: KpiDefinition): string | null {
    return k.unit === 'money' || k.basisUnit === 'money' ? this.baseCurrency : null;
  }

  private async figure(db: DbOrTrx, k: KpiDefinition, scope: KpiScope, period: KpiPeriod): Promise<KpiFigure> {
    // Closed days of whole branches from the nightly snapshots; today, an agent or a product live.
    const result = (await this.snapshots?.read(db, k, scope, period)) ?? (await k.compute(db, scope, period));
    return {
      key: k.key,
      title: k.title,
      formula: k.formula,
      source: k.source,
      unit: k.unit,
      currency: this.currencyOf(k),
      target: k.target,
      value: result.value,
      numerator: result.numerator ?? null,
      denominator: result.denominator ?? null,
      basisUnit: k.basisUnit ?? 'count',
      met: meetsTarget(result.value, k.target),
      dimensions: [...k.dimensions],
    };
  }
}

/** A drill-down row as the API and the export show it: the record's id and the KPI's columns, money and counts as numbers. */
function rowOf(kpi: KpiDefinition, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: row.id };
  for (const c of kpi.drill.columns) {
    const v = row[c.key] ?? null;
    out[c.key] = v !== null && (c.type === 'money' || c.type === 'integer' || c.type === 'decimal') ? Number(v) : v;
  }
  return out;
}

/** The calendar months `from`–`to` touches, each clipped to it: 2027-03-15..2027-05-02 → Mar 15–31, April, May 1–2. */
export function monthsOf(from: string, to: string): { month: string; from: string; to: string }[] {
  const months: { month: string; from: string; to: string }[] = [];
  let start = from;
  while (start <= to) {
    const [y, m] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
    const nextMonth = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
    const end = addDays(nextMonth, -1) < to ? addDays(nextMonth, -1) : to;
    months.push({ month: start.slice(0, 7), from: start, to: end });
    start = nextMonth;
  }
  return months;
}

/**
 * The period a figure is compared with: the days just before, as many as the period has
 * (2027-03-01..2027-03-31 → 2027-01-29..2027-02-28), or the same dates a year earlier (29 February → 28th).
 */
export function comparisonOf(from: string, to: string, compare: 'previous_period' | 'previous_year'): { from: string; to: string } {
  if (compare === 'previous_year') return { from: addMonthsClamped(from, -12), to: addMonthsClamped(to, -12) };
  const days = daysBetween(from, to) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}
