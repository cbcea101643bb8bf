import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

/** Why the server refused what the form asked, shown inside the form; nothing while there is no failure. */
export function FailureAlert({ failure }: { failure: { title: string; detail?: string } | null | undefined }) {
  if (!failure) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle />} title={failure.title} role="alert">
      {failure.detail}
    </Alert>
  );
}
