import { CUSTOMER_DATA_REPORT, CustomerPathParams } from '../../contracts/privacy';
import { ReportExport } from '../../contracts/reports';
import type { ModuleContext } from '../../platform/module';

export function registerPrivacyRoutes({ api, db, services }: ModuleContext<'reports' | 'customerProfiles'>) {
  api.route({
    method: 'post',
    path: '/customers/:id/data-exports',
    summary:
      'Export everything held about a customer (access and portability): a ZIP of JSON per area and a PDF summary, written in the background; follow it on GET /api/reports/exports/{id}, download for 7 days',
    tags: ['Privacy'],
    access: { permission: 'privacy:export' },
    request: { params: CustomerPathParams },
    responses: { 202: { description: 'Queued', schema: ReportExport }, 404: { description: 'Unknown customer, or outside your branches' } },
    handler: async ({ actor, params }, _req, res) => {
      await services.customerProfiles.branchOf(db, actor, params.id);
      const created = await services.reports.requestExport(actor, CUSTOMER_DATA_REPORT, { format: 'zip', params: { customerId: params.id } });
      res.status(202).location(`/api/reports/exports/${created.id}`).json(created);
    },
  });
}
