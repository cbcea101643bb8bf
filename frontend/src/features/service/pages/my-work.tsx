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
import { customerOverviewQueryOptions, customerPath } from '@/features/customers';
import { formatDateTime } from '@/lib/format-date';
import { useMyWork } from '../api/get-my-work';
import { CompleteTaskDialog } from '../components/CompleteTaskDialog';
import { LogCallModal, type CallCustomer } from '../components/LogCallModal';
import { PRIORITY_LABELS } from '../service-labels';
import { casePath } from '../service-paths';

function DueFlag({ item }: { item: MyWorkItem }) {
  if (item.overdue) return <Badge color="red">Overdue</Badge>;
  if (item.atRisk) return <Badge color="yellow">At risk</Badge>;
  return null;
}

/** /my-work — the agent's open tasks and cases, what falls due first, overdue and at-risk highlighted; log a call from here. */
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

  return (
    <Stack>
      <PageHeader
        title="My work"
        description="Your open tasks and cases, what falls due first at the top (a case by the first of its SLA clocks to fall due). At risk: due within the next four business hours."
        actions={
          <Button leftSection={<IconPhonePlus size={16} />} onClick={() => setLogging(true)}>
            Log a call
          </Button>
        }
      />
      {counts && (
        <Text size="sm" c="dimmed" aria-label="Counts">
          {counts.open} open · {counts.overdue} overdue · {counts.atRisk} at risk
        </Text>
      )}
      <Paper withBorder>
        {query.isPending ? (
          <LoadingState label="Loading your work…" />
        ) : query.error ? (
          <Stack p="md">
            <ErrorState error={query.error} onRetry={() => void query.refetch()} />
          </Stack>
        ) : query.data.items.length === 0 ? (
          <EmptyState title="Nothing waiting for you" description="Tasks and cases assigned to you appear here, what falls due first at the top." />
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="sm" aria-label="My work">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Due</Table.Th>
                  <Table.Th>Task</Table.Th>
                  <Table.Th>Customer</Table.Th>
                  <Table.Th>Priority</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((item) => {
                  const record = item.kind === 'task' ? item.task : item.case;
                  return (
                    <Table.Tr key={record.id}>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Text size="sm">{item.dueAt ? formatDateTime(item.dueAt) : 'Paused'}</Text>
                          <DueFlag item={item} />
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        {item.kind === 'task' ? (
                          item.task.title
                        ) : (
                          <>
                            <Badge variant="light" mr="xs">
                              Case {item.case.caseNumber}
                            </Badge>
                            <Anchor component={Link} to={casePath(item.case.id)} size="sm">
                              {item.case.subject}
                            </Anchor>
                          </>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {record.customer ? (
                          <Anchor component={Link} to={customerPath(record.customer.id)} size="sm">
                            {record.customer.name}
                          </Anchor>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td>{PRIORITY_LABELS[record.priority]}</Table.Td>
                      <Table.Td ta="right">
                        {item.kind === 'task' && (
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
