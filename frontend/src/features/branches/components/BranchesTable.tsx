import type { Branch } from '@contracts/identity';
import { Badge, Button, Group, Table, VisuallyHidden } from '@mantine/core';
import { formatDateTime } from '@/lib/format-date';

interface BranchesTableProps {
  branches: Branch[];
  /** Row actions appear only for users with branches:manage. */
  onRename?: (branch: Branch) => void;
  onChangeStatus?: (branch: Branch) => void;
}

export function BranchesTable({ branches, onRename, onChangeStatus }: BranchesTableProps) {
  const withActions = onRename !== undefined && onChangeStatus !== undefined;
  return (
    <Table.ScrollContainer minWidth={640} type="native">
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={140}>Code</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th w={120}>Status</Table.Th>
            <Table.Th w={200}>Last changed</Table.Th>
            {withActions && (
              <Table.Th w={220}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {branches.map((branch) => (
            <Table.Tr key={branch.id}>
              <Table.Td ff="monospace">{branch.code}</Table.Td>
              <Table.Td fw={500}>{branch.name}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={branch.active ? 'teal' : 'gray'}>
                  {branch.active ? 'Active' : 'Inactive'}
                </Badge>
              </Table.Td>
              <Table.Td>{formatDateTime(branch.updatedAt)}</Table.Td>
              {withActions && (
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    <Button size="xs" variant="default" onClick={() => onRename(branch)} aria-label={`Rename ${branch.name}`}>
                      Rename
                    </Button>
                    <Button
                      size="xs"
                      variant="light"
                      color={branch.active ? 'red' : undefined}
                      onClick={() => onChangeStatus(branch)}
                      aria-label={`${branch.active ? 'Deactivate' : 'Activate'} ${branch.name}`}
                    >
                      {branch.active ? 'Deactivate' : 'Activate'}
                    </Button>
                  </Group>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
