import type { User, UserWithTemporaryPassword } from '@contracts/identity';
import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import type { z } from 'zod';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { useResetUserPassword } from '../api/reset-user-password';
import { TemporaryPasswordModal } from './TemporaryPasswordModal';

/** Asks first (the current password stops working at once), then shows the one-time password. */
export function ResetPasswordButton({ user }: { user: User }) {
  const [confirming, confirmDialog] = useDisclosure(false);
  const [showing, passwordDialog] = useDisclosure(false);
  const [issued, setIssued] = useState<z.infer<typeof UserWithTemporaryPassword> | null>(null);
  const mutation = useResetUserPassword({
    onSuccess: (result) => {
      setIssued(result);
      passwordDialog.open();
    },
  });

  return (
    <>
      <Button variant="default" leftSection={<IconKey size={16} />} onClick={confirmDialog.open}>
        Reset password
      </Button>
      <ConfirmDialog
        opened={confirming}
        onClose={confirmDialog.close}
        title={`Reset the password of ${user.name}?`}
        confirmLabel="Reset password"
        color="red"
        loading={mutation.isPending}
        onConfirm={() => mutation.mutate(user, { onSettled: confirmDialog.close })}
      >
        Their current password stops working at once and they are logged out everywhere. You will get a one-time password to hand over; it also lifts a lockout.
      </ConfirmDialog>
      <TemporaryPasswordModal issued={issued} opened={showing} title="Password reset" onClose={passwordDialog.close} />
    </>
  );
}
