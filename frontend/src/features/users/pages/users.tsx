import type { UserWithTemporaryPassword } from '@contracts/identity';
import { Button, Paper, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadMoreButton } from '@/components/LoadMoreButton';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { branchNames, useBranches } from '@/features/branches';
import { useUsers } from '@/features/users/api/get-users';
import { CreateUserModal } from '@/features/users/components/CreateUserModal';
import { TemporaryPasswordModal } from '@/features/users/components/TemporaryPasswordModal';
import { UserFilters } from '@/features/users/components/UserFilters';
import { UsersTable } from '@/features/users/components/UsersTable';
import { readUserFilter, userFilterParams } from '@/features/users/user-filter';
import type { UserListFilter } from '@/features/users/user-filter';
import { useAuth } from '@/lib/auth/auth-context';

export function UsersPage() {
  const { can } = useAuth();
  const canManage = can('users:manage');
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = readUserFilter(searchParams);
  const { data, error, isPending, isPlaceholderData, refetch, hasNextPage, isFetchingNextPage, fetchNextPage } =
    useUsers(filter);
  const { data: branches } = useBranches();
  const [creating, createDialog] = useDisclosure(false);
  const [issued, setIssued] = useState<z.infer<typeof UserWithTemporaryPassword> | null>(null);
  const [showingPassword, passwordDialog] = useDisclosure(false);
  const users = data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.keys(filter).length > 0;

  const applyFilter = (next: UserListFilter) => setSearchParams(userFilterParams(next), { replace: true });

  return (
    <Stack gap="lg">
      <PageHeader
        title="Users"
        description="Everyone who can log in to Policydesk, with their role and branch."
        actions={
          canManage && (
            // Creating a user means choosing a branch, so the button waits for the branches.
            <Button leftSection={<IconPlus size={16} />} onClick={createDialog.open} disabled={!branches}>
              New user
            </Button>
          )
        }
      />
      <UserFilters filter={filter} branches={branches ?? []} onChange={applyFilter} />
      <Paper withBorder style={{ opacity: isPlaceholderData ? 0.6 : 1 }} aria-busy={isPlaceholderData}>
        {isPending ? (
          <LoadingState label="Loading users…" />
        ) : error ? (
          <Stack p="md">
            <ErrorState error={error} onRetry={() => void refetch()} />
          </Stack>
        ) : users.length === 0 ? (
          <EmptyState
            title={filtered ? 'No users match these filters' : 'No users yet'}
            description={filtered ? 'Check the spelling, or clear a filter.' : undefined}
          />
        ) : (
          <UsersTable users={users} branchNames={branchNames(branches)} />
        )}
      </Paper>
      <LoadMoreButton
        hasNextPage={hasNextPage}
        isFetchingNextPage={isFetchingNextPage}
        onLoadMore={() => void fetchNextPage()}
      />
      {canManage && branches && (
        <>
          <CreateUserModal
            opened={creating}
            branches={branches}
            onCancel={createDialog.close}
            onCreated={(created) => {
              createDialog.close();
              setIssued(created);
              passwordDialog.open();
            }}
          />
          <TemporaryPasswordModal
            issued={issued}
            opened={showingPassword}
            title="User created"
            onClose={passwordDialog.close}
          />
        </>
      )}
    </Stack>
  );
}
