import type { AuditLabels } from '@/features/audit';

export const notificationsAuditLabels: AuditLabels = {
  actions: { 'notification_template.update': 'Message template saved' },
  entities: { notification_template: 'Message template' },
  fields: { subject: 'Subject', body: 'Text' },
};
