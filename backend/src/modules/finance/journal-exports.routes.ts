import { CreateJournalExportBody, ExportParams, GlMapping, JournalExportBatch, JournalExportList, PeriodParams, ReplaceGlMappingBody } from '../../contracts/finance';
import { setEtag } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { JournalExportsService } from './journal-exports.service';

export function registerJournalExportRoutes({ api }: Pick<ModuleContext, 'api'>, exports: JournalExportsService) {
  api.route({
    method: 'get',
    path: '/finance/gl-mapping',
    summary: 'Each Policydesk account kind with its general-ledger account code and name (null where none is set); the ETag is the set’s revision',
    tags: ['Finance'],
    access: { permission: 'finance:read' },
    responses: { 200: { description: 'The mapping', schema: GlMapping } },
    handler: async (_input, _req, res) => {
      const mapping = await exports.mapping();
      setEtag(res, mapping.revision);
      res.json(mapping);
    },
  });

  api.route({
    method: 'put',
    path: '/finance/gl-mapping',
    summary: 'Replace the whole chart-of-accounts mapping (finance managers; If-Match on its revision)',
    tags: ['Finance'],
    access: { permission: 'finance:close' },
    ifMatch: true,
    request: { body: ReplaceGlMappingBody },
    responses: { 200: { description: 'Replaced', schema: GlMapping }, 400: { description: 'A code in the wrong form, an account twice' } },
    handler: async ({ actor, body, ifMatch }, _req, res) => {
      const mapping = await exports.replaceMapping(actor, ifMatch, body);
      setEtag(res, mapping.revision);
      res.json(mapping);
    },
  });

  api.route({
    method: 'get',
    path: '/finance/exports',
    summary: 'The journal export batches, newest month first',
    tags: ['Finance'],
    access: { permission: 'finance:read' },
    responses: { 200: { description: 'The batches', schema: JournalExportList } },
    handler: async (_input, _req, res) => res.json(await exports.list()),
  });

  api.route({
    method: 'post',
    path: '/finance/periods/:month/exports',
    summary: 'Export a closed month’s journal (QuickBooks Online, NetSuite or generic CSV): made once per month and format, the same batch answered afterwards',
    tags: ['Finance'],
    access: { permission: 'finance:export' },
    request: { params: PeriodParams, body: CreateJournalExportBody },
    responses: {
      201: { description: 'The new batch', schema: JournalExportBatch },
      200: { description: 'The batch made before for this month and format', schema: JournalExportBatch },
      409: { description: 'EXPORT_PERIOD_OPEN, EXPORT_UNMAPPED_ACCOUNTS (with the kinds)' },
    },
    handler: async ({ actor, params, body }, _req, res) => {
      const { batch, created } = await exports.create(actor, params.month, body);
      res.status(created ? 201 : 200).json(batch);
    },
  });

  api.route({
    method: 'get',
    path: '/finance/exports/:id/file',
    summary: 'Download a batch’s file exactly as it was made',
    tags: ['Finance'],
    access: { permission: 'finance:read' },
    request: { params: ExportParams },
    responses: { 200: { description: 'The CSV file', contentType: 'text/csv' } },
    handler: async ({ params }, _req, res) => {
      const file = await exports.file(params.id);
      res.status(200).type('text/csv; charset=utf-8').attachment(file.filename).setHeader('Cache-Control', 'no-store').send(file.content);
    },
  });
}
