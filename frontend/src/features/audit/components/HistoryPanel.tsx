import type { AuditEntry } from '@contracts/identity';
import { Anchor, Group, List, Paper, Stack, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import { IconAlertTriangle, IconBan, IconCheck } from '@tabler/icons-react';
import { useId } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadMoreButton } from '@/components/LoadMoreButton';
import { LoadingState } from '@/components/LoadingState';
import { useAuth } from '@/lib/auth/auth-context';
import { formatTimestamp } from '@/lib/format-date';
import { useAuditEntries } from '../api/get-audit-entries';
import { actorText } from '../actor-text';
import { auditPagePath } from '../audit-filter';
import { actionLabel } from '../audit-labels';
import { changeLabel, changeValue } from '../change-format';
import type { ChangeContext } from '../change-format';
import { useChangeContext } from '../use-change-context';

const PAGE_SIZE = 10;
// A created record lists every field; the timeline stays compact and the audit log has the rest.
const CHANGES_SHOWN = 3;

interface HistoryPanelProps {
  entityType: string;
  entityId: string;
}

const BULLETS: Record<AuditEntry['outcome'], { icon: typeof IconCheck; color: string }> = {
  success: { icon: IconCheck, color: 'indigo' },
  failure: { icon: IconAlertTriangle, color: 'orange' },
  denied: { icon: IconBan, color: 'red' },
};

function ChangeList({ entry, context }: { entry: AuditEntry; context: ChangeContext }) {
  const changes = Object.entries(entry.changes ?? {});
  if (changes.length === 0) return null;
  const hidden = changes.length - CHANGES_SHOWN;
  return (
    <List size="sm" spacing={2} mt={4} listStyleType="none">
      {changes.slice(0, CHANGES_SHOWN).map(([field, change]) => (
        <List.Item key={field}>
          <Text span size="sm" fw={500}>
            {changeLabel(entry.entityType, field, context)}:
          </Text>{' '}
          {/* A new record has only "after" values. */}
          {'before' in change && (
            <>
              <Text span size="sm" c="dimmed" td="line-through">
                {changeValue(entry.entityType, field, change.before, context)}
              </Text>{' '}
              →{' '}
            </>
          )}
          <Text span size="sm">
            {changeValue(entry.entityType, field, change.after, context)}
          </Text>
        </List.Item>
      ))}
      {hidden > 0 && (
        <List.Item>
          <Text span size="sm" c="dimmed">
            and {hidden} more {hidden === 1 ? 'field' : 'fields'}
          </Text>
        </List.Item>
      )}
    </List>
  );
}

function HistoryTimeline({ entityType, entityId }: HistoryPanelProps) {
  const context = useChangeContext();
  const { data, error, isPending, refetch, hasNextPage, isFetchingNextPage, fetchNextPage } = useAuditEntries({ entityType, entityId }, { pageSize: PAGE_SIZE });
  if (isPending) return <LoadingState label="Loading history…" />;
  if (error) return <ErrorState error={error} onRetry={() => void refetch()} />;
  const entries = data.pages.flatMap((page) => page.items);
  if (entries.length === 0) {
    return <EmptyState title="No history yet" description="Changes to this record will be listed here." />;
  }

  return (
    <Stack gap="md">
      <Timeline bulletSize={22} lineWidth={2}>
        {entries.map((entry) => {
          const bullet = BULLETS[entry.outcome];
          return (
            <Timeline.Item
              key={entry.id}
              title={actionLabel(context.labels, entry.action)}
              bullet={
                <ThemeIcon size={22} radius="xl" color={bullet.color} aria-hidden>
                  <bullet.icon size={13} />
                </ThemeIcon>
              }
            >
              <Text size="xs" c="dimmed">
                {actorText(entry)} · {formatTimestamp(entry.occurredAt)}
              </Text>
              <ChangeList entry={entry} context={context} />
            </Timeline.Item>
          );
        })}
      </Timeline>
      <LoadMoreButton hasNextPage={hasNextPage} isFetchingNextPage={isFetchingNextPage} onLoadMore={() => void fetchNextPage()} />
    </Stack>
  );
}

/**
 * The audit trail of one record, for embedding in that record's page. Renders nothing for users who
 * may not read the audit trail.
 */
export function HistoryPanel({ entityType, entityId }: HistoryPanelProps) {
  const { can } = useAuth();
  const titleId = useId();
  if (!can('audit:read')) return null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" mb="sm">
        <Title id={titleId} order={2} size="h4">
          History
        </Title>
        <Anchor component={Link} to={auditPagePath({ entityType, entityId })} size="sm">
          Open in audit log
        </Anchor>
      </Group>
      <HistoryTimeline entityType={entityType} entityId={entityId} />
    </Paper>
  );
}
