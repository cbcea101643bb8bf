import { z } from 'zod';
import { PolicyScheduleList } from '../../contracts/policy-schedules';
import type { ModuleContext } from '../../platform/module';
import type { PolicySchedules } from './policy-schedules.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });
const IdAndVersion = z.strictObject({ id: z.uuid('Not a valid id'), version: z.coerce.number().int('Not a version number').min(1, 'Not a version number').max(1_000_000) });

export function registerPolicyScheduleRoutes({ api, db }: ModuleContext<never>, schedules: PolicySchedules) {
  api.route({
    method: 'get',
    path: '/policies/:id/schedules',
    summary: "The versions of a policy's schedule (PDF), newest first: version 1 at issue, one more at every issued policy transaction",
    tags: ['Policies'],
    access: { permission: 'policies:read' },
    request: { params: Id },
    responses: { 200: { description: 'The versions', schema: PolicyScheduleList } },
    handler: async ({ actor, params }, _req, res) => res.json({ items: await schedules.list(db, actor, params.id) }),
  });

  api.route({
    method: 'get',
    path: '/policies/:id/schedules/:version/pdf',
    summary: "Download one version of a policy's schedule (recorded as a sensitive read)",
    tags: ['Policies'],
    access: { permission: 'policies:read' },
    request: { params: IdAndVersion },
    responses: { 200: { description: 'The schedule as a PDF', contentType: ['application/pdf'], schema: z.string().meta({ format: 'binary' }) } },
    handler: async ({ actor, params }, _req, res) => {
      const { schedule, path } = await schedules.open(db, actor, params.id, params.version);
      res.setHeader('Content-Type', 'application/pdf');
      res.setHeader('Content-Disposition', `attachment; filename="${schedule.filename}"`);
      await new Promise<void>((resolve, reject) => res.sendFile(path, { headers: { 'Cache-Control': 'no-store' } }, (err) => (err ? reject(err) : resolve())));
    },
  });
}
