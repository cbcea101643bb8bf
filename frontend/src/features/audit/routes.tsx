import type { FeatureRoute } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

export const auditRoutes: FeatureRoute[] = [
  {
    path: 'audit',
    permission: 'audit:read',
    element: lazyPage(
      () => import('./pages/audit'),
      (m) => m.AuditPage,
    ),
  },
];
