import {
  CustomReport,
  CustomReportDatasetList,
  CustomReportList,
  CustomReportListQuery,
  CustomReportParams,
  CustomReportResult,
  PreviewCustomReportBody,
  SaveCustomReportBody,
  UpdateCustomReportBody,
} from '../../contracts/custom-reports';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { CustomReportsService } from './custom-reports.service';

const REFUSED =
  'REPORT_DATASET_UNKNOWN, REPORT_FIELD_NOT_ALLOWED (a field outside the dataset’s allow-list, named in `fields` and `errors`), REPORT_OPERATOR_NOT_ALLOWED, REPORT_VALUE_INVALID or REPORT_DEFINITION_INVALID';

export function registerCustomReportRoutes({ api }: Pick<ModuleContext, 'api'>, custom: CustomReportsService) {
  api.route({
    method: 'get',
    path: '/custom-reports/datasets',
    summary: 'The datasets you may build reports on, each with its allow-list of fields (type, operators, totals, grouping)',
    tags: ['Reports'],
    access: 'authenticated',
    responses: { 200: { description: 'The datasets, by title', schema: CustomReportDatasetList } },
    handler: async ({ actor }, _req, res) => res.json({ items: custom.datasetsFor(actor) }),
  });

  api.route({
    method: 'post',
    path: '/custom-reports/preview',
    summary: 'Run a report definition without saving it: its first 100 rows (or groups), in your branches, masked as the API masks',
    tags: ['Reports'],
    access: 'authenticated',
    request: { body: PreviewCustomReportBody },
    responses: { 200: { description: 'The first rows', schema: CustomReportResult }, 400: { description: REFUSED } },
    handler: async ({ actor, body }, _req, res) => res.json(await custom.preview(actor, body.definition)),
  });

  api.route({
    method: 'get',
    path: '/custom-reports',
    summary: 'The saved reports you see: your own and those shared with your role, newest first (keyset-paged)',
    tags: ['Reports'],
    access: 'authenticated',
    request: { query: CustomReportListQuery },
    responses: { 200: { description: 'The reports', schema: CustomReportList } },
    handler: async ({ actor, query }, _req, res) => res.json(await custom.list(actor, query)),
  });

  api.route({
    method: 'post',
    path: '/custom-reports',
    summary: 'Save a report definition, private or shared with a role. Export it with POST /api/reports/reports.custom/exports { params: { reportId } }',
    tags: ['Reports'],
    access: 'authenticated',
    request: { body: SaveCustomReportBody },
    responses: { 201: { description: 'Saved', schema: CustomReport }, 400: { description: REFUSED } },
    handler: async ({ actor, body }, _req, res) => {
      const created = await custom.create(actor, body);
      res.location(`/api/custom-reports/${created.id}`);
      sendVersioned(res, created, 201);
    },
  });

  api.route({
    method: 'get',
    path: '/custom-reports/:id',
    summary: 'A saved report you see',
    tags: ['Reports'],
    access: 'authenticated',
    request: { params: CustomReportParams },
    responses: { 200: { description: 'The report', schema: CustomReport }, 404: { description: 'Unknown, or not yours nor shared with your role' } },
    handler: async ({ actor, params }, _req, res) => sendVersioned(res, await custom.get(actor, params.id)),
  });

  api.route({
    method: 'get',
    path: '/custom-reports/:id/rows',
    summary: 'Run a saved report as you: its first 100 rows (or groups), in your branches',
    tags: ['Reports'],
    access: 'authenticated',
    request: { params: CustomReportParams },
    responses: { 200: { description: 'The first rows', schema: CustomReportResult }, 404: { description: 'Unknown, or not yours nor shared with your role' } },
    handler: async ({ actor, params }, _req, res) => res.json(await custom.run(actor, params.id)),
  });

  api.route({
    method: 'patch',
    path: '/custom-reports/:id',
    summary: 'Change your saved report: its name, definition or sharing (If-Match)',
    tags: ['Reports'],
    access: 'authenticated',
    ifMatch: true,
    request: { params: CustomReportParams, body: UpdateCustomReportBody },
    responses: {
      200: { description: 'Changed', schema: CustomReport },
      400: { description: REFUSED },
      403: { description: 'CUSTOM_REPORT_NOT_OWNER: shared with you, not yours to change' },
      404: { description: 'Unknown, or not yours nor shared with your role' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await custom.update(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'delete',
    path: '/custom-reports/:id',
    summary: 'Delete your saved report (If-Match); exports already made stay',
    tags: ['Reports'],
    access: 'authenticated',
    ifMatch: true,
    request: { params: CustomReportParams },
    responses: {
      204: { description: 'Deleted' },
      403: { description: 'CUSTOM_REPORT_NOT_OWNER: shared with you, not yours to delete' },
      404: { description: 'Unknown, or not yours nor shared with your role' },
    },
    handler: async ({ actor, params, ifMatch }, _req, res) => {
      await custom.remove(actor, params.id, ifMatch);
      res.status(204).end();
    },
  });
}
