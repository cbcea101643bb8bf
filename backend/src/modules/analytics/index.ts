// The analytics module (issue 18): the KPI registry other modules register their KPIs into
// (`services.kpis`), and the figures a reader may see. It requires none of the modules that
// register — they require it — and reads none of their tables.
import { ANALYTICS_AUDIT_ACTIONS, ANALYTICS_ERROR_CODES, ANALYTICS_PERMISSIONS } from '../../contracts/analytics';
import { defineModule } from '../../platform/module';
import { registerAnalyticsRoutes } from './analytics.routes';
import { drillReport } from './drill-report';
import { KpiRegistry } from './kpi-registry';
import { KpiService } from './kpi.service';
import { KpiSnapshots, SNAPSHOT_KPIS_JOB } from './kpi-snapshots';

export interface AnalyticsServices {
  /** Register a KPI: `services.kpis.register({ key, title, formula, …, compute })` (kpi-registry.ts). */
  kpis: KpiRegistry;
}

export const analyticsModule = defineModule({
  name: 'analytics',
  permissions: ANALYTICS_PERMISSIONS,
  auditActions: ANALYTICS_AUDIT_ACTIONS,
  errorCodes: ANALYTICS_ERROR_CODES,
  requires: ['quotes', 'reports', 'branches', 'agents'],
  provides: {
    // Each KPI registered also registers the report that exports the rows behind it.
    kpis: ({ services }) => {
      const registry: KpiRegistry = new KpiRegistry((kpi) => services.reports.register(drillReport(kpi, registry)));
      return registry;
    },
  },
  setup: ({ db, clock, config, services }) => {
    const kpis = new KpiService(db, clock, services.kpis, services.quotes, services.branches, services.agents, config.baseCurrency, services.reads);
    services.kpis.attach(kpis);
    const snapshots = new KpiSnapshots(db, clock, services.kpis, services.branches, (from, to) => kpis.periodOf(from, to));
    kpis.snapshots = snapshots;
    return { kpis, snapshots };
  },
  jobs: (_ctx, { snapshots }) => [
    // Every night, after midnight: the closed days not yet snapshotted (each once, whatever the instances).
    { name: SNAPSHOT_KPIS_JOB, schedule: '20 0 * * *', retryLimit: 2, expireInSeconds: 30 * 60, handler: async () => void (await snapshots.catchUp()) },
  ],
  register: (ctx, { kpis }) => registerAnalyticsRoutes(ctx, kpis),
});
