// The notifications module (issue 17): a transactional outbox for email and SMS. Other modules
// require the `notifications` service and `enqueue` in their own transaction; the
// notifications.send job sends what is due; admins edit the templates and read the outbox.
import { outboxCollector } from './notifications.metrics';
import { NOTIFICATIONS_AUDIT_ACTIONS, NOTIFICATIONS_ERROR_CODES, NOTIFICATIONS_PERMISSIONS } from '../../contracts/notifications';
import { defineModule } from '../../platform/module';
import { messagesOfCustomer, moveCustomerMessages } from './notifications.repository';
import { registerNotificationRoutes } from './notifications.routes';
import { NotificationService } from './notifications.service';
import { SinkSmsProvider, SmtpEmailSender, UnconfiguredSmsProvider } from './providers';
import { SmtpSink } from './sink';
import { TemplatesService } from './templates.service';

export const SEND_NOTIFICATIONS_JOB = 'notifications.send';

export interface NotificationsServices {
  /**
   * The outbox: `enqueue(trx, { channel, template, recipient?, data, idempotencyKey, customerId?,
   * purpose })` in the caller's transaction; the same idempotency key again returns the first message.
   */
  notifications: NotificationService;
}

export const notificationsModule = defineModule({
  name: 'notifications',
  permissions: NOTIFICATIONS_PERMISSIONS,
  auditActions: NOTIFICATIONS_AUDIT_ACTIONS,
  errorCodes: NOTIFICATIONS_ERROR_CODES,
  requires: ['audit', 'customerProfiles'],
  provides: {
    notifications: ({ db, clock, config, logger, services }) => {
      const email = new SmtpEmailSender(config.notifications.smtpUrl, config.notifications.emailFrom);
      const sms = config.isProduction ? new UnconfiguredSmsProvider() : new SinkSmsProvider(db, clock);
      return new NotificationService(db, clock, logger, services.customerProfiles, email, sms);
    },
  },
  setup: ({ db, clock, logger, services }) => ({
    templates: new TemplatesService(db, clock, services.audit),
    // Local mode without SMTP_URL: a real SMTP server on a free port keeps every email.
    sink: new SmtpSink(db, clock, logger),
  }),
  jobs: ({ services }) => [
    {
      name: SEND_NOTIFICATIONS_JOB,
      // Every minute; safe with several workers (claims skip locked rows, each under a lease).
      schedule: '* * * * *',
      retryLimit: 0,
      expireInSeconds: 10 * 60,
      handler: async () => {
        await services.notifications.sendDue();
      },
    },
  ],
  // The customer's timeline lists the messages sent to them (whoever may read the customer's timeline sees what went out, not the text).
  // A customer merge moves the source's messages to the target: its timeline, and a later withdrawal (a voided invoice's reminders), find them there.
  customerExtensions: () => ({
    timeline: [{ kind: 'message', load: (db, _actor, customerId, window) => messagesOfCustomer(db, customerId, window) }],
    mergeHandlers: [{ name: 'notifications-outbox', move: (trx, { sourceId, targetId }) => moveCustomerMessages(trx, sourceId, targetId) }],
  }),
  register: (ctx, { templates, sink }) => {
    registerNotificationRoutes(ctx, ctx.services.notifications, templates);
    ctx.metrics.registerCollector(outboxCollector());
    const useSink = !ctx.config.isProduction && !ctx.config.notifications.smtpUrl;
    return {
      async start() {
        if (!useSink) return;
        const url = await sink.start();
        ctx.services.notifications.useSmtpServer(url);
      },
      async stop() {
        ctx.services.notifications.close();
        await sink.stop();
      },
    };
  },
});
