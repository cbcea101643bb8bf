import { IconChecklist } from '@tabler/icons-react';
import type { NavigationEntry } from '@/lib/feature';
import { serviceAuditLabels } from './audit-labels';
import { logCallSpotlightSource } from './log-call-spotlight-source';
import { MY_WORK_PATH, serviceRoutes } from './routes';

/** Service desk: "My work" (the agent's open tasks and cases) and logging a call (also from Ctrl/Cmd+K). */
export const serviceFeature = {
  routes: serviceRoutes,
  navigation: [{ label: 'My work', to: MY_WORK_PATH, icon: IconChecklist, permission: 'tasks:read' }] satisfies NavigationEntry[],
  auditLabels: serviceAuditLabels,
  spotlightSources: [logCallSpotlightSource],
};

export { LogCallModal } from './components/LogCallModal';
