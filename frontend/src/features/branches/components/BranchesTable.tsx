import type { Branch } from '@contracts/identity';
import { Badge, Button, Group, Text, VisuallyHidden } from '@mantine/core';
import { RecordTable, type RecordColumn } from '@/components/RecordTable';
import { formatDateTime } from '@/lib/format-date';

interface BranchesTableProps {
  branches: Branch[];
  /** Row actions appear only for users with branches:manage. */
  onRename?: (branch: Branch) => void;
  onChangeStatus?: (branch: Branch) => void;
}

export function BranchesTable({ branches, onRename, onChangeStatus }: BranchesTableProps) {
  const columns: RecordColumn<Branch>[] = [
    {
      header: 'Code',
      w: 140,
      priority: 'key',
      cell: (branch) => (
        <Text ff="monospace" size="sm">
          {branch.code}
        </Text>
      ),
    },
    {
      header: 'Name',
      priority: 'key',
      cell: (branch) => (
        <Text fw={500} size="sm">
          {branch.name}
        </Text>
      ),
    },
    {
      header: 'Status',
      w: 120,
      priority: 'key',
      cell: (branch) => (
        <Badge variant="light" color={branch.active ? 'teal' : 'gray'}>
          {branch.active ? 'Active' : 'Inactive'}
        </Badge>
      ),
    },
    { header: 'Last changed', w: 200, cell: (branch) => formatDateTime(branch.updatedAt) },
  ];
  if (onRename !== undefined && onChangeStatus !== undefined) {
    columns.push({
      header: <VisuallyHidden>Actions</VisuallyHidden>,
      label: 'Actions',
      w: 220,
      cell: (branch) => (
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
      ),
    });
  }
  return <RecordTable aria-label="Branches" minWidth={640} rows={branches} columns={columns} rowLabel={(branch) => branch.name} idPrefix="branch" />;
}
