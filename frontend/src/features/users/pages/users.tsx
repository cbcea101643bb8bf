import type { UserWithTemporaryPassword } from '@contracts/identity';
import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { ListPage, loadedItems } from '@/components/ListPage';
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
  const query = useUsers(filter);
  const { data: branches } = useBranches();
  const [creating, createDialog] = useDisclosure(false);
  const [issued, setIssued] = useState<z.infer<typeof UserWithTemporaryPassword> | null>(null);
  const [showingPassword, passwordDialog] = useDisclosure(false);
  const filtered = Object.keys(filter).length > 0;

  const applyFilter = (next: UserListFilter) => setSearchParams(userFilterParams(next), { replace: true });

  return (
    <ListPage
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
      filters={<UserFilters filter={filter} branches={branches ?? []} onChange={applyFilter} />}
      query={query}
      items={loadedItems(query.data)}
      loadingLabel="Loading users…"
      empty={filtered ? { title: 'No users match these filters', description: 'Check the spelling, or clear a filter.' } : { title: 'No users yet' }}
      after={
        canManage &&
        branches && (
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
            <TemporaryPasswordModal issued={issued} opened={showingPassword} title="User created" onClose={passwordDialog.close} />
          </>
        )
      }
    >
      {(users) => <UsersTable users={users} branchNames={branchNames(branches)} />}
    </ListPage>
  );
}
