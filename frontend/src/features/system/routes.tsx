import type { FeatureRoute } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

export const systemRoutes: FeatureRoute[] = [
  {
    path: 'system/health',
    permission: 'system:health',
    element: lazyPage(
      () => import('./pages/health'),
      (m) => m.HealthPage,
    ),
  },
];
