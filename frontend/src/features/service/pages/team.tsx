import { Anchor, Badge, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { formatDateTime } from '@/lib/format-date';
import { useTeam } from '../api/get-team';
import { LEVEL_LABELS } from '../service-labels';
import { casePath, SERVICE_PERFORMANCE_PATH } from '../service-paths';

/** /team — senior agents and managers: per agent of the branch (and its queue), open work, at risk and breached; those items. */
export function TeamPage() {
  const query = useTeam();
  return (
    <Stack>
      <PageHeader
        title="Team queue"
        description="Open cases and tasks of your branch per agent; at risk: due within the next four business hours; breached: past an SLA target or due time."
        actions={
          <Button component={Link} to={SERVICE_PERFORMANCE_PATH} variant="light">
            Team performance
          </Button>
        }
      />
      {query.isPending ? (
        <LoadingState label="Loading the team…" />
      ) : query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          <Paper withBorder>
            <Table aria-label="Team">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Agent</Table.Th>
                  <Table.Th>Open cases</Table.Th>
                  <Table.Th>Open tasks</Table.Th>
                  <Table.Th>At risk</Table.Th>
                  <Table.Th>Breached</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[
                  ...query.data.members.map((m) => ({ key: m.agent.id, name: `${m.agent.name} (${LEVEL_LABELS[m.role as 'agent'] ?? m.role})`, ...m })),
                  { key: 'queue', name: 'Branch queue', ...query.data.queue },
                ].map((row) => (
                  <Table.Tr key={row.key}>
                    <Table.Td>{row.name}</Table.Td>
                    <Table.Td>{row.openCases}</Table.Td>
                    <Table.Td>{row.openTasks}</Table.Td>
                    <Table.Td>{row.atRisk ? <Badge color="yellow">{row.atRisk}</Badge> : 0}</Table.Td>
                    <Table.Td>{row.breached ? <Badge color="red">{row.breached}</Badge> : 0}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
          <Title order={2} size="h4">
            At risk and breached
          </Title>
          <Paper withBorder>
            {query.data.items.length === 0 ? (
              <EmptyState title="Nothing at risk" description="Cases and tasks about to breach or past their targets appear here." />
            ) : (
              <Table.ScrollContainer minWidth={600}>
                <Table aria-label="At risk and breached">
                  <Table.Tbody>
                    {query.data.items.map((item) => {
                      const record = item.kind === 'case' ? item.case : item.task;
                      return (
                        <Table.Tr key={record.id}>
                          <Table.Td>{item.overdue ? <Badge color="red">Breached</Badge> : <Badge color="yellow">At risk</Badge>}</Table.Td>
                          <Table.Td style={{ whiteSpace: 'nowrap' }}>{item.dueAt ? formatDateTime(item.dueAt) : '—'}</Table.Td>
                          <Table.Td>
                            {item.kind === 'case' ? (
                              <Anchor component={Link} to={casePath(item.case.id)}>
                                {item.case.caseNumber} {item.case.subject}
                              </Anchor>
                            ) : (
                              item.task.title
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{record.assignee?.name ?? 'Branch queue'}</Text>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Paper>
        </>
      )}
    </Stack>
  );
}
