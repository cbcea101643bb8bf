// Notifications (issue 17): messages to customers (email, SMS) written to an outbox in the same
// transaction as the business change that causes them, sent by a worker; templates per channel and
// language, versioned and edited by admins; local-mode sinks keeping every message.
import { z } from 'zod';
import { PageQuery } from './common';
import type { PermissionGrants } from './grants';

export const NOTIFICATION_CHANNELS = ['email', 'sms'] as const;
export const NotificationChannel = z.enum(NOTIFICATION_CHANNELS).meta({ id: 'NotificationChannel' });
export type NotificationChannel = z.infer<typeof NotificationChannel>;

/** `sent`: handed to the provider; `delivered` / `undelivered`: what the provider's SMS receipt said; `withdrawn`: taken back before it was sent (its invoice was voided). */
export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'dead', 'withdrawn'] as const;
export const NotificationStatus = z.enum(NOTIFICATION_STATUSES).meta({ id: 'NotificationStatus' });
export type NotificationStatus = z.infer<typeof NotificationStatus>;

export const NotificationPurpose = z.enum(['service', 'marketing']).meta({ id: 'NotificationPurpose' });
export type NotificationPurpose = z.infer<typeof NotificationPurpose>;

export const OutboxMessage = z
  .object({
    id: z.uuid(),
    channel: NotificationChannel,
    template: z.string(),
    templateVersion: z.number().int(),
    language: z.string(),
    recipient: z.string(),
    data: z.record(z.string(), z.unknown()),
    idempotencyKey: z.string(),
    customerId: z.union([z.uuid(), z.null()]),
    purpose: NotificationPurpose,
    status: NotificationStatus,
    attempts: z.number().int(),
    nextAttemptAt: z.iso.datetime(),
    sendingUntil: z.union([z.iso.datetime(), z.null()]),
    providerMessageId: z.union([z.string(), z.null()]),
    lastError: z.union([z.string(), z.null()]),
    createdAt: z.iso.datetime(),
    sentAt: z.union([z.iso.datetime(), z.null()]),
    deliveredAt: z.union([z.iso.datetime(), z.null()]),
  })
  .meta({ id: 'OutboxMessage' });
export type OutboxMessage = z.infer<typeof OutboxMessage>;

export const OutboxListQuery = PageQuery.extend({
  status: NotificationStatus.optional(),
  channel: NotificationChannel.optional(),
  customerId: z.uuid('Not a valid id').optional(),
}).meta({ id: 'OutboxListQuery' });
export type OutboxListQuery = z.infer<typeof OutboxListQuery>;

export const SinkMessage = z
  .object({
    id: z.number().int(),
    channel: NotificationChannel,
    sender: z.union([z.string(), z.null()]),
    recipient: z.string(),
    subject: z.union([z.string(), z.null()]),
    text: z.union([z.string(), z.null()]),
    html: z.union([z.string(), z.null()]),
    messageId: z.string(),
    receivedAt: z.iso.datetime(),
  })
  .meta({ id: 'SinkMessage' });
export type SinkMessage = z.infer<typeof SinkMessage>;

export const SinkListQuery = PageQuery.extend({
  channel: NotificationChannel.optional(),
  recipient: z.string().trim().min(1).max(320).optional(),
}).meta({ id: 'SinkListQuery' });
export type SinkListQuery = z.infer<typeof SinkListQuery>;

// --- Templates

export const TemplateKeyParam = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'Not a template key');
export const LanguageParam = z.string().regex(/^[a-z]{2}$/, 'Use a two-letter language code, e.g. en');

export const NotificationTemplate = z
  .object({
    key: z.string(),
    channel: NotificationChannel,
    language: z.string(),
    version: z.number().int(),
    /** Email only. */
    subject: z.union([z.string(), z.null()]),
    body: z.string(),
    /** The variables the code passes to this key's templates: the only placeholders `{{name}}` allowed. */
    variables: z.array(z.string()),
    createdAt: z.iso.datetime(),
    createdBy: z.union([z.uuid(), z.null()]),
  })
  .meta({ id: 'NotificationTemplate' });
export type NotificationTemplate = z.infer<typeof NotificationTemplate>;

export const NotificationTemplateList = z.object({ items: z.array(NotificationTemplate) }).meta({ id: 'NotificationTemplateList' });

const TemplateText = z
  .string()
  .max(10_000)
  .refine((s) => !s.includes('\0'), 'Must not contain NUL characters');

export const PutNotificationTemplateBody = z
  .strictObject({
    /** Required for email, absent for SMS. */
    subject: TemplateText.pipe(z.string().trim().min(1).max(200)).optional(),
    body: TemplateText.pipe(z.string().trim().min(1)),
  })
  .meta({ id: 'PutNotificationTemplateBody' });
export type PutNotificationTemplateBody = z.infer<typeof PutNotificationTemplateBody>;

export const PreviewNotificationTemplateBody = z
  .strictObject({
    /** A draft to preview instead of the current version. */
    subject: TemplateText.optional(),
    body: TemplateText.optional(),
    /** Values of the variables; the key's sample values fill the rest. */
    data: z.record(z.string(), z.union([z.string().max(1000), z.number()])).optional(),
  })
  .meta({ id: 'PreviewNotificationTemplateBody' });
export type PreviewNotificationTemplateBody = z.infer<typeof PreviewNotificationTemplateBody>;

export const RenderedNotification = z
  .object({ subject: z.union([z.string(), z.null()]), text: z.string(), html: z.union([z.string(), z.null()]) })
  .meta({ id: 'RenderedNotification' });
export type RenderedNotification = z.infer<typeof RenderedNotification>;

export const NOTIFICATIONS_PERMISSIONS = {
  // The outbox and the sinks hold customers' contact details and message contents: admins only.
  'notifications:read': [],
  'notification-templates:manage': [],
} as const satisfies PermissionGrants;

export const NOTIFICATIONS_AUDIT_ACTIONS = ['notification_template.update'] as const;

export const NOTIFICATIONS_ERROR_CODES = ['NOTIFICATION_TEMPLATE_INVALID'] as const;
