import type { FeatureRoute } from '@/lib/feature';
import { RefundsToApprovePage } from './pages/refunds-to-approve';

export const billingRoutes: FeatureRoute[] = [{ path: 'refunds/approvals', permission: 'refunds:approve', element: <RefundsToApprovePage /> }];
