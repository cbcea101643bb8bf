import type { FeatureRoute } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

export const underwritingRoutes: FeatureRoute[] = [
  {
    path: 'underwriting',
    permission: 'orders:underwrite',
    element: lazyPage(
      () => import('./pages/underwriting'),
      (m) => m.UnderwritingPage,
    ),
  },
  // The application's page: the agent's form and the underwriter's review in one, so it lives here, above
  // orders, exams and policies, whose parts it shows.
  {
    path: 'orders/:id',
    permission: 'orders:read',
    element: lazyPage(
      () => import('./pages/order-detail'),
      (m) => m.OrderDetailPage,
    ),
  },
];
