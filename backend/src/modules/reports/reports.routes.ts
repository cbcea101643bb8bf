import { ReportList, ReportParams, ReportSummary } from '../../contracts/reports';
import type { ModuleContext } from '../../platform/module';
import { describeReport, type ReportRegistry } from './report-registry';

export function registerReportRoutes({ api }: Pick<ModuleContext, 'api'>, reports: ReportRegistry) {
  api.route({
    method: 'get',
    path: '/reports',
    summary: 'The reports you may run, with the parameters each takes and the columns it writes',
    tags: ['Reports'],
    access: 'authenticated',
    responses: { 200: { description: 'The reports, by title', schema: ReportList } },
    handler: async ({ actor }, _req, res) => res.json({ items: reports.available(actor).map(describeReport) }),
  });

  api.route({
    method: 'get',
    path: '/reports/:key',
    summary: 'One report you may run (another → 404)',
    tags: ['Reports'],
    access: 'authenticated',
    request: { params: ReportParams },
    responses: { 200: { description: 'The report', schema: ReportSummary }, 404: { description: 'Unknown, or not yours to run' } },
    handler: async ({ actor, params }, _req, res) => res.json(describeReport(reports.forActor(actor, params.key))),
  });
}
