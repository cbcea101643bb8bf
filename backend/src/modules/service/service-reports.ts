// The service desk's standard reports (issue 18): agent performance and SLA compliance per queue and
// priority, over a period of business dates. Both are the figures of GET /api/service/metrics,
// scoped the same way (agents: themselves; senior agents and managers: their branches; admins: all).
import { ServiceReportParams } from '../../contracts/service';
import type { ReportDefinition, ReportRow } from '../reports/report-registry';
import type { MetricsService } from './metrics.service';

/** A share as a percentage with two decimals (null stays null). */
const percent = (share: number | null) => (share === null ? null : Math.round(share * 10_000) / 100);
const hours = (h: number | null) => (h === null ? null : Math.round(h * 100) / 100);

/** The rows at once: a handful per agent or per queue, never a volume that needs paging. */
async function* once(rows: Promise<ReportRow[]>): AsyncGenerator<ReportRow[]> {
  const all = await rows;
  if (all.length) yield all;
}

export function agentPerformanceReport(metrics: MetricsService): ReportDefinition<ServiceReportParams> {
  return {
    key: 'service.agent-performance',
    title: 'Agent performance',
    description:
      'Per branch and agent over the period: interactions handled, cases opened and resolved, first-contact resolution of inbound contacts, median first response and resolution in business hours, SLA hit rate, CSAT and NPS. Agents get their own row.',
    permission: 'service-metrics:read',
    params: ServiceReportParams,
    columns: [
      { key: 'kind', header: 'Row', type: 'string' },
      { key: 'name', header: 'Agent or branch', type: 'string' },
      { key: 'branch', header: 'Branch', type: 'string' },
      { key: 'interactions', header: 'Interactions', type: 'integer' },
      { key: 'casesOpened', header: 'Cases opened', type: 'integer' },
      { key: 'casesResolved', header: 'Cases resolved', type: 'integer' },
      { key: 'firstContactResolution', header: 'First-contact resolution %', type: 'decimal' },
      { key: 'medianFirstResponseHours', header: 'Median first response (business h)', type: 'decimal' },
      { key: 'medianResolutionHours', header: 'Median resolution (business h)', type: 'decimal' },
      { key: 'slaHitRate', header: 'SLA hit %', type: 'decimal' },
      { key: 'csatAverage', header: 'CSAT (of 5)', type: 'decimal' },
      { key: 'csatResponses', header: 'CSAT answers', type: 'integer' },
      { key: 'nps', header: 'NPS', type: 'decimal' },
      { key: 'npsResponses', header: 'NPS answers', type: 'integer' },
    ],
    // Staff performance figures name people: exports are audited.
    personalData: true,
    period: { from: 'from', to: 'to' },
    rows: (_db, actor, params) =>
      once(
        metrics.metrics(actor, params).then(async ({ items }) => {
          const branchNames = new Map(items.filter((i) => i.kind === 'branch').map((i) => [i.id, i.name]));
          const missing = items.filter((i) => !branchNames.has(i.branchId)).map((i) => i.branchId);
          for (const [id, name] of await metrics.branchNames(missing)) branchNames.set(id, name);
          return items.map((i) => ({
            kind: i.kind === 'branch' ? 'Branch' : 'Agent',
            name: i.name,
            branch: branchNames.get(i.branchId) ?? '',
            interactions: i.interactions,
            casesOpened: i.casesOpened,
            casesResolved: i.casesResolved,
            firstContactResolution: percent(i.firstContactResolutionRate),
            medianFirstResponseHours: hours(i.medianFirstResponseHours),
            medianResolutionHours: hours(i.medianResolutionHours),
            slaHitRate: percent(i.slaHitRate),
            csatAverage: i.csat.average === null ? null : Math.round(i.csat.average * 100) / 100,
            csatResponses: i.csat.responses,
            nps: i.nps.score,
            npsResponses: i.nps.responses,
          }));
        }),
      ),
  };
}

export function slaComplianceReport(metrics: MetricsService): ReportDefinition<ServiceReportParams> {
  return {
    key: 'service.sla-compliance',
    title: 'SLA compliance',
    description:
      'Per branch queue, case type and priority, each SLA metric (first response, resolution, …): the case clocks with a target met in the period, how many within target and breached, the compliance rate and the median business hours used. Agents get the cases assigned to them.',
    permission: 'service-metrics:read',
    params: ServiceReportParams,
    columns: [
      { key: 'branch', header: 'Branch', type: 'string' },
      { key: 'caseType', header: 'Case type', type: 'string' },
      { key: 'priority', header: 'Priority', type: 'string' },
      { key: 'metric', header: 'Metric', type: 'string' },
      { key: 'met', header: 'Clocks met', type: 'integer' },
      { key: 'withinTarget', header: 'Within target', type: 'integer' },
      { key: 'breached', header: 'Breached', type: 'integer' },
      { key: 'compliance', header: 'Compliance %', type: 'decimal' },
      { key: 'medianHours', header: 'Median business hours', type: 'decimal' },
    ],
    personalData: false,
    period: { from: 'from', to: 'to' },
    rows: (_db, actor, params) =>
      once(
        metrics.slaCompliance(actor, params).then((rows) =>
          rows.map((r) => ({
            branch: r.branchName,
            caseType: r.caseType.replaceAll('_', ' '),
            priority: r.priority,
            metric: r.metric.replaceAll('_', ' '),
            met: r.met,
            withinTarget: r.withinTarget,
            breached: r.breached,
            compliance: percent(r.complianceRate),
            medianHours: hours(r.medianHours),
          })),
        ),
      ),
  };
}
