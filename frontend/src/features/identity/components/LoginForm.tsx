import { LoginBody } from '@contracts/auth';
import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useState } from 'react';
import { useAuth } from '@/lib/auth/auth-context';
import { serverFieldErrors } from '@/lib/form-errors';
import { useSystemInfo } from '@/features/system';
import { FailureAlert } from '@/components/FailureAlert';
import { describeLoginFailure } from '../login-failure';
import type { LoginFailure } from '../login-failure';
import { DemoLogins } from './DemoLogins';

const FIELDS = ['email', 'password'] as const;

/** Validates with the API's own LoginBody schema; where to go afterwards is the page's business. */
export function LoginForm() {
  const { login } = useAuth();
  const { data: systemInfo } = useSystemInfo();
  const [failure, setFailure] = useState<LoginFailure | null>(null);
  const form = useForm<LoginBody>({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: schemaResolver(LoginBody, { sync: true }),
  });

  const submit = async ({ email, password }: LoginBody) => {
    setFailure(null);
    try {
      await login(email, password);
    } catch (error) {
      const { byField, unplaced } = serverFieldErrors(error, FIELDS);
      form.setErrors(byField);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(describeLoginFailure(error));
    }
  };

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
