import type { User } from '@contracts/identity';
import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserCheck, IconUserOff } from '@tabler/icons-react';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { notifySuccess } from '@/lib/notify';
import { useUpdateUser } from '../api/update-user';
import { statusChangeConsequence } from '../user-status';

/** "Disable" / "Enable", each after a confirmation. Failures (LAST_ADMIN, a stale version) get the default toast. */
export function ChangeUserStatusButton({ user }: { user: User }) {
  const [opened, dialog] = useDisclosure(false);
  const activate = !user.active;
  const mutation = useUpdateUser({
    onSuccess: (saved) => {
      notifySuccess(saved.active ? 'User enabled' : 'User disabled', statusChangeConsequence(saved.name, saved.active));
    },
  });

  return (
    <>
      <Button
        variant={activate ? 'default' : 'light'}
        color={activate ? undefined : 'red'}
        leftSection={activate ? <IconUserCheck size={16} /> : <IconUserOff size={16} />}
        onClick={dialog.open}
      >
        {activate ? 'Enable' : 'Disable'}
      </Button>
      <ConfirmDialog
        opened={opened}
        onClose={dialog.close}
        title={activate ? `Enable ${user.name}?` : `Disable ${user.name}?`}
        confirmLabel={activate ? 'Enable' : 'Disable'}
        color={activate ? undefined : 'red'}
        loading={mutation.isPending}
        // Closed either way: a refusal is explained by the toast, and the page shows the refetched user.
        onConfirm={() => mutation.mutate({ user, changes: { active: activate } }, { onSettled: dialog.close })}
      >
        {statusChangeConsequence(user.name, activate)}
      </ConfirmDialog>
    </>
  );
}
