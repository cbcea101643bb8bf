import type { User } from '@contracts/identity';
import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconShieldOff } from '@tabler/icons-react';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { notifySuccess } from '@/lib/notify';
import { useResetUserMfa } from '../api/reset-user-mfa';

/** Shown for another user with two-factor sign-in: an admin cannot reset their own (four-eyes). */
export function ResetMfaButton({ user }: { user: User }) {
  const [confirming, dialog] = useDisclosure(false);
  const mutation = useResetUserMfa();

  return (
    <>
      <Button variant="default" leftSection={<IconShieldOff size={16} />} onClick={dialog.open}>
        Reset two-factor
      </Button>
      <ConfirmDialog
        opened={confirming}
        onClose={dialog.close}
        title={`Reset the two-factor sign-in of ${user.name}?`}
        confirmLabel="Reset two-factor"
        color="red"
        loading={mutation.isPending}
        onConfirm={() =>
          mutation.mutate(user, {
            onSuccess: () => notifySuccess('Two-factor sign-in reset', `${user.name} sets it up again at the next login.`),
            onSettled: dialog.close,
          })
        }
      >
        Their authenticator app and recovery codes stop working and they are logged out everywhere. Do this only after checking who is asking (a lost phone).
      </ConfirmDialog>
    </>
  );
}
