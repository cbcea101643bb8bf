import type { FeatureRoute } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

export { MY_WORK_PATH, SERVICE_PERFORMANCE_PATH } from './service-paths';
export const TEAM_PATH = '/team';
export const PLAYBOOK_TEMPLATES_PATH = '/playbook-templates';

export const serviceRoutes: FeatureRoute[] = [
  {
    path: 'my-work',
    permission: 'tasks:read',
    element: lazyPage(
      () => import('./pages/my-work'),
      (m) => m.MyWorkPage,
    ),
  },
  {
    path: 'cases/:id',
    permission: 'cases:read',
    element: lazyPage(
      () => import('./pages/case-detail'),
      (m) => m.CaseDetailPage,
    ),
  },
  {
    path: 'team',
    permission: 'service-team:read',
    element: lazyPage(
      () => import('./pages/team'),
      (m) => m.TeamPage,
    ),
  },
  {
    path: 'service-performance',
    permission: 'service-metrics:read',
    element: lazyPage(
      () => import('./pages/performance'),
      (m) => m.ServicePerformancePage,
    ),
  },
  {
    path: 'playbook-templates',
    permission: 'playbooks:manage',
    element: lazyPage(
      () => import('./pages/playbook-templates'),
      (m) => m.PlaybookTemplatesPage,
    ),
  },
];
