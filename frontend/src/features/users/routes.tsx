import type { FeatureRoute } from '@/lib/feature';
import { lazyPage } from '@/lib/lazy-page';

export const usersRoutes: FeatureRoute[] = [
  {
    path: 'users',
    permission: 'users:read',
    element: lazyPage(
      () => import('./pages/users'),
      (m) => m.UsersPage,
    ),
  },
  {
    path: 'users/:id',
    permission: 'users:read',
    element: lazyPage(
      () => import('./pages/user-detail'),
      (m) => m.UserDetailPage,
    ),
  },
];
