import { Alert, Anchor, Button, PasswordInput, Stack, Stepper, Text, TextInput } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, describeError } from '@/lib/api-error';
import { serverFieldErrors } from '@/lib/form-errors';
import { useCompleteRegistration, useStartRegistration, useVerifyRegistration } from '../api/portal-auth';
import { SignedOutPage } from '../components/SignedOutPage';

const problemText = (error: unknown) =>
  error instanceof ApiError && error.status === 429
    ? 'Too many attempts. Wait a while and try again.'
    : error instanceof ApiError && error.errors.length
      ? null
      : error
        ? describeError(error).detail
        : null;

/** /portal/register — three steps: who you are, the code we sent, your password. */
export function PortalRegisterPage() {
  const navigate = useNavigate();
  const [step, setStep] = useState(0);
  const [registrationId, setRegistrationId] = useState('');
  const [sentMessage, setSentMessage] = useState('');
  const [username, setUsername] = useState('');
  const [policyNumber, setPolicyNumber] = useState('');
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const start = useStartRegistration();
  const verify = useVerifyRegistration();
  const complete = useCompleteRegistration();
  const codeInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  // Each step's first field takes the keyboard as the step opens.
  useEffect(() => {
    if (step === 1) codeInput.current?.focus();
    if (step === 2) passwordInput.current?.focus();
  }, [step]);

  const startErrors = serverFieldErrors(start.error, ['policyNumber', 'dateOfBirth']).byField;
  const verifyErrors = serverFieldErrors(verify.error, ['code', 'registrationId']).byField;
  const completeErrors = serverFieldErrors(complete.error, ['password', 'registrationId']).byField;

  return (
    <SignedOutPage title="Register for your account">
      <Stepper active={step} size="sm" allowNextStepsSelect={false} aria-label="Registration steps">
        <Stepper.Step label="Your policy" description="Step 1 of 3">
          <form
            aria-label="Your policy"
            onSubmit={(e) => {
              e.preventDefault();
              start.mutate(
                { policyNumber, dateOfBirth },
                {
                  onSuccess: (started) => {
                    setRegistrationId(started.registrationId);
                    setSentMessage(started.message);
                    setStep(1);
                  },
                },
              );
            }}
          >
            <Stack mt="md">
              <Text size="sm">Enter the policy number from your policy schedule and the policyholder&apos;s date of birth.</Text>
              {problemText(start.error) && (
                <Alert color="red" role="alert">
                  {problemText(start.error)}
                </Alert>
              )}
              <TextInput
                label="Policy number"
                placeholder="P-000123"
                required
                size="md"
                value={policyNumber}
                onChange={(e) => setPolicyNumber(e.currentTarget.value)}
                error={startErrors.policyNumber}
              />
              <TextInput
                label="Date of birth"
                type="date"
                required
                size="md"
                value={dateOfBirth}
                onChange={(e) => setDateOfBirth(e.currentTarget.value)}
                error={startErrors.dateOfBirth}
              />
              <Button type="submit" size="md" fullWidth loading={start.isPending}>
                Send me a code
              </Button>
            </Stack>
          </form>
        </Stepper.Step>
        <Stepper.Step label="Your code" description="Step 2 of 3">
          <form
            aria-label="Your code"
            onSubmit={(e) => {
              e.preventDefault();
              verify.mutate(
                { registrationId, code },
                {
                  onSuccess: (verified) => {
                    setUsername(verified.username);
                    setStep(2);
                  },
                },
              );
            }}
          >
            <Stack mt="md">
              <Text size="sm" role="status">
                {sentMessage}
              </Text>
              {problemText(verify.error) && (
                <Alert color="red" role="alert">
                  {problemText(verify.error)}
                </Alert>
              )}
              <TextInput
                ref={codeInput}
                label="6-digit code"
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                required
                size="md"
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                error={verifyErrors.code ?? verifyErrors.registrationId}
              />
              <Button type="submit" size="md" fullWidth loading={verify.isPending}>
                Continue
              </Button>
              <Button variant="subtle" onClick={() => setStep(0)}>
                Start again
              </Button>
            </Stack>
          </form>
        </Stepper.Step>
        <Stepper.Step label="Your password" description="Step 3 of 3">
          <form
            aria-label="Your password"
            onSubmit={(e) => {
              e.preventDefault();
              if (password !== confirm) {
                setConfirmError('The passwords do not match');
                return;
              }
              setConfirmError(null);
              complete.mutate({ registrationId, password }, { onSuccess: () => void navigate('/portal', { replace: true }) });
            }}
          >
            <Stack mt="md">
              <Text size="sm">
                You will log in with <strong>{username}</strong>. Choose a password of at least 12 characters that is not easy to guess.
              </Text>
              {problemText(complete.error) && (
                <Alert color="red" role="alert">
                  {problemText(complete.error)}
                </Alert>
              )}
              <PasswordInput
                ref={passwordInput}
                label="New password"
                autoComplete="new-password"
                required
                size="md"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={completeErrors.password ?? completeErrors.registrationId}
              />
              <PasswordInput
                label="Repeat the password"
                autoComplete="new-password"
                required
                size="md"
                value={confirm}
                onChange={(e) => setConfirm(e.currentTarget.value)}
                error={confirmError}
              />
              <Button type="submit" size="md" fullWidth loading={complete.isPending}>
                Create my account
              </Button>
            </Stack>
          </form>
        </Stepper.Step>
      </Stepper>
      <Text size="sm" ta="center" mt="md">
        Already registered?{' '}
        <Anchor component={Link} to="/portal/login">
          Log in
        </Anchor>
      </Text>
    </SignedOutPage>
  );
}
