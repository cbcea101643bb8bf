import type { FeatureRoute } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

export const approvalLimitsRoutes: FeatureRoute[] = [
  {
    path: 'approval-limits',
    permission: 'approval-limits:read',
    element: lazyPage(
      () => import('./pages/approval-limits'),
      (m) => m.ApprovalLimitsPage,
    ),
  },
];
