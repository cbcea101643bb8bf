import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { ApiError, describeError } from '@/lib/api-error';
import { usePortalLogin } from '../api/portal-auth';
import { SignedOutPage } from '../components/SignedOutPage';

/** /portal/login */
export function PortalLoginPage() {
  const login = usePortalLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const error = login.error;
  const message =
    error instanceof ApiError && error.code === 'PORTAL_INVALID_CREDENTIALS'
      ? 'The username or password is incorrect.'
      : error instanceof ApiError && error.status === 429
        ? 'Too many attempts. Wait a minute and try again.'
        : error
          ? describeError(error).detail
          : null;
  return (
    <SignedOutPage title="Log in to your account">
      <form
        aria-label="Log in"
        onSubmit={(e) => {
          e.preventDefault();
          login.mutate({ username, password }, { onSuccess: () => void navigate((location.state as { from?: string } | null)?.from ?? '/portal', { replace: true }) });
        }}
      >
        <Stack>
          {message && (
            <Alert color="red" role="alert">
              {message}
            </Alert>
          )}
          <TextInput label="Email or customer number" autoComplete="username" required value={username} onChange={(e) => setUsername(e.currentTarget.value)} size="md" />
          <PasswordInput label="Password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} size="md" />
          <Button type="submit" size="md" loading={login.isPending} fullWidth>
            Log in
          </Button>
          <Text size="sm" ta="center">
            New here?{' '}
            <Anchor component={Link} to="/portal/register">
              Register with your policy number
            </Anchor>
          </Text>
        </Stack>
      </form>
    </SignedOutPage>
  );
}
