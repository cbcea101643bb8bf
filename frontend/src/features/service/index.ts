import { IconChecklist } from '@tabler/icons-react';
import type { NavigationEntry } from '@/lib/feature';
import { serviceAuditLabels } from './audit-labels';
import { MY_WORK_PATH, serviceRoutes } from './routes';

/** Service desk: "My work" (the agent's open tasks) and logging a call. */
export const serviceFeature = {
  routes: serviceRoutes,
  navigation: [{ label: 'My work', to: MY_WORK_PATH, icon: IconChecklist, permission: 'tasks:read' }] satisfies NavigationEntry[],
  auditLabels: serviceAuditLabels,
};

export { LogCallModal } from './components/LogCallModal';
