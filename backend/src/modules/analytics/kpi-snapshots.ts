// Daily KPI snapshots (issue 18): the nightly job stores each additive KPI's figure (its two sides, or
// its value) for each closed business day and branch, once per day whatever the number of instances
// (the day's row and its figures in one transaction, the day the primary key); it catches up every
// day missed since the last one (at most CATCH_UP_DAYS back). A figure over closed days, for a scope
// of whole branches (no agent, no product), is then the sum of those days' snapshots — the same
// number as computed live, and the same tomorrow; anything else is computed live.
import type { Db, DbOrTrx } from '../../db';
import { withTransaction } from '../../db';
import { addDays, daysBetween } from '../../platform/calendar';
import type { Clock } from '../../platform/clock';
import type { BranchDirectory } from '../identity/branch-directory';
import { ratioOf, type KpiDefinition, type KpiPeriod, type KpiRegistry, type KpiResult, type KpiScope } from './kpi-registry';

export const SNAPSHOT_KPIS_JOB = 'analytics.snapshot-kpis';
/** How far back a first run (or one after a long outage) fills in. */
export const CATCH_UP_DAYS = 92;

export class KpiSnapshots {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly registry: KpiRegistry,
    private readonly branches: Pick<BranchDirectory, 'list'>,
    private readonly periodOf: (from: string, to: string) => KpiPeriod,
  ) {}

  /** Every closed day not yet snapshotted, oldest first, since the last one (or CATCH_UP_DAYS ago). Answers the days taken. */
  async catchUp(): Promise<string[]> {
    const today = this.clock.businessDate();
    const last: { day: string | null } = await this.db('kpi_snapshot_days').first(this.db.raw('max(day)::text AS day'));
    const earliest = addDays(today, -CATCH_UP_DAYS);
    let day = last.day && last.day >= earliest ? addDays(last.day, 1) : earliest;
    const taken: string[] = [];
    for (; day < today; day = addDays(day, 1)) if (await this.takeDay(day)) taken.push(day);
    return taken;
  }

  /** One closed day's figures for every branch and additive KPI; false when it was already taken (by this or another instance). */
  async takeDay(day: string): Promise<boolean> {
    if (day >= this.clock.businessDate()) throw new Error(`${day} is not closed yet`);
    const kpis = this.registry.all().filter((k) => k.additive);
    const branches = await this.branches.list(this.db);
    const period = this.periodOf(day, day);
    return withTransaction(this.db, async (trx) => {
      // A second instance waits here on the first's uncommitted row, then finds the day taken.
      const claimed = await trx('kpi_snapshot_days').insert({ day, taken_at: this.clock.now() }).onConflict('day').ignore().returning('day');
      if (!claimed.length) return false;
      const rows = [];
      for (const branch of branches)
        for (const k of kpis) {
          const r = await k.compute(trx, { branchIds: [branch.id], agentId: null, productVersionIds: null, region: null }, period);
          rows.push({ kpi_key: k.key, day, branch_id: branch.id, value: r.value, numerator: r.numerator ?? null, denominator: r.denominator ?? null });
        }
      for (let i = 0; i < rows.length; i += 500) await trx('kpi_daily_snapshots').insert(rows.slice(i, i + 500));
      return true;
    });
  }

  /**
   * The figure from the snapshots, when it may come from them: an additive KPI, whole branches (no
   * agent, no product), every day of the period closed and snapshotted. Otherwise null (compute live).
   */
  async read(db: DbOrTrx, k: KpiDefinition, scope: KpiScope, period: KpiPeriod): Promise<KpiResult | null> {
    if (!k.additive || scope.agentId || scope.productVersionIds || scope.region) return null;
    if (period.to >= this.clock.businessDate()) return null;
    if (scope.branchIds !== 'all' && scope.branchIds.length === 0) return null;
    const days: { days: number } = await db('kpi_snapshot_days').whereBetween('day', [period.from, period.to]).first(db.raw('count(*)::int AS days'));
    if (days.days !== daysBetween(period.from, period.to) + 1) return null;
    const q = db('kpi_daily_snapshots').where('kpi_key', k.key).whereBetween('day', [period.from, period.to]);
    if (scope.branchIds !== 'all') q.whereIn('branch_id', scope.branchIds);
    const row = await q.first(
      db.raw('sum(value) AS value'),
      db.raw('coalesce(sum(numerator), 0) AS numerator'),
      db.raw('coalesce(sum(denominator), 0) AS denominator'),
      db.raw('count(numerator)::int AS sided'),
      db.raw('count(*)::int AS n'),
    );
    if (row.sided > 0) return ratioOf(Number(row.numerator), Number(row.denominator));
    return { value: row.n ? Number(row.value ?? 0) : 0 };
  }
}
