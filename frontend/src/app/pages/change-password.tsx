import { Anchor, Button, Center } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ChangePasswordForm } from '@/features/identity';
import { useAuth, useCurrentUser } from '@/lib/auth/auth-context';
import { notifySuccess } from '@/lib/notify';
import { safeNextPath } from '@/lib/redirects';
import { AuthPageLayout } from '../layout/AuthPageLayout';

export function ChangePasswordPage() {
  const user = useCurrentUser();
  const { reload, logout } = useAuth();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = safeNextPath(searchParams.get('next'));
  const forced = user.mustChangePassword;

  const onChanged = async () => {
    // Re-read the user so mustChangePassword is off before the guard sees the next page.
    await reload();
    notifySuccess('Password changed', 'Use your new password the next time you log in.');
    navigate(next, { replace: true });
  };

  return (
    <AuthPageLayout title={forced ? 'Choose a new password' : 'Change password'} subtitle={forced ? 'Your password has to be changed before you can continue.' : undefined}>
      <ChangePasswordForm onChanged={onChanged} />
      <Center mt="md">
        {forced ? (
          <Button variant="subtle" size="xs" onClick={() => void logout()}>
            Log out instead
          </Button>
        ) : (
          <Anchor component={Link} to={next} size="sm">
            Cancel
          </Anchor>
        )}
      </Center>
    </AuthPageLayout>
  );
}
