import type { FeatureRoute } from '@/lib/feature';
import { PoliciesPage } from './pages/policies';
import { PolicyDetailPage } from './pages/policy-detail';

export const policiesRoutes: FeatureRoute[] = [
  { path: 'policies', permission: 'policies:read', element: <PoliciesPage /> },
  { path: 'policies/:id', permission: 'policies:read', element: <PolicyDetailPage /> },
];
