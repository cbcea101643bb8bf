import type { FeatureRoute } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

// The application's own page (/orders/:id) is declared by underwriting: it is also the underwriter's review.
export const ordersRoutes: FeatureRoute[] = [
  {
    path: 'orders',
    permission: 'orders:read',
    element: lazyPage(
      () => import('./pages/orders'),
      (m) => m.OrdersPage,
    ),
  },
];
