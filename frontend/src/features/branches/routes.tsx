import type { FeatureRoute } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

export const branchesRoutes: FeatureRoute[] = [
  {
    path: 'branches',
    permission: 'branches:read',
    element: lazyPage(
      () => import('./pages/branches'),
      (m) => m.BranchesPage,
    ),
  },
];
