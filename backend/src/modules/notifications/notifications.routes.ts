import { z } from 'zod';
import { pageOf } from '../../contracts/common';
import {
  LanguageParam,
  NotificationChannel,
  NotificationTemplate,
  NotificationTemplateList,
  OutboxListQuery,
  OutboxMessage,
  PreviewNotificationTemplateBody,
  PutNotificationTemplateBody,
  RenderedNotification,
  SinkListQuery,
  SinkMessage,
  TemplateKeyParam,
} from '../../contracts/notifications';
import { sendVersioned } from '../../platform/http';
import type { ModuleContext } from '../../platform/module';
import type { NotificationService } from './notifications.service';
import type { TemplatesService } from './templates.service';

const OutboxPage = pageOf(OutboxMessage).meta({ id: 'OutboxMessagePage' });
const SinkPage = pageOf(SinkMessage).meta({ id: 'SinkMessagePage' });
const TemplateParams = z.strictObject({ key: TemplateKeyParam, channel: NotificationChannel, language: LanguageParam });

export function registerNotificationRoutes({ api }: Pick<ModuleContext, 'api'>, notifications: NotificationService, templates: TemplatesService) {
  api.route({
    method: 'get',
    path: '/notifications',
    summary: 'The outbox: every message written for sending, newest first (filters: status, channel, customer)',
    tags: ['Notifications'],
    access: { permission: 'notifications:read' },
    request: { query: OutboxListQuery },
    responses: { 200: { description: 'A page of outbox messages', schema: OutboxPage } },
    handler: async ({ query }, _req, res) => res.json(await notifications.list(query)),
  });

  api.route({
    method: 'get',
    path: '/notifications/sink',
    summary: "Local mode's sinks: every email the embedded SMTP server received and every SMS the SMS sink kept, newest first",
    tags: ['Notifications'],
    access: { permission: 'notifications:read' },
    request: { query: SinkListQuery },
    responses: { 200: { description: 'A page of received messages', schema: SinkPage } },
    handler: async ({ query }, _req, res) => res.json(await notifications.sinkMessages(query)),
  });

  api.route({
    method: 'get',
    path: '/notification-templates',
    summary: 'The current version of every template (per key, channel and language)',
    tags: ['Notifications'],
    access: { permission: 'notification-templates:manage' },
    responses: { 200: { description: 'The templates', schema: NotificationTemplateList } },
    handler: async (_input, _req, res) => res.json(await templates.list()),
  });

  api.route({
    method: 'get',
    path: '/notification-templates/:key/:channel/:language',
    summary: 'The current version of a template',
    tags: ['Notifications'],
    access: { permission: 'notification-templates:manage' },
    request: { params: TemplateParams },
    responses: { 200: { description: 'The template', schema: NotificationTemplate } },
    handler: async ({ params }, _req, res) => sendVersioned(res, await templates.get(params.key, params.channel, params.language)),
  });

  api.route({
    method: 'put',
    path: '/notification-templates/:key/:channel/:language',
    summary: 'Save a new version of a template (If-Match: the version edited, "0" for a new language); placeholders {{name}} must be the key\'s declared variables',
    tags: ['Notifications'],
    access: { permission: 'notification-templates:manage' },
    ifMatch: true,
    request: { params: TemplateParams, body: PutNotificationTemplateBody },
    responses: {
      200: { description: 'Saved as a new version', schema: NotificationTemplate },
      201: { description: 'The first template of this key in this channel and language', schema: NotificationTemplate },
      400: { description: 'NOTIFICATION_TEMPLATE_INVALID: an unknown or malformed placeholder, a subject missing on an email or given on an SMS' },
      404: { description: 'No such template key' },
    },
    handler: async ({ actor, params, body, ifMatch }, _req, res) => {
      const { template, created } = await templates.put(actor, params.key, params.channel, params.language, ifMatch, body);
      sendVersioned(res, template, created ? 201 : 200);
    },
  });

  api.route({
    method: 'post',
    path: '/notification-templates/:key/:channel/:language/preview',
    summary: "Render the current version, or a draft, with the key's sample values (overridden by `data`)",
    tags: ['Notifications'],
    access: { permission: 'notification-templates:manage' },
    request: { params: TemplateParams, body: PreviewNotificationTemplateBody },
    responses: {
      200: { description: 'The rendered message (email: subject, text and HTML)', schema: RenderedNotification },
      400: { description: 'NOTIFICATION_TEMPLATE_INVALID' },
      404: { description: 'No such template key, or no template to preview and no draft' },
    },
    handler: async ({ params, body }, _req, res) => res.json(await templates.preview(params.key, params.channel, params.language, body)),
  });
}
