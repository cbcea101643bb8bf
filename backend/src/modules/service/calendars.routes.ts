import { z } from 'zod';
import { ServiceCalendar, UpdateServiceCalendarBody } from '../../contracts/service';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { CalendarsService } from './calendars.service';

const Id = z.strictObject({ id: z.uuid('Not a valid id') });
const ServiceCalendarList = z.object({ items: z.array(ServiceCalendar) }).meta({ id: 'ServiceCalendarList' });

export function registerCalendarRoutes({ api }: Pick<ModuleContext, 'api'>, calendars: CalendarsService) {
  api.route({
    method: 'get',
    path: '/service/calendars',
    summary: 'Business-hours calendars the SLA clocks count in: the company-wide default first',
    tags: ['Service desk'],
    access: { permission: 'service-calendars:read' },
    responses: { 200: { description: 'The calendars', schema: ServiceCalendarList } },
    handler: async (_input, _req, res) => res.json({ items: await calendars.list() }),
  });

  api.route({
    method: 'get',
    path: '/service/calendars/:id',
    summary: 'A business-hours calendar',
    tags: ['Service desk'],
    access: { permission: 'service-calendars:read' },
    request: { params: Id },
    responses: { 200: { description: 'The calendar', schema: ServiceCalendar } },
    handler: async ({ params }, _req, res) => sendVersioned(res, await calendars.get(params.id)),
  });

  api.route({
    method: 'put',
    path: '/service/calendars/:id',
    summary: 'Replace a calendar’s time zone, weekly hours and holidays (admins); clocks already running keep the business time they used',
    tags: ['Service desk'],
    access: { permission: 'service-calendars:manage' },
    ifMatch: true,
    request: { params: Id, body: UpdateServiceCalendarBody },
    responses: {
      200: { description: 'Updated', schema: ServiceCalendar },
      400: { description: 'SERVICE_CALENDAR_INVALID: unknown time zone, overlapping intervals, a week without hours, a holiday twice' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await calendars.update(actor, params.id, ifMatch, body)),
  });
}
