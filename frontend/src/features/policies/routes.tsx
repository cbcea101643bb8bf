import type { FeatureRoute } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

export const policiesRoutes: FeatureRoute[] = [
  {
    path: 'policies',
    permission: 'policies:read',
    element: lazyPage(
      () => import('./pages/policies'),
      (m) => m.PoliciesPage,
    ),
  },
  {
    path: 'policies/standing',
    permission: 'policies:read',
    element: lazyPage(
      () => import('./pages/policy-standing'),
      (m) => m.PolicyStandingPage,
    ),
  },
  {
    path: 'policies/:id',
    permission: 'policies:read',
    element: lazyPage(
      () => import('./pages/policy-detail'),
      (m) => m.PolicyDetailPage,
    ),
  },
];
