import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '@/lib/auth/auth-context';
import { changePasswordPath, loginPath, twoFactorPath } from '@/lib/redirects';

/**
 * Protected routes: without a session go to /login?next=<this page> (plain /login after an explicit
 * logout), a user who must change the password goes there first, and one who must set up two-factor
 * sign-in goes to that page.
 */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { user, endReason, mfaEnrollmentRequired } = useAuth();
  const location = useLocation();
  const here = location.pathname + location.search + location.hash;

  if (!user) return <Navigate to={endReason === 'logout' ? '/login' : loginPath(here)} replace />;
  if (user.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to={changePasswordPath(here)} replace />;
  }
  if (!user.mustChangePassword && mfaEnrollmentRequired && location.pathname !== '/two-factor') {
    return <Navigate to={twoFactorPath(here)} replace />;
  }
  return children;
}
