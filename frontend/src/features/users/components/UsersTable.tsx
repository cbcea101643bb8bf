import type { User } from '@contracts/identity';
import { ROLE_LABELS } from '@contracts/permissions';
import { Anchor, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { formatDateTime } from '@/lib/format-date';
import { UserStatusBadges } from './UserStatusBadges';

interface UsersTableProps {
  users: User[];
  branchNames: ReadonlyMap<string, string>;
}

/** A click anywhere on a row opens the user; the name is the link keyboard users tab to. */
export function UsersTable({ users, branchNames }: UsersTableProps) {
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th w={130}>Role</Table.Th>
            <Table.Th w={130}>Branch</Table.Th>
            <Table.Th w={200}>Status</Table.Th>
            <Table.Th w={170}>Last login</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => (
            <Table.Tr key={user.id} onClick={() => navigate(`/users/${user.id}`)} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <Anchor component={Link} to={`/users/${user.id}`} fw={500} size="sm" onClick={(event) => event.stopPropagation()}>
                  {user.name}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{user.email}</Table.Td>
              <Table.Td>{ROLE_LABELS[user.role]}</Table.Td>
              <Table.Td>{branchNames.get(user.branchId) ?? '—'}</Table.Td>
              <Table.Td>
                <UserStatusBadges user={user} />
              </Table.Td>
              <Table.Td>
                {user.lastLoginAt ? (
                  formatDateTime(user.lastLoginAt)
                ) : (
                  <Text span size="sm" c="dimmed">
                    Never
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
