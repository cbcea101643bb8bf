import type { FeatureRoute } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

export const claimsRoutes: FeatureRoute[] = [
  {
    path: 'claims',
    permission: 'claims:read',
    element: lazyPage(
      () => import('./pages/claims'),
      (m) => m.ClaimsPage,
    ),
  },
  {
    path: 'claims/new',
    permission: 'claims:create',
    element: lazyPage(
      () => import('./pages/new-claim'),
      (m) => m.NewClaimPage,
    ),
  },
  {
    path: 'claims/:id',
    permission: 'claims:read',
    element: lazyPage(
      () => import('./pages/claim-detail'),
      (m) => m.ClaimDetailPage,
    ),
  },
];
