import type { AuditEntry } from '@contracts/identity';
import { ActionIcon, Anchor, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { Link } from 'react-router';
import { useAuth } from '@/lib/auth/auth-context';
import { formatTimestamp } from '@/lib/format-date';
import { actorText } from '../actor-text';
import { actionLabel, entityLabel } from '../audit-labels';
import type { AuditVocabulary } from '../audit-labels';
import { useChangeContext } from '../use-change-context';
import { AuditEntryDetails } from './AuditEntryDetails';
import { OutcomeBadge } from './OutcomeBadge';

const COLUMNS = 6;

/** Records are named by their business number (C-, Q-, O-, P-) where they have one; those with a page of their own link to it. */
function RecordCell({ entry, labels }: { entry: AuditEntry; labels: AuditVocabulary }) {
  const { can } = useAuth();
  if (!entry.entityType) return <Text c="dimmed">—</Text>;
  const label = entityLabel(labels, entry.entityType);
  const shortId = entry.entityId && entry.entityId !== 'all' ? entry.entityId.slice(0, 8) : null;
  const text = entry.entityNumber ? `${label} ${entry.entityNumber}` : shortId ? `${label} ${shortId}` : label;
  const link = labels.links[entry.entityType];
  if (link && shortId && entry.entityId && can(link.permission)) {
    return (
      <Anchor component={Link} to={link.path(entry.entityId)} size="sm" title={entry.entityId}>
        {text}
      </Anchor>
    );
  }
  return (
    <Text size="sm" title={entry.entityId ?? undefined}>
      {text}
    </Text>
  );
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const context = useChangeContext();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table verticalSpacing="xs" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={48}>
              <VisuallyHidden>Details</VisuallyHidden>
            </Table.Th>
            <Table.Th w={190}>When</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th w={100}>Outcome</Table.Th>
            <Table.Th w={200}>Record</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((entry) => {
            const open = expanded.has(entry.id);
            const detailsId = `audit-entry-${entry.id}`;
            const what = `${actionLabel(context.labels, entry.action)} at ${formatTimestamp(entry.occurredAt)}`;
            return (
              <Fragment key={entry.id}>
                <Table.Tr bg={open ? 'var(--mantine-color-gray-0)' : undefined}>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      onClick={() => toggle(entry.id)}
                      aria-expanded={open}
                      aria-controls={open ? detailsId : undefined}
                      aria-label={`${open ? 'Hide' : 'Show'} details of ${what}`}
                    >
                      {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td>{formatTimestamp(entry.occurredAt)}</Table.Td>
                  <Table.Td>{actorText(entry)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {actionLabel(context.labels, entry.action)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <OutcomeBadge outcome={entry.outcome} />
                  </Table.Td>
                  <Table.Td>
                    <RecordCell entry={entry} labels={context.labels} />
                  </Table.Td>
                </Table.Tr>
                {open && (
                  <Table.Tr id={detailsId} bg="var(--mantine-color-gray-0)">
                    <Table.Td colSpan={COLUMNS} px="md">
                      <AuditEntryDetails entry={entry} context={context} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
