import type { FeatureRoute } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

export const identityRoutes: FeatureRoute[] = [
  {
    path: 'account/sessions',
    element: lazyPage(
      () => import('./pages/my-sessions'),
      (m) => m.MySessionsPage,
    ),
  },
];
