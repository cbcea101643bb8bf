import type { FeatureRoute } from '@/lib/feature';
import { OverduePage } from './pages/overdue';

export const billingRoutes: FeatureRoute[] = [{ path: 'billing/overdue', permission: 'billing:read', element: <OverduePage /> }];
