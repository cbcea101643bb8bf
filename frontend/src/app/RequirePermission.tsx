import type { Permission } from '@contracts/permissions';
import type { ReactNode } from 'react';
import { ForbiddenPage } from './pages/forbidden';
import { useAuth } from '@/lib/auth/auth-context';

/** A section's route: without its permission the page explains why instead of failing on every call. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useAuth();
  return can(permission) ? children : <ForbiddenPage />;
}
