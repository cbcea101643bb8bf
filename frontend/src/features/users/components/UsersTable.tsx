import type { User } from '@contracts/identity';
import { ROLE_LABELS } from '@contracts/permissions';
import { Anchor, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { RecordTable, type RecordColumn } from '@/components/RecordTable';
import { formatDateTime } from '@/lib/format-date';
import { UserStatusBadges } from './UserStatusBadges';

interface UsersTableProps {
  users: User[];
  branchNames: ReadonlyMap<string, string>;
}

function columns(branchNames: ReadonlyMap<string, string>): RecordColumn<User>[] {
  return [
    {
      header: 'Name',
      priority: 'key',
      cell: (user) => (
        <Anchor component={Link} to={`/users/${user.id}`} fw={500} size="sm" onClick={(event) => event.stopPropagation()}>
          {user.name}
        </Anchor>
      ),
    },
    { header: 'Email', cell: (user) => <span style={{ overflowWrap: 'anywhere' }}>{user.email}</span> },
    { header: 'Role', w: 130, priority: 'key', cell: (user) => ROLE_LABELS[user.role] },
    { header: 'Branch', w: 130, cell: (user) => branchNames.get(user.branchId) ?? '—' },
    { header: 'Status', w: 200, priority: 'key', cell: (user) => <UserStatusBadges user={user} /> },
    {
      header: 'Last login',
      w: 170,
      cell: (user) =>
        user.lastLoginAt ? (
          formatDateTime(user.lastLoginAt)
        ) : (
          <Text span size="sm" c="dimmed">
            Never
          </Text>
        ),
    },
  ];
}

/** A click anywhere on a row opens the user; the name is the link keyboard users tab to. */
export function UsersTable({ users, branchNames }: UsersTableProps) {
  const navigate = useNavigate();
  return (
    <RecordTable
      aria-label="Users"
      minWidth={900}
      rows={users}
      columns={columns(branchNames)}
      rowLabel={(user) => user.name}
      idPrefix="user"
      onRowClick={(user) => navigate(`/users/${user.id}`)}
    />
  );
}
