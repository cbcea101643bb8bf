// The report that exports the rows behind a KPI's figure (its drill-down) through the reports
// module's export jobs and schedules: one per KPI, with the KPI's columns and the same filters as
// the dashboard (period, branch, product, agent). The export job runs it as the requester is then,
// through the same scope as the figure, so a file never holds more than the dashboard showed.
import { KpiQuery } from '../../contracts/analytics';
import type { ReportDefinition } from '../reports/report-registry';
import { drillReportKey, type KpiDefinition, type KpiRegistry } from './kpi-registry';

export function drillReport(kpi: KpiDefinition, registry: Pick<KpiRegistry, 'drillBatches'>): ReportDefinition<KpiQuery> {
  return {
    key: drillReportKey(kpi.key),
    title: `Rows behind ${kpi.title}`,
    description: `${kpi.drill.rows} — the records the figure “${kpi.title}” is made of, for your scope and the filters of the dashboard.`,
    permission: kpi.permission,
    params: KpiQuery,
    columns: kpi.drill.columns,
    // Rows name customers, claims and staff.
    personalData: true,
    period: { from: 'from', to: 'to' },
    rows: (_db, actor, params) => registry.drillBatches(actor, kpi.key, params),
  };
}
