import type { FeatureRoute } from '@/lib/feature';
import { AuditPage } from './pages/audit';

export const auditRoutes: FeatureRoute[] = [{ path: 'audit', permission: 'audit:read', element: <AuditPage /> }];
