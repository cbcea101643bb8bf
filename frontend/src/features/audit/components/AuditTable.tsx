import type { AuditEntry } from '@contracts/identity';
import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { RecordTable, type RecordColumn } from '@/components/RecordTable';
import { useAuth } from '@/lib/auth/auth-context';
import { formatTimestamp } from '@/lib/format-date';
import { actorText } from '../actor-text';
import { actionLabel, entityLabel } from '../audit-labels';
import type { AuditVocabulary } from '../audit-labels';
import { useChangeContext } from '../use-change-context';
import { AuditEntryDetails } from './AuditEntryDetails';
import { OutcomeBadge } from './OutcomeBadge';

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
  const columns: RecordColumn<AuditEntry>[] = [
    { header: 'When', w: 190, priority: 'key', cell: (entry) => formatTimestamp(entry.occurredAt) },
    { header: 'Who', cell: (entry) => actorText(entry) },
    {
      header: 'Action',
      priority: 'key',
      cell: (entry) => (
        <Text size="sm" fw={500}>
          {actionLabel(context.labels, entry.action)}
        </Text>
      ),
    },
    { header: 'Outcome', w: 100, cell: (entry) => <OutcomeBadge outcome={entry.outcome} /> },
    { header: 'Record', w: 200, priority: 'key', cell: (entry) => <RecordCell entry={entry} labels={context.labels} /> },
  ];
  return (
    <RecordTable
      aria-label="Audit log"
      minWidth={900}
      verticalSpacing="xs"
      layout="fixed"
      rows={entries}
      columns={columns}
      rowLabel={(entry) => `${actionLabel(context.labels, entry.action)} at ${formatTimestamp(entry.occurredAt)}`}
      idPrefix="audit-entry"
      details={(entry) => <AuditEntryDetails entry={entry} context={context} />}
    />
  );
}
