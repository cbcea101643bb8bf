import { Button, PasswordInput, Stack } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useState } from 'react';
import { describeError } from '@/lib/api-error';
import type { ErrorDescription } from '@/lib/api-error';
import { serverFieldErrors } from '@/lib/form-errors';
import { FailureAlert } from '@/components/FailureAlert';
import { useChangePassword } from '../api/change-password';
import { ChangePasswordFormValues } from '../change-password-schema';

const FIELDS = ['currentPassword', 'newPassword'] as const;

export function ChangePasswordForm({ onChanged }: { onChanged: () => Promise<void> }) {
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const form = useForm<ChangePasswordFormValues>({
    mode: 'controlled',
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: schemaResolver(ChangePasswordFormValues, { sync: true }),
  });
  const mutation = useChangePassword({
    onSuccess: () => onChanged(),
    onError: (error) => {
      const { byField, unplaced } = serverFieldErrors(error, FIELDS);
      form.setErrors(byField);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(describeError(error));
    },
  });

  const submit = ({ currentPassword, newPassword }: ChangePasswordFormValues) => {
    setFailure(null);
    mutation.mutate({ currentPassword, newPassword });
  };

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-label="Change password">
      <Stack gap="sm">
        <FailureAlert failure={failure} />
        <PasswordInput label="Current password" autoComplete="current-password" autoFocus {...form.getInputProps('currentPassword')} />
        <PasswordInput
          label="New password"
          description="12 to 128 characters. A short sentence is easy to remember and hard to guess."
          autoComplete="new-password"
          {...form.getInputProps('newPassword')}
        />
        <PasswordInput label="Repeat new password" autoComplete="new-password" {...form.getInputProps('confirmPassword')} />
        <Button type="submit" fullWidth mt="xs" loading={mutation.isPending}>
          Change password
        </Button>
      </Stack>
    </form>
  );
}
