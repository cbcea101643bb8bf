import { LoginBody, MfaCode } from '@contracts/auth';
import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useState } from 'react';
import { z } from 'zod';
import { useAuth } from '@/lib/auth/auth-context';
import { ApiError } from '@/lib/api-error';
import { serverFieldErrors } from '@/lib/form-errors';
import { useSystemInfo } from '@/features/system';
import { FailureAlert } from '@/components/FailureAlert';
import { describeLoginFailure } from '../login-failure';
import type { LoginFailure } from '../login-failure';
import { DemoLogins } from './DemoLogins';

const FIELDS = ['email', 'password'] as const;
const CodeBody = z.object({ code: MfaCode });

/** Validates with the API's own LoginBody schema; where to go afterwards is the page's business. */
export function LoginForm() {
  const { login } = useAuth();
  const { data: systemInfo } = useSystemInfo();
  const [failure, setFailure] = useState<LoginFailure | null>(null);
  const [challenge, setChallenge] = useState<string | null>(null);
  const form = useForm<LoginBody>({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: schemaResolver(LoginBody, { sync: true }),
  });

  const submit = async ({ email, password }: LoginBody) => {
    setFailure(null);
    try {
      const answer = await login(email, password);
      if ('mfaRequired' in answer) setChallenge(answer.challengeToken);
    } catch (error) {
      const { byField, unplaced } = serverFieldErrors(error, FIELDS);
      form.setErrors(byField);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(describeLoginFailure(error));
    }
  };

  if (challenge)
    return (
      <CodeStep
        challengeToken={challenge}
        onRestart={(why) => {
          setChallenge(null);
          form.setFieldValue('password', '');
          setFailure(why);
        }}
      />
    );

  return (
    <Stack gap="md">
      <form onSubmit={form.onSubmit(submit)} noValidate aria-label="Log in">
        <Stack gap="sm">
          <FailureAlert failure={failure} />
          <TextInput label="Email" type="email" autoComplete="username" data-autofocus autoFocus {...form.getInputProps('email')} />
          <PasswordInput label="Password" autoComplete="current-password" {...form.getInputProps('password')} />
          <Button type="submit" fullWidth mt="xs" loading={form.submitting}>
            Log in
          </Button>
        </Stack>
      </form>
      {systemInfo?.environment === 'local' && (
        <DemoLogins
          onPick={(email, password) => {
            form.setValues({ email, password });
            setFailure(null);
          }}
        />
      )}
    </Stack>
  );
}

/** The second step of an enrolled user's login: a code from the authenticator app, or a recovery code. */
function CodeStep({ challengeToken, onRestart }: { challengeToken: string; onRestart: (why: LoginFailure | null) => void }) {
  const { loginWithCode } = useAuth();
  const [failure, setFailure] = useState<LoginFailure | null>(null);
  const form = useForm<{ code: string }>({ mode: 'controlled', initialValues: { code: '' }, validate: schemaResolver(CodeBody, { sync: true }) });

  const submit = async ({ code }: { code: string }) => {
    setFailure(null);
    try {
      await loginWithCode(challengeToken, code.trim());
    } catch (error) {
      if (error instanceof ApiError && error.code === 'MFA_CHALLENGE_INVALID') return onRestart({ title: 'Sign-in expired', detail: 'Enter your email and password again.' });
      form.setFieldValue('code', '');
      setFailure(describeLoginFailure(error));
    }
  };

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-label="Authentication code">
      <Stack gap="sm">
        <FailureAlert failure={failure} />
        <Text size="sm">Enter the 6-digit code from your authenticator app. Lost your phone? Use one of your recovery codes.</Text>
        <TextInput label="Code" autoComplete="one-time-code" inputMode="text" data-autofocus autoFocus {...form.getInputProps('code')} />
        <Button type="submit" fullWidth mt="xs" loading={form.submitting}>
          Verify
        </Button>
        <Button variant="subtle" size="xs" onClick={() => onRestart(null)}>
          Back
        </Button>
      </Stack>
    </form>
  );
}
