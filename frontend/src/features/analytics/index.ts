import { IconChartBar } from '@tabler/icons-react';
import type { FeatureRoute, NavigationEntry } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

const analyticsRoutes: FeatureRoute[] = [
  {
    path: 'analytics',
    permission: 'analytics:read',
    element: lazyPage(
      () => import('./pages/kpis'),
      (m) => m.KpisPage,
    ),
  },
  {
    path: 'analytics/dashboards/:slug',
    permission: 'analytics:read',
    element: lazyPage(
      () => import('./pages/kpis'),
      (m) => m.RoleDashboardPage,
    ),
  },
];

export { DashboardLinks } from './components/DashboardLinks';

/** The KPIs with their formulas and targets (issue 18). */
export const analyticsFeature = {
  routes: analyticsRoutes,
  navigation: [{ label: 'Analytics', to: '/analytics', icon: IconChartBar, permission: 'analytics:read' }] satisfies NavigationEntry[],
};
