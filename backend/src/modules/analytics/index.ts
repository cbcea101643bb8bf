// The analytics module (issue 18): the KPI registry other modules register their KPIs into
// (`services.kpis`), and the figures a reader may see. It requires none of the modules that
// register — they require it — and reads none of their tables.
import { ANALYTICS_AUDIT_ACTIONS, ANALYTICS_ERROR_CODES, ANALYTICS_PERMISSIONS } from '../../contracts/analytics';
import { defineModule } from '../../platform/module';
import { registerAnalyticsRoutes } from './analytics.routes';
import { KpiRegistry } from './kpi-registry';
import { KpiService } from './kpi.service';

export interface AnalyticsServices {
  /** Register a KPI: `services.kpis.register({ key, title, formula, …, compute })` (kpi-registry.ts). */
  kpis: KpiRegistry;
}

export const analyticsModule = defineModule({
  name: 'analytics',
  permissions: ANALYTICS_PERMISSIONS,
  auditActions: ANALYTICS_AUDIT_ACTIONS,
  errorCodes: ANALYTICS_ERROR_CODES,
  requires: ['quotes'],
  provides: { kpis: () => new KpiRegistry() },
  setup: ({ db, clock, config, services }) => new KpiService(db, clock, services.kpis, services.quotes, config.baseCurrency),
  register: (ctx, kpis) => registerAnalyticsRoutes(ctx, kpis),
});
