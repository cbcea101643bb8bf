import type { UnderwritingQueueItem } from '@contracts/orders';
import { Anchor, Badge, Button, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { IconArrowRight, IconPlayerPlay } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { AmountCell } from '@/components/RecordCells';
import { orderPath, OrderStatusBadge, stepProblem } from '@/features/orders';
import { formatSum } from '@/features/quotes';
import { useCurrentUser } from '@/lib/auth/auth-context';
import { formatDateTime } from '@/lib/format-date';
import { notifyProblem } from '@/lib/notify';
import { useStartReview } from '../api/start-review';

function waiting(days: number): string {
  return days === 0 ? 'Today' : `${days} business ${days === 1 ? 'day' : 'days'}`;
}

function StartReviewButton({ item }: { item: UnderwritingQueueItem }) {
  const navigate = useNavigate();
  const mutation = useStartReview({
    onSuccess: (order) => navigate(orderPath(order.id)),
    onError: (error) => notifyProblem(error, `${item.orderNumber}: ${stepProblem(error).title}`),
  });
  return (
    <Button size="xs" leftSection={<IconPlayerPlay size={14} />} loading={mutation.isPending} onClick={() => mutation.mutate({ order: { id: item.id } })} aria-label={`Start review of ${item.orderNumber}`}>
      Start review
    </Button>
  );
}

/** The work list: what is urgent first; the next step on each line. */
export function UnderwritingQueueTable({ items }: { items: UnderwritingQueueItem[] }) {
  const me = useCurrentUser();
  return (
    <Table.ScrollContainer minWidth={1080} type="native">
      <Table verticalSpacing="sm" highlightOnHover aria-label="Underwriting queue">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={90}>Priority</Table.Th>
            <Table.Th w={110}>Application</Table.Th>
            <Table.Th>Customer and product</Table.Th>
            <Table.Th w={130} ta="right">
              Sum insured
            </Table.Th>
            <Table.Th>Referrals</Table.Th>
            <Table.Th w={120}>Waiting</Table.Th>
            <Table.Th w={170}>Underwriter</Table.Th>
            <Table.Th w={140} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => {
            const mine = item.underwriter?.id === me.id;
            return (
              <Table.Tr key={item.id} data-priority={item.priority}>
                <Table.Td>
                  {item.priority === 'high' ? (
                    <Badge color="red" variant="filled" size="sm">
                      High
                    </Badge>
                  ) : (
                    <Badge color="gray" variant="light" size="sm">
                      Normal
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={orderPath(item.id)} ff="monospace" size="sm" fw={600}>
                    {item.orderNumber}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {item.customer.name}{' '}
                    <Text span size="xs" c="dimmed" ff="monospace">
                      {item.customer.customerNumber}
                    </Text>
                  </Text>
                  <Text size="xs" c="dimmed">
                    {item.product.name} · agent {item.agent.name}
                  </Text>
                </Table.Td>
                <AmountCell>
                  <Text size="sm" fw={500}>
                    {formatSum(item.sumInsured, item.currency)}
                  </Text>
                </AmountCell>
                <Table.Td>
                  {item.referrals.length === 0 ? (
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
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={item.ageBusinessDays >= 5 ? 700 : undefined} c={item.ageBusinessDays >= 5 ? 'red' : undefined}>
                    {waiting(item.ageBusinessDays)}
                  </Text>
                  {item.submittedAt && (
                    <Text size="xs" c="dimmed">
                      since {formatDateTime(item.submittedAt)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {item.underwriter ? (
                    <Stack gap={2}>
                      <Text size="sm">{mine ? 'You' : item.underwriter.name}</Text>
                      <OrderStatusBadge status={item.status} />
                    </Stack>
                  ) : (
                    <Text size="sm" c="dimmed">
                      Not taken yet
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group justify="flex-end">
                    {item.status === 'submitted' ? (
                      <StartReviewButton item={item} />
                    ) : (
                      <Button component={Link} to={orderPath(item.id)} size="xs" variant={mine ? 'light' : 'default'} rightSection={<IconArrowRight size={14} />}>
                        {mine ? 'Continue' : 'Open'}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
