import { IconUsers } from '@tabler/icons-react';
import type { NavigationEntry } from '@/lib/feature';
import { usersAuditLabels } from './audit-labels';
import { usersRoutes } from './routes';

/** The console's users: their roles, branches and passwords. */
export const usersFeature = {
  routes: usersRoutes,
  navigation: [{ label: 'Users', to: '/users', icon: IconUsers, permission: 'users:read' }] satisfies NavigationEntry[],
  auditLabels: usersAuditLabels,
};
