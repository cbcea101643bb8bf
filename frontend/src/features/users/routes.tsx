import type { FeatureRoute } from '@/lib/feature';
import { UserDetailPage } from './pages/user-detail';
import { UsersPage } from './pages/users';

export const usersRoutes: FeatureRoute[] = [
  { path: 'users', permission: 'users:read', element: <UsersPage /> },
  { path: 'users/:id', permission: 'users:read', element: <UserDetailPage /> },
];
