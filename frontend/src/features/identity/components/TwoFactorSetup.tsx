import { ConfirmMfaBody } from '@contracts/identity';
import type { MfaEnrolment } from '@contracts/identity';
import { Alert, Button, Center, Code, Group, Image, List, Stack, Text, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorState } from '@/components/ErrorState';
import { FailureAlert } from '@/components/FailureAlert';
import { LoadingState } from '@/components/LoadingState';
import { describeError } from '@/lib/api-error';
import { serverFieldErrors } from '@/lib/form-errors';
import { formatDateTime } from '@/lib/format-date';
import { useConfirmMfaEnrolment, useMfaStatus, useStartMfaEnrolment } from '../api/mfa';

/**
 * Two-factor sign-in: the status, or the set-up (QR code and the secret to type in, a first code to
 * confirm) and then the ten recovery codes, shown this once. `onDone` when the user has saved them.
 */
export function TwoFactorSetup({ onDone }: { onDone: () => void }) {
  const status = useMfaStatus();
  const start = useStartMfaEnrolment();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  if (recoveryCodes) return <RecoveryCodesShown codes={recoveryCodes} onDone={onDone} />;
  if (status.isPending) return <LoadingState />;
  if (status.error) return <ErrorState error={status.error} onRetry={() => void status.refetch()} />;

  if (status.data.enabled)
    return (
      <Stack gap="sm">
        <Alert color="green" icon={<IconShieldCheck size={18} />} title="Two-factor sign-in is on">
          Set up {status.data.enrolledAt ? formatDateTime(status.data.enrolledAt) : ''}. Recovery codes left: {status.data.recoveryCodesLeft}.
        </Alert>
        <Text size="sm" c="dimmed">
          Lost your phone? Log in with a recovery code, then ask an administrator to reset your two-factor sign-in.
        </Text>
        <Button onClick={onDone}>Continue</Button>
      </Stack>
    );

  if (!start.data)
    return (
      <Stack gap="sm">
        {status.data.required && (
          <Alert color="blue" title="Required for your role">
            Set up two-factor sign-in before you continue.
          </Alert>
        )}
        <Text size="sm">You will need an authenticator app (for example Google Authenticator, Microsoft Authenticator or 1Password) on your phone.</Text>
        <FailureAlert failure={start.error ? describeError(start.error) : null} />
        <Button onClick={() => start.mutate()} loading={start.isPending}>
          Set up two-factor sign-in
        </Button>
      </Stack>
    );

  return <ConfirmStep enrolment={start.data} onConfirmed={setRecoveryCodes} />;
}

function ConfirmStep({ enrolment, onConfirmed }: { enrolment: MfaEnrolment; onConfirmed: (codes: string[]) => void }) {
  const [failure, setFailure] = useState<ReturnType<typeof describeError> | null>(null);
  const form = useForm<ConfirmMfaBody>({ mode: 'controlled', initialValues: { code: '' }, validate: schemaResolver(ConfirmMfaBody, { sync: true }) });
  const confirm = useConfirmMfaEnrolment({
    onError: (error) => {
      const { byField, unplaced } = serverFieldErrors(error, ['code'] as const);
      form.setErrors(byField);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(describeError(error));
    },
  });

  return (
    <form
      aria-label="Confirm two-factor sign-in"
      noValidate
      onSubmit={form.onSubmit((values) => {
        setFailure(null);
        confirm.mutate(values.code, { onSuccess: (result) => onConfirmed(result.recoveryCodes) });
      })}
    >
      <Stack gap="sm">
        <Text size="sm">1. Scan this QR code with your authenticator app.</Text>
        <Center>
          <Image src={enrolment.qrCodeDataUrl} alt="QR code for your authenticator app" w={200} h={200} />
        </Center>
        <Text size="sm">Or type this secret key into the app:</Text>
        <Code block aria-label="Secret key" data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
          {enrolment.secret}
        </Code>
        <Text size="sm">2. Enter the 6-digit code the app shows.</Text>
        <FailureAlert failure={failure} />
        <TextInput label="Code from your app" autoComplete="one-time-code" inputMode="numeric" maxLength={6} {...form.getInputProps('code')} />
        <Button type="submit" loading={confirm.isPending}>
          Confirm
        </Button>
      </Stack>
    </form>
  );
}

function RecoveryCodesShown({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <Stack gap="sm">
      <Alert color="green" icon={<IconShieldCheck size={18} />} title="Two-factor sign-in is on" />
      <Text size="sm" fw={500}>
        Save these recovery codes somewhere safe. Each works once, instead of a code from your phone. They are shown only now.
      </Text>
      <List aria-label="Recovery codes" spacing={2} ff="monospace" size="sm">
        {codes.map((c) => (
          <List.Item key={c}>{c}</List.Item>
        ))}
      </List>
      <Group grow>
        <Button variant="default" onClick={() => void navigator.clipboard?.writeText(codes.join('\n'))}>
          Copy
        </Button>
        <Button onClick={onDone}>I have saved them</Button>
      </Group>
    </Stack>
  );
}
