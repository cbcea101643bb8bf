import type { FeatureRoute } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

export const MY_WORK_PATH = '/my-work';

export const serviceRoutes: FeatureRoute[] = [
  {
    path: 'my-work',
    permission: 'tasks:read',
    element: lazyPage(
      () => import('./pages/my-work'),
      (m) => m.MyWorkPage,
    ),
  },
];
