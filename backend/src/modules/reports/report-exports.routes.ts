import { z } from 'zod';
import { CreateReportExportBody, ReportExport, ReportExportList, ReportExportListQuery, ReportExportParams, ReportParams } from '../../contracts/reports';
import type { ModuleContext } from '../../platform/module';
import { EXPORT_CONTENT_TYPES } from './export-writers';
import type { ReportExportsService } from './report-exports.service';

export function registerReportExportRoutes({ api }: Pick<ModuleContext, 'api'>, exports: ReportExportsService) {
  api.route({
    method: 'post',
    path: '/reports/:key/exports',
    summary: 'Export a report you may run to CSV, Excel or PDF: queued as a background job (follow it on GET /api/reports/exports/{id})',
    tags: ['Reports'],
    access: 'authenticated',
    request: { params: ReportParams, body: CreateReportExportBody },
    responses: {
      202: { description: 'Queued', schema: ReportExport },
      400: { description: 'A parameter the report refuses (errors at `params.<name>`)' },
      404: { description: 'Unknown report, or not yours to run' },
    },
    handler: async ({ actor, params, body }, _req, res) => {
      const created = await exports.request(actor, params.key, body);
      res.status(202).location(`/api/reports/exports/${created.id}`).json(created);
    },
  });

  api.route({
    method: 'get',
    path: '/reports/exports',
    summary: 'Your exports, newest first (keyset-paged)',
    tags: ['Reports'],
    access: 'authenticated',
    request: { query: ReportExportListQuery },
    responses: { 200: { description: 'Your exports', schema: ReportExportList } },
    handler: async ({ actor, query }, _req, res) => res.json(await exports.list(actor, query)),
  });

  api.route({
    method: 'get',
    path: '/reports/exports/:id',
    summary: 'One of your exports with its progress (rows written) and status',
    tags: ['Reports'],
    access: 'authenticated',
    request: { params: ReportExportParams },
    responses: { 200: { description: 'The export', schema: ReportExport }, 404: { description: 'Unknown, or someone else’s' } },
    handler: async ({ actor, params }, _req, res) => res.json(await exports.get(actor, params.id)),
  });

  api.route({
    method: 'get',
    path: '/reports/exports/:id/file',
    summary: 'Download your export’s file (only the requester; kept 7 days)',
    tags: ['Reports'],
    access: 'authenticated',
    request: { params: ReportExportParams },
    responses: {
      200: { description: 'The file', contentType: Object.values(EXPORT_CONTENT_TYPES).map((type) => type.split(';')[0]!), schema: z.string().meta({ format: 'binary' }) },
      404: { description: 'Unknown, or someone else’s' },
      409: { description: 'REPORT_EXPORT_NOT_READY: queued, running or failed' },
      410: { description: 'REPORT_EXPORT_EXPIRED: the file is gone (kept 7 days)' },
    },
    handler: async ({ actor, params }, _req, res) => {
      const file = await exports.file(actor, params.id);
      res.setHeader('Content-Type', file.contentType);
      res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
      await new Promise<void>((resolve, reject) => res.sendFile(file.path, { headers: { 'Cache-Control': 'no-store' } }, (err) => (err ? reject(err) : resolve())));
    },
  });
}
