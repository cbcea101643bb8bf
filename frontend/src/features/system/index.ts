// Version, environment and business date: the header's badge, the home page's panel; and the admins'
// system health page.
import { IconHeartRateMonitor } from '@tabler/icons-react';
import type { NavigationEntry } from '@/lib/feature';
import { systemRoutes } from './routes';

export { systemInfoQueryOptions, useBusinessDate, useSystemInfo } from './api/get-system-info';
export { EnvironmentBadge } from './components/EnvironmentBadge';
export { SystemInfoPanel } from './components/SystemInfoPanel';

/** System health (admins): readiness, job queues, outbox, SLA breaches and alerts. */
export const systemFeature = {
  routes: systemRoutes,
  navigation: [{ label: 'System health', to: '/system/health', icon: IconHeartRateMonitor, permission: 'system:health' }] satisfies NavigationEntry[],
};
