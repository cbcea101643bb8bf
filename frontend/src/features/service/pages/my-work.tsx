import type { MyWorkItem, MyWorkTask } from '@contracts/service';
import type { z } from 'zod';
import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconPhonePlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { CLAIM_LOSS_TYPE_LABELS, CLAIM_STATUS_LABELS, claimPath } from '@/features/claims';
import { customerOverviewQueryOptions, customerPath } from '@/features/customers';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatDateTime } from '@/lib/format-date';
import { useMyWork } from '../api/get-my-work';
import { CompleteTaskDialog } from '../components/CompleteTaskDialog';
import { LogCallModal, type CallCustomer } from '../components/LogCallModal';
import { myWorkRow, type MyWorkLinks } from '../my-work-rows';
import { casePath, SERVICE_PERFORMANCE_PATH } from '../service-paths';

const ROW_LINKS: MyWorkLinks = {
  casePath,
  claimPath,
  customerPath,
  claimStatusLabel: (status) => CLAIM_STATUS_LABELS[status as keyof typeof CLAIM_STATUS_LABELS] ?? status,
  lossTypeLabel: (lossType) => CLAIM_LOSS_TYPE_LABELS[lossType as keyof typeof CLAIM_LOSS_TYPE_LABELS] ?? lossType,
  date: formatDate,
};

function DueFlag({ item }: { item: MyWorkItem }) {
  if (item.overdue) return <Badge color="red">Overdue</Badge>;
  if (item.atRisk) return <Badge color="yellow">At risk</Badge>;
  return null;
}

/** /my-work — the agent's open tasks, cases, assigned claims and requests for information, what falls due first, overdue and at-risk highlighted; log a call from here. */
/** The customer the spotlight's "Log a call" was chosen on (`?customer=`), once loaded. */
function useCallCustomer(id: string | null): CallCustomer | undefined {
  // Usually cached: the agent was on the customer's page when they asked.
  const overview = useQuery({ ...customerOverviewQueryOptions(id ?? ''), enabled: !!id });
  const customer = id ? overview.data?.customer : undefined;
  return customer ? { id: customer.id, name: `${customer.firstName} ${customer.lastName}`, customerNumber: customer.customerNumber } : undefined;
}

export function MyWorkPage() {
  const query = useMyWork();
  const [params, setParams] = useSearchParams();
  // Ctrl/Cmd+K "Log a call" lands here with ?log=call (and the customer that was on screen).
  const [logging, setLogging] = useState(params.get('log') === 'call');
  const customerId = params.get('customer');
  const callCustomer = useCallCustomer(customerId);
  const closeLog = () => {
    setLogging(false);
    if (params.has('log')) setParams('', { replace: true });
  };
  const [completing, setCompleting] = useState<z.infer<typeof MyWorkTask>['task'] | null>(null);
  const counts = query.data?.counts;
  const { can } = useAuth();

  return (
    <Stack>
      <PageHeader
        title="My work"
        description="Your open tasks, cases, claims and requests for information to claimants, what falls due first at the top: a case by the first of its SLA clocks, a claim by its decision target (10 business days after submission), a request at the end of its due date. At risk: due within the next four business hours."
        actions={
          can('interactions:create') && (
            <Button leftSection={<IconPhonePlus size={16} />} onClick={() => setLogging(true)}>
              Log a call
            </Button>
          )
        }
      />
      <Group justify="space-between" gap="xs">
        {counts && (
          <Text size="sm" c="dimmed" aria-label="Counts">
            {counts.open} open · {counts.overdue} overdue · {counts.atRisk} at risk
          </Text>
        )}
        {can('service-metrics:read') && (
          <Anchor component={Link} to={SERVICE_PERFORMANCE_PATH} size="sm">
            Your performance
          </Anchor>
        )}
      </Group>
      <Paper withBorder>
        {query.isPending ? (
          <LoadingState label="Loading your work…" />
        ) : query.error ? (
          <Stack p="md">
            <ErrorState error={query.error} onRetry={() => void query.refetch()} />
          </Stack>
        ) : query.data.items.length === 0 ? (
          <EmptyState
            title="Nothing waiting for you"
            description="Tasks, cases and claims assigned to you, and the requests for information you follow up, appear here, what falls due first at the top."
          />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" aria-label="My work">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Due</Table.Th>
                  <Table.Th>Work</Table.Th>
                  <Table.Th>Customer</Table.Th>
                  <Table.Th>Priority or status</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((item) => {
                  const row = myWorkRow(item, ROW_LINKS);
                  return (
                    <Table.Tr key={row.key}>
                      <Table.Td>
                        <Group gap={4}>
                          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                            {item.dueAt ? formatDateTime(item.dueAt) : row.undated}
                          </Text>
                          <DueFlag item={item} />
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        {row.badge && (
                          <Badge variant="light" mr="xs" color={item.kind === 'case' ? undefined : 'grape'}>
                            {row.badge}
                          </Badge>
                        )}
                        {row.to ? (
                          <Anchor component={Link} to={row.to} size="sm">
                            {row.title}
                          </Anchor>
                        ) : (
                          row.title
                        )}
                      </Table.Td>
                      <Table.Td>
                        {row.customer?.to ? (
                          <Anchor component={Link} to={row.customer.to} size="sm">
                            {row.customer.name}
                          </Anchor>
                        ) : (
                          (row.customer?.name ?? '—')
                        )}
                      </Table.Td>
                      <Table.Td>{row.detail}</Table.Td>
                      <Table.Td ta="right">
                        {item.kind === 'task' && can('tasks:write') && (
                          <Button size="xs" variant="light" onClick={() => setCompleting(item.task)}>
                            Mark done
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <LogCallModal opened={logging && (!customerId || !!callCustomer)} onClose={closeLog} customer={callCustomer} />
      <CompleteTaskDialog task={completing} onClose={() => setCompleting(null)} />
    </Stack>
  );
}
