// The KPI figures a reader asks for: the scope from who they are and the filters (an agent's own
// work; a senior agent's or manager's branches; a company-wide role's every branch), then each KPI
// their role may see, computed by its module for that scope and period, with its target met or not.
import type { KpiFigure, KpiList, KpiQuery } from '../../contracts/analytics';
import type { Db } from '../../db';
import type { Actor } from '../../platform/actor';
import { zonedInstant } from '../../platform/business-time';
import type { Clock } from '../../platform/clock';
import { NotFoundError } from '../../platform/errors';
import { inScope } from '../../platform/scope';
import type { QuoteBook } from '../products/quote-book';
import { meetsTarget, type KpiPeriod, type KpiRegistry, type KpiScope } from './kpi-registry';

export class KpiService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly registry: KpiRegistry,
    private readonly quotes: Pick<QuoteBook, 'productVersionIds'>,
    private readonly baseCurrency: string,
  ) {}

  async figures(actor: Actor, query: KpiQuery): Promise<KpiList> {
    const team = actor.permissions.has('analytics:team');
    if (query.branchId && !inScope(actor, query.branchId)) throw new NotFoundError('branch');
    // Without analytics:team the figures are the reader's own work; asking for someone else's is not found.
    if (!team && query.agentId && query.agentId !== actor.userId) throw new NotFoundError('agent');
    const productVersionIds = query.productId ? await this.quotes.productVersionIds(this.db, query.productId) : null;
    if (productVersionIds && productVersionIds.length === 0) throw new NotFoundError('product');
    const scope: KpiScope = {
      branchIds: query.branchId ? [query.branchId] : actor.branchIds,
      agentId: team ? (query.agentId ?? null) : actor.userId,
      productVersionIds,
    };
    const tz = this.clock.businessTimeZone;
    const period: KpiPeriod = { from: query.from, to: query.to, start: new Date(zonedInstant(query.from, 0, tz)), end: new Date(zonedInstant(query.to, 24 * 60, tz)) };
    const visible = this.registry
      .all()
      .filter((k) => actor.permissions.has(k.permission))
      // Someone who sees only their own work sees only the KPIs that can count it.
      .filter((k) => team || k.dimensions.includes('agent'));
    const items = await Promise.all(
      visible.map(async (k): Promise<KpiFigure> => {
        const result = await k.compute(this.db, scope, period);
        return {
          key: k.key,
          title: k.title,
          formula: k.formula,
          source: k.source,
          unit: k.unit,
          currency: k.unit === 'money' || k.basisUnit === 'money' ? this.baseCurrency : null,
          target: k.target,
          value: result.value,
          numerator: result.numerator ?? null,
          denominator: result.denominator ?? null,
          basisUnit: k.basisUnit ?? 'count',
          met: meetsTarget(result.value, k.target),
          dimensions: [...k.dimensions],
        };
      }),
    );
    return { from: query.from, to: query.to, scope: { agentId: scope.agentId, branchId: query.branchId ?? null, productId: query.productId ?? null }, items };
  }
}
