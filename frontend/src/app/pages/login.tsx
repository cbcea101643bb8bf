import { Navigate, useSearchParams } from 'react-router';
import { LoginForm } from '@/features/identity';
import { useAuth } from '@/lib/auth/auth-context';
import { changePasswordPath, safeNextPath, twoFactorPath } from '@/lib/redirects';
import { AuthPageLayout } from '../layout/AuthPageLayout';

export function LoginPage() {
  const { user, mfaEnrollmentRequired } = useAuth();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));

  // Logging in re-renders this page with a user: move on to where they were going.
  if (user) return <Navigate to={user.mustChangePassword ? changePasswordPath(next) : mfaEnrollmentRequired ? twoFactorPath(next) : next} replace />;

  return (
    <AuthPageLayout title="Log in" subtitle="Customer service console">
      <LoginForm />
    </AuthPageLayout>
  );
}
