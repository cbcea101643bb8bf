import { Anchor, Button, Center } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { TwoFactorSetup } from '@/features/identity';
import { useAuth } from '@/lib/auth/auth-context';
import { safeNextPath } from '@/lib/redirects';
import { AuthPageLayout } from '../layout/AuthPageLayout';

/** Setting up two-factor sign-in: forced (before anything else) where the deployment requires it, offered otherwise. */
export function TwoFactorPage() {
  const { reload, logout, mfaEnrollmentRequired } = useAuth();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));

  const onDone = async () => {
    // Re-read the user so the enrolment requirement is off before the guard sees the next page.
    await reload();
    navigate(next, { replace: true });
  };

  return (
    <AuthPageLayout title="Two-factor sign-in" subtitle="A code from your phone, on top of your password.">
      <TwoFactorSetup onDone={() => void onDone()} />
      <Center mt="md">
        {mfaEnrollmentRequired ? (
          <Button variant="subtle" size="xs" onClick={() => void logout()}>
            Log out instead
          </Button>
        ) : (
          <Anchor component={Link} to={next} size="sm">
            Back
          </Anchor>
        )}
      </Center>
    </AuthPageLayout>
  );
}
