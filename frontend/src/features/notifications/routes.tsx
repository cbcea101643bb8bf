import type { FeatureRoute } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

export const notificationsRoutes: FeatureRoute[] = [
  {
    path: 'notifications',
    permission: 'notifications:read',
    element: lazyPage(
      () => import('./pages/outbox'),
      (m) => m.OutboxPage,
    ),
  },
];
