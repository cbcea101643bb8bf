import type { Branch } from '@contracts/identity';
import { Button, Paper, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { useBranches } from '@/features/branches/api/get-branches';
import { BranchesTable } from '@/features/branches/components/BranchesTable';
import { ChangeBranchStatusDialog } from '@/features/branches/components/ChangeBranchStatusDialog';
import { CreateBranchModal } from '@/features/branches/components/CreateBranchModal';
import { RenameBranchModal } from '@/features/branches/components/RenameBranchModal';
import { useAuth } from '@/lib/auth/auth-context';
import { useDialogTarget } from '@/lib/use-dialog-target';

export function BranchesPage() {
  const { can } = useAuth();
  const canManage = can('branches:manage');
  const { data: branches, error, isPending, refetch } = useBranches();
  const [creating, createDialog] = useDisclosure(false);
  const renaming = useDialogTarget<Branch>();
  const changingStatus = useDialogTarget<Branch>();

  return (
    <Stack gap="lg" maw={1040}>
      <PageHeader
        title="Branches"
        description="Every user works in one branch; managers oversee the branches they manage."
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} />} onClick={createDialog.open}>
              New branch
            </Button>
          )
        }
      />
      <Paper withBorder>
        {isPending ? (
          <LoadingState label="Loading branches…" />
        ) : error ? (
          <Stack p="md">
            <ErrorState error={error} onRetry={() => void refetch()} />
          </Stack>
        ) : branches.length === 0 ? (
          <EmptyState title="No branches yet" description={canManage ? 'Open the first branch with “New branch”.' : 'An administrator opens branches.'} />
        ) : (
          <BranchesTable branches={branches} onRename={canManage ? renaming.open : undefined} onChangeStatus={canManage ? changingStatus.open : undefined} />
        )}
      </Paper>
      {canManage && (
        <>
          <CreateBranchModal opened={creating} onClose={createDialog.close} />
          <RenameBranchModal branch={renaming.target} opened={renaming.opened} onClose={renaming.close} />
          <ChangeBranchStatusDialog branch={changingStatus.target} opened={changingStatus.opened} onClose={changingStatus.close} />
        </>
      )}
    </Stack>
  );
}
