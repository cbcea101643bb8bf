import type { FeatureRoute } from '@/lib/feature';
import { OrderDetailPage } from './pages/order-detail';
import { UnderwritingPage } from './pages/underwriting';

export const underwritingRoutes: FeatureRoute[] = [
  { path: 'underwriting', permission: 'orders:underwrite', element: <UnderwritingPage /> },
  // The application's page: the agent's form and the underwriter's review in one, so it lives here, above
  // orders, exams and policies, whose parts it shows.
  { path: 'orders/:id', permission: 'orders:read', element: <OrderDetailPage /> },
];
