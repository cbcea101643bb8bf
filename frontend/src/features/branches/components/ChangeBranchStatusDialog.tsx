import type { Branch } from '@contracts/identity';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { notifySuccess } from '@/lib/notify';
import { useUpdateBranch } from '../api/update-branch';

interface ChangeBranchStatusDialogProps {
  branch: Branch | null;
  opened: boolean;
  onClose: () => void;
}

/**
 * Deactivating hides the branch from new assignments; the server refuses while active users work there.
 * Failures (BRANCH_IN_USE, a stale version) reach the default toast, which says what to do.
 */
export function ChangeBranchStatusDialog({ branch, opened, onClose }: ChangeBranchStatusDialogProps) {
  const mutation = useUpdateBranch({
    onSuccess: (updated) => {
      notifySuccess(updated.active ? 'Branch activated' : 'Branch deactivated', `${updated.name} (${updated.code})`);
    },
  });
  if (!branch) return null;
  const deactivating = branch.active;

  return (
    <ConfirmDialog
      opened={opened}
      onClose={onClose}
      title={deactivating ? `Deactivate ${branch.name}?` : `Activate ${branch.name}?`}
      confirmLabel={deactivating ? 'Deactivate' : 'Activate'}
      color={deactivating ? 'red' : undefined}
      loading={mutation.isPending}
      // Closed either way: a refusal is explained by the toast.
      onConfirm={() => mutation.mutate({ branch, changes: { active: !deactivating } }, { onSettled: onClose })}
    >
      {deactivating
        ? 'Users can no longer be assigned to this branch. This only works once no active user belongs to it; ' + 'you can activate it again at any time.'
        : 'Users can be assigned to this branch again.'}
    </ConfirmDialog>
  );
}
