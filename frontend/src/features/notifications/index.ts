import { IconMailForward } from '@tabler/icons-react';
import type { NavigationEntry } from '@/lib/feature';
import { notificationsAuditLabels } from './audit-labels';
import { notificationsRoutes } from './routes';

/** Notifications (admins): the outbox of email and SMS to customers, and what local mode's sinks received. */
export const notificationsFeature = {
  routes: notificationsRoutes,
  navigation: [{ label: 'Outbox', to: '/notifications', icon: IconMailForward, permission: 'notifications:read' }] satisfies NavigationEntry[],
  auditLabels: notificationsAuditLabels,
};
