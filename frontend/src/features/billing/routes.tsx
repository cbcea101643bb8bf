import type { FeatureRoute } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

export const billingRoutes: FeatureRoute[] = [
  {
    path: 'billing/overdue',
    permission: 'billing:read',
    element: lazyPage(
      () => import('./pages/overdue'),
      (m) => m.OverduePage,
    ),
  },
  {
    path: 'refunds/approvals',
    permission: 'refunds:approve',
    element: lazyPage(
      () => import('./pages/refunds-to-approve'),
      (m) => m.RefundsToApprovePage,
    ),
  },
];
