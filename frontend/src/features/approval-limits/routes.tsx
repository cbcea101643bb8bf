import type { FeatureRoute } from '@/lib/feature';
import { ApprovalLimitsPage } from './pages/approval-limits';

export const approvalLimitsRoutes: FeatureRoute[] = [{ path: 'approval-limits', permission: 'approval-limits:read', element: <ApprovalLimitsPage /> }];
