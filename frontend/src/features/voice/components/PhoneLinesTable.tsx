import type { PhoneLine } from '@contracts/voice';
import { Anchor, Badge, Button, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { RecordTable, type RecordColumn } from '@/components/RecordTable';
import { menuSummary } from '../phone-line-form';

interface PhoneLinesTableProps {
  lines: PhoneLine[];
  /** The edit action appears only for users with phone-lines:manage. */
  onEdit?: (line: PhoneLine) => void;
}

export function PhoneLinesTable({ lines, onEdit }: PhoneLinesTableProps) {
  const columns: RecordColumn<PhoneLine>[] = [
    {
      header: 'Name',
      priority: 'key',
      cell: (line) => (
        <Anchor component={Link} to={`/phone-lines/${line.id}`} fw={500} size="sm" onClick={(event) => event.stopPropagation()}>
          {line.name}
        </Anchor>
      ),
    },
    {
      header: 'Number',
      w: 160,
      priority: 'key',
      cell: (line) => (
        <Text ff="monospace" size="sm">
          {line.number}
        </Text>
      ),
    },
    { header: 'Menu', cell: (line) => <Text size="sm">{menuSummary(line)}</Text> },
    { header: 'After hours', w: 120, cell: (line) => (line.afterHours === 'voicemail' ? 'Voicemail' : 'Hang up') },
    {
      header: 'Status',
      w: 110,
      priority: 'key',
      cell: (line) => (
        <Badge variant="light" color={line.active ? 'teal' : 'gray'}>
          {line.active ? 'Active' : 'Inactive'}
        </Badge>
      ),
    },
  ];
  if (onEdit !== undefined) {
    columns.push({
      header: <VisuallyHidden>Actions</VisuallyHidden>,
      label: 'Actions',
      w: 100,
      cell: (line) => (
        <Button size="xs" variant="default" onClick={() => onEdit(line)} aria-label={`Edit ${line.name}`}>
          Edit
        </Button>
      ),
    });
  }
  return <RecordTable aria-label="Phone lines" minWidth={720} rows={lines} columns={columns} rowLabel={(line) => line.name} idPrefix="phone-line" />;
}
