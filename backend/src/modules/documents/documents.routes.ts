import { z } from 'zod';
import type { ModuleContext } from '../../platform/module';
import { ACCEPTED_TYPES } from './file-type';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });

export function registerDocumentRoutes({ api, db, services }: ModuleContext<'documents'>) {
  api.route({
    method: 'get',
    path: '/documents/:id/content',
    summary: 'Download a document (for whoever may see the record it belongs to; recorded as a sensitive read)',
    tags: ['Documents'],
    // The owning record's read permission is checked by the store (orders:read for an order's documents).
    access: 'authenticated',
    request: { params: Id },
    responses: { 200: { description: 'The file, in the type sniffed at upload', contentType: ACCEPTED_TYPES, schema: z.string().meta({ format: 'binary' }) } },
    handler: async ({ actor, params }, _req, res) => {
      const { meta, path } = await services.documents.open(db, actor, params.id);
      res.setHeader('Content-Type', meta.contentType);
      res.setHeader('Content-Disposition', `attachment; filename="${meta.filename}"`);
      await new Promise<void>((resolve, reject) => res.sendFile(path, { headers: { 'Cache-Control': 'no-store' } }, (err) => (err ? reject(err) : resolve())));
    },
  });
}
