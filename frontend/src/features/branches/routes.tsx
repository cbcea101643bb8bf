import type { FeatureRoute } from '@/lib/feature';
import { BranchesPage } from './pages/branches';

export const branchesRoutes: FeatureRoute[] = [{ path: 'branches', permission: 'branches:read', element: <BranchesPage /> }];
