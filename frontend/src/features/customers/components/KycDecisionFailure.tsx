import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { ErrorDescription } from '@/lib/api-error';

/** Why a verify or reject was refused (FOUR_EYES, DOCUMENT_EXPIRED, …), inside the dialog that asked. */
export function KycDecisionFailure({ failure }: { failure: ErrorDescription | null }) {
  if (!failure) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle />} title={failure.title} role="alert">
      {failure.detail}
    </Alert>
  );
}
