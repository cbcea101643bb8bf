import type { UnderwritingQueueItem } from '@contracts/orders';
import { Anchor, Badge, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowRight, IconPlayerPlay } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { type RecordColumn, RecordTable } from '@/components/RecordTable';
import type { ListSort } from '@/components/SortableHeader';
import { customerPath } from '@/features/customers';
import { orderPath, OrderStatusBadge, stepProblem } from '@/features/orders';
import { formatSum } from '@/features/quotes';
import { useCurrentUser } from '@/lib/auth/auth-context';
import { waitingFor } from '@/lib/business-days';
import { formatDateTime } from '@/lib/format-date';
import { notifyProblem } from '@/lib/notify';
import { useStartReview } from '../api/start-review';

function StartReviewButton({ item }: { item: UnderwritingQueueItem }) {
  const navigate = useNavigate();
  const mutation = useStartReview({
    onSuccess: (order) => navigate(orderPath(order.id)),
    onError: (error) => notifyProblem(error, `${item.orderNumber}: ${stepProblem(error).title}`),
  });
  return (
    <Button
      size="xs"
      leftSection={<IconPlayerPlay size={14} />}
      loading={mutation.isPending}
      onClick={() => mutation.mutate({ order: { id: item.id } })}
      aria-label={`Start review of ${item.orderNumber}`}
    >
      Start review
    </Button>
  );
}

/** The queue's columns; "mine" depends on who is looking. */
function queueColumns(meId: string): RecordColumn<UnderwritingQueueItem>[] {
  const isMine = (item: UnderwritingQueueItem) => item.underwriter?.id === meId;
  return [
    {
      header: 'Priority',
      priority: 'key',
      w: 100,
      sortField: 'priority',
      cell: (item) =>
        item.priority === 'high' ? (
          <Badge color="red" variant="filled" size="sm">
            High
          </Badge>
        ) : (
          <Badge color="gray" variant="light" size="sm">
            Normal
          </Badge>
        ),
    },
    {
      header: 'Application',
      priority: 'key',
      w: 110,
      cell: (item) => (
        <Anchor component={Link} to={orderPath(item.id)} ff="monospace" size="sm" fw={600}>
          {item.orderNumber}
        </Anchor>
      ),
    },
    {
      header: 'Customer and product',
      priority: 'key',
      sortField: 'customerName',
      cell: (item) => (
        <>
          <Text size="sm" fw={500}>
            <Anchor component={Link} to={customerPath(item.customer.id)} inherit data-customer-link>
              {item.customer.name}
            </Anchor>{' '}
            <Text span size="xs" c="dimmed" ff="monospace">
              {item.customer.customerNumber}
            </Text>
          </Text>
          <Text size="xs" c="dimmed">
            {item.product.name} · agent {item.agent.name}
          </Text>
        </>
      ),
    },
    {
      header: 'Sum insured',
      w: 140,
      numeric: true,
      sortField: 'sumInsured',
      firstDirection: 'descending',
      cell: (item) => (
        <Text size="sm" fw={500}>
          {formatSum(item.sumInsured, item.currency)}
        </Text>
      ),
    },
    {
      header: 'Referrals',
      cell: (item) =>
        item.referrals.length === 0 ? (
          <Text size="sm" c="dimmed">
            None
          </Text>
        ) : (
          <Stack gap={2}>
            {item.referrals.map((r) => (
              <Tooltip key={r.code} label={r.message} multiline w={260} withArrow>
                <Badge color="orange" variant="light" size="sm" style={{ cursor: 'help' }}>
                  {r.code.replace(/_/g, ' ').toLowerCase()}
                </Badge>
              </Tooltip>
            ))}
          </Stack>
        ),
    },
    {
      header: 'Waiting',
      w: 120,
      sortField: 'submittedAt',
      cell: (item) => (
        <>
          <Text size="sm" fw={item.ageBusinessDays >= 5 ? 700 : undefined} c={item.ageBusinessDays >= 5 ? 'red' : undefined}>
            {waitingFor(item.ageBusinessDays)}
          </Text>
          {item.submittedAt && (
            <Text size="xs" c="dimmed">
              since {formatDateTime(item.submittedAt)}
            </Text>
          )}
        </>
      ),
    },
    {
      header: 'Underwriter',
      w: 170,
      cell: (item) =>
        item.underwriter ? (
          <Stack gap={2}>
            <Text size="sm">{isMine(item) ? 'You' : item.underwriter.name}</Text>
            <OrderStatusBadge status={item.status} />
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            Not taken yet
          </Text>
        ),
    },
    {
      header: 'Next step',
      priority: 'key',
      w: 140,
      cell: (item) => (
        <Group justify="flex-end">
          {item.status === 'submitted' ? (
            <StartReviewButton item={item} />
          ) : (
            <Button component={Link} to={orderPath(item.id)} size="xs" variant={isMine(item) ? 'light' : 'default'} rightSection={<IconArrowRight size={14} />}>
              {isMine(item) ? 'Continue' : 'Open'}
            </Button>
          )}
        </Group>
      ),
    },
  ];
}

/** The work list: what is urgent first; the next step on each line. */
export function UnderwritingQueueTable({ items, sort }: { items: UnderwritingQueueItem[]; sort?: ListSort }) {
  const me = useCurrentUser();
  return (
    <RecordTable
      aria-label="Underwriting queue"
      minWidth={1080}
      rows={items}
      columns={queueColumns(me.id)}
      sort={sort}
      rowLabel={(item) => item.orderNumber}
      idPrefix="queue"
      rowProps={(item) => ({ 'data-priority': item.priority })}
    />
  );
}
