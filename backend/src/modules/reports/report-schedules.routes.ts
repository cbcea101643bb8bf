import { CreateReportScheduleBody, ReportParams, ReportSchedule, ReportScheduleList, ReportScheduleParams, UpdateReportScheduleBody } from '../../contracts/reports';
import { PageQuery } from '../../contracts/common';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { ReportSchedulesService } from './report-schedules.service';

export function registerReportScheduleRoutes({ api }: Pick<ModuleContext, 'api'>, schedules: ReportSchedulesService) {
  api.route({
    method: 'post',
    path: '/reports/:key/schedules',
    summary:
      'Schedule a report you may run: a cron expression (at most hourly) in a time zone, a format and recipients (active users of your branches who may run it). Each run gives every recipient their own export, run as them, and emails them a link',
    tags: ['Reports'],
    access: 'authenticated',
    request: { params: ReportParams, body: CreateReportScheduleBody },
    responses: {
      201: { description: 'Scheduled', schema: ReportSchedule },
      400: { description: 'REPORT_SCHEDULE_INVALID (cron, timeZone, recipientIds.<n>) or a parameter the report refuses (params.<name>)' },
      404: { description: 'Unknown report, or not yours to run' },
    },
    handler: async ({ actor, params, body }, _req, res) => {
      const created = await schedules.create(actor, params.key, body);
      res.location(`/api/reports/schedules/${created.id}`);
      sendVersioned(res, created, 201);
    },
  });

  api.route({
    method: 'get',
    path: '/reports/schedules',
    summary: 'Your scheduled reports, newest first (keyset-paged)',
    tags: ['Reports'],
    access: 'authenticated',
    request: { query: PageQuery },
    responses: { 200: { description: 'Your schedules', schema: ReportScheduleList } },
    handler: async ({ actor, query }, _req, res) => res.json(await schedules.list(actor, query)),
  });

  api.route({
    method: 'get',
    path: '/reports/schedules/:id',
    summary: 'One of your scheduled reports',
    tags: ['Reports'],
    access: 'authenticated',
    request: { params: ReportScheduleParams },
    responses: { 200: { description: 'The schedule', schema: ReportSchedule }, 404: { description: 'Unknown, or someone else’s' } },
    handler: async ({ actor, params }, _req, res) => sendVersioned(res, await schedules.get(actor, params.id)),
  });

  api.route({
    method: 'patch',
    path: '/reports/schedules/:id',
    summary: 'Change one of your scheduled reports, or pause (`status: paused`) and resume it',
    tags: ['Reports'],
    access: 'authenticated',
    ifMatch: true,
    request: { params: ReportScheduleParams, body: UpdateReportScheduleBody },
    responses: {
      200: { description: 'Changed', schema: ReportSchedule },
      400: { description: 'REPORT_SCHEDULE_INVALID or a parameter the report refuses' },
      404: { description: 'Unknown, or someone else’s' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => sendVersioned(res, await schedules.update(actor, params.id, ifMatch, body)),
  });

  api.route({
    method: 'delete',
    path: '/reports/schedules/:id',
    summary: 'Delete one of your scheduled reports: it never runs again (exports already made stay)',
    tags: ['Reports'],
    access: 'authenticated',
    ifMatch: true,
    request: { params: ReportScheduleParams },
    responses: { 204: { description: 'Deleted' }, 404: { description: 'Unknown, or someone else’s' } },
    handler: async ({ actor, params, ifMatch }, _req, res) => {
      await schedules.remove(actor, params.id, ifMatch);
      res.status(204).end();
    },
  });
}
