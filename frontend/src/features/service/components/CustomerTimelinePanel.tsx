import type { TimelineKind } from '@contracts/service';
import { Anchor, Box, Button, Chip, Group, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconChecklist, IconFileText, IconHeadset, IconLifebuoy, IconMail, IconMessages, IconPhonePlus, IconShieldCheck } from '@tabler/icons-react';
import type { Icon } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '@/components/ErrorState';
import { LoadMoreButton } from '@/components/LoadMoreButton';
import { LoadingState } from '@/components/LoadingState';
import { Panel } from '@/components/Panel';
import { CLAIM_STATUS_LABELS, claimPath } from '@/features/claims';
import type { CustomerActionProps } from '@/features/customers';
import { ORDER_STATUS_LABELS, orderPath } from '@/features/orders';
import { POLICY_STATUS_LABELS, policyPath } from '@/features/policies';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime } from '@/lib/format-date';
import { useCustomerTimeline } from '../api/get-customer-timeline';
import { casePath } from '../service-paths';
import { LogCallModal } from './LogCallModal';
import { TIMELINE_FILTERS, timelineEntryView, timelineKinds, type TimelineEntryView, type TimelineRecords } from '../timeline-view';

const KIND_ICONS: Record<TimelineKind, { icon: Icon; color: string }> = {
  interaction: { icon: IconMessages, color: 'blue' },
  task: { icon: IconChecklist, color: 'grape' },
  case: { icon: IconHeadset, color: 'orange' },
  order: { icon: IconFileText, color: 'cyan' },
  policy: { icon: IconShieldCheck, color: 'teal' },
  claim: { icon: IconLifebuoy, color: 'red' },
  message: { icon: IconMail, color: 'gray' },
};

const label =
  <S extends string>(labels: Record<S, string>) =>
  (status: string) =>
    labels[status as S];

const RECORDS: TimelineRecords = {
  case: { path: casePath, permission: 'cases:read' },
  order: { path: orderPath, permission: 'orders:read', statusLabel: label(ORDER_STATUS_LABELS) },
  policy: { path: policyPath, permission: 'policies:read', statusLabel: label(POLICY_STATUS_LABELS) },
  claim: { path: claimPath, permission: 'claims:read', statusLabel: label(CLAIM_STATUS_LABELS) },
};

function TimelineEntry({ entry }: { entry: TimelineEntryView }) {
  const { can } = useAuth();
  const { icon: KindIcon, color } = KIND_ICONS[entry.kind];
  const title =
    entry.link && can(entry.link.permission) ? (
      <Anchor component={Link} to={entry.link.to} size="sm" fw={600}>
        {entry.title}
      </Anchor>
    ) : (
      <Text span size="sm" fw={600}>
        {entry.title}
      </Text>
    );
  return (
    <Group component="li" gap="sm" wrap="nowrap" align="flex-start" py={6}>
      <ThemeIcon variant="light" color={color} radius="xl" size="md" aria-hidden>
        <KindIcon size={16} />
      </ThemeIcon>
      <Box miw={0} style={{ flex: 1 }}>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          <Text span size="sm" c="dimmed">
            {entry.kindLabel}{' '}
          </Text>
          {title}
        </Text>
        <Text size="sm">
          {entry.summary}
          {entry.reason && (
            <Text span size="sm" c="dimmed">
              {' '}
              — {entry.reason}
            </Text>
          )}
        </Text>
        <Text size="xs" c="dimmed">
          {entry.by ?? 'Automatic'} · <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
        </Text>
      </Box>
    </Group>
  );
}

/** The customer's timeline on the overview: contacts, tasks, cases and the status changes of applications, policies and claims, newest first. */
export function CustomerTimelinePanel({ customer }: CustomerActionProps) {
  const { can } = useAuth();
  const readable = can('interactions:read');
  const [filter, setFilter] = useState<TimelineKind | 'all'>('all');
  const kinds = useMemo(() => timelineKinds(filter), [filter]);
  const timeline = useCustomerTimeline(customer.id, kinds, readable);
  // Logged here, the call lands on top of this list (the mutation invalidates the service desk's queries).
  const [logging, setLogging] = useState(false);
  const entries = useMemo(() => (timeline.data?.pages ?? []).flatMap((page) => page.items).map((item) => timelineEntryView(item, RECORDS)), [timeline.data]);
  if (!readable) return null;
  const filterLabel = TIMELINE_FILTERS.find((f) => f.value === filter)!.label.toLowerCase();
  return (
    <Panel
      title="Timeline"
      aside={
        <Group gap="xs">
          {timeline.isFetching && !timeline.isPending && !timeline.isFetchingNextPage && <Loader size="xs" aria-label="Updating the timeline" />}
          {can('interactions:create') && (
            <Button size="xs" variant="light" leftSection={<IconPhonePlus size={14} />} onClick={() => setLogging(true)}>
              Log a call
            </Button>
          )}
        </Group>
      }
    >
      <Stack gap="sm">
        <Chip.Group value={filter} onChange={(value) => setFilter(value as TimelineKind | 'all')}>
          <Group gap={6} role="radiogroup" aria-label="Show on the timeline">
            {TIMELINE_FILTERS.map((f) => (
              <Chip key={f.value} value={f.value} size="xs" variant="light">
                {f.label}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
        {timeline.isPending ? (
          <LoadingState label="Loading the timeline…" />
        ) : timeline.error && !timeline.data ? (
          <ErrorState error={timeline.error} onRetry={() => void timeline.refetch()} />
        ) : entries.length === 0 ? (
          <Text size="sm" c="dimmed">
            {filter === 'all'
              ? 'Nothing on the timeline yet: calls, tasks, cases and status changes of applications, policies and claims will appear here.'
              : `No ${filterLabel} on the timeline.`}
          </Text>
        ) : (
          <>
            <Box component="ol" aria-label="Timeline" aria-busy={timeline.isFetching} m={0} p={0} style={{ listStyle: 'none' }}>
              {entries.map((entry) => (
                <TimelineEntry key={entry.key} entry={entry} />
              ))}
            </Box>
            {timeline.error && <ErrorState error={timeline.error} onRetry={() => void timeline.fetchNextPage()} />}
            <LoadMoreButton hasNextPage={timeline.hasNextPage} isFetchingNextPage={timeline.isFetchingNextPage} onLoadMore={() => void timeline.fetchNextPage()} />
          </>
        )}
      </Stack>
      <LogCallModal
        opened={logging}
        onClose={() => setLogging(false)}
        customer={{ id: customer.id, name: `${customer.firstName} ${customer.lastName}`, customerNumber: customer.customerNumber }}
      />
    </Panel>
  );
}
