import type { HealthAlert, HealthOverview } from '@contracts/system';
import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { formatDateTime } from '@/lib/format-date';
import { useHealthOverview } from '../api/get-health-overview';
import { alertTitle, formatAge, sortAlerts } from '../health-format';

const Unreadable = () => (
  <Text c="dimmed" size="sm">
    Could not be read just now (the database did not answer in time).
  </Text>
);

function Figure({ label, value, tone }: { label: string; value: string; tone?: 'red' | 'orange' | 'green' }) {
  return (
    <Paper withBorder p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={tone}>
        {value}
      </Text>
    </Paper>
  );
}

function AlertsPanel({ alerts }: { alerts: HealthAlert[] }) {
  const firing = alerts.filter((a) => a.firing === true);
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Alerts
      </Title>
      {firing.length === 0 ? (
        <Alert color="green" icon={<IconCircleCheck size={18} />} title="No alert firing">
          Of the rules this server can evaluate from the current figures. Response time, error rate and instance availability are evaluated by Prometheus.
        </Alert>
      ) : (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title={`${firing.length} alert${firing.length > 1 ? 's' : ''} firing`}>
          {firing.map((a) => alertTitle(a.name)).join(', ')}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={900}>
        <Table striped aria-label="Alert rules">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Rule</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Threshold</Table.Th>
              <Table.Th>Now</Table.Th>
              <Table.Th>Runbook</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sortAlerts(alerts).map((a) => (
              <Table.Tr key={a.name}>
                <Table.Td>
                  <Text fw={600}>{alertTitle(a.name)}</Text>
                  <Text size="xs" c="dimmed">
                    {a.summary}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {a.firing === true ? (
                    <Badge color={a.severity === 'critical' ? 'red' : 'orange'}>Firing · {a.severity}</Badge>
                  ) : a.firing === false ? (
                    <Badge color="green" variant="light">
                      OK
                    </Badge>
                  ) : (
                    <Badge color="gray" variant="light">
                      {a.evaluatedBy === 'prometheus' ? 'In Prometheus' : 'Unknown'}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{a.threshold}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{a.detail ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{a.runbook}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function QueuesPanel({ queues }: { queues: HealthOverview['queues'] }) {
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Job queues
      </Title>
      {queues === null ? (
        <Unreadable />
      ) : queues.length === 0 ? (
        <EmptyState title="No job queues" description="Queues appear once the job tables are installed at start-up." />
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped aria-label="Job queues">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Queue</Table.Th>
                <Table.Th>Waiting</Table.Th>
                <Table.Th>Running</Table.Th>
                <Table.Th>Scheduled</Table.Th>
                <Table.Th>Failed (last hour)</Table.Th>
                <Table.Th>Last completed</Table.Th>
                <Table.Th>Last failed</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {queues.map((q) => (
                <Table.Tr key={q.queue}>
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {q.queue}
                    </Text>
                  </Table.Td>
                  <Table.Td>{q.waiting}</Table.Td>
                  <Table.Td>{q.active}</Table.Td>
                  <Table.Td>{q.scheduled}</Table.Td>
                  <Table.Td>{q.failedLastHour > 0 ? <Badge color="red">{q.failedLastHour}</Badge> : 0}</Table.Td>
                  <Table.Td>{q.lastCompletedAt ? formatDateTime(q.lastCompletedAt) : '—'}</Table.Td>
                  <Table.Td>{q.lastFailedAt ? formatDateTime(q.lastFailedAt) : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function Overview({ data }: { data: HealthOverview }) {
  const { instance, outbox, slaBreaches } = data;
  const breaches = slaBreaches?.reduce((sum, b) => sum + b.open, 0);
  return (
    <Stack gap="xl">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Figure label="This instance" value={instance.ready ? 'Ready' : instance.shuttingDown ? 'Shutting down' : 'Not ready'} tone={instance.ready ? 'green' : 'red'} />
        <Figure label="Database" value={instance.database === 'up' ? 'Up' : 'Down'} tone={instance.database === 'up' ? 'green' : 'red'} />
        <Figure
          label="Outbox backlog"
          value={outbox ? `${outbox.backlog}${outbox.oldestDueAgeSeconds > 0 ? ` · oldest ${formatAge(outbox.oldestDueAgeSeconds)} late` : ''}` : '—'}
          tone={outbox && outbox.oldestDueAgeSeconds > 600 ? 'orange' : undefined}
        />
        <Figure label="Open SLA breaches" value={breaches === undefined ? '—' : String(breaches)} tone={breaches ? 'orange' : undefined} />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        Version {instance.version} · up {formatAge(instance.uptimeSeconds)} · memory {Math.round(instance.memoryBytes / 1024 / 1024)} MB · checked {formatDateTime(data.checkedAt)}{' '}
        (every 30 s). Readiness is the instance that answered; the other figures come from the database and are the same on every instance.
      </Text>
      <AlertsPanel alerts={data.alerts} />
      <QueuesPanel queues={data.queues} />
      {slaBreaches && slaBreaches.length > 0 && (
        <Stack gap="sm">
          <Title order={2} size="h4">
            Open SLA breaches by queue
          </Title>
          <Table striped aria-label="Open SLA breaches" maw={600}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Queue (branch)</Table.Th>
                <Table.Th>Clock</Table.Th>
                <Table.Th>Open cases</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {slaBreaches.map((b) => (
                <Table.Tr key={`${b.queue}/${b.metric}`}>
                  <Table.Td>{b.queue}</Table.Td>
                  <Table.Td>{b.metric.replace('_', ' ')}</Table.Td>
                  <Table.Td>{b.open}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}

export function HealthPage() {
  const { data, error, isPending, refetch } = useHealthOverview();
  return (
    <Stack gap="lg" maw={1280}>
      <PageHeader
        title="System health"
        description={
          <Group gap={4}>
            <Text c="dimmed" size="sm">
              Readiness, job queues, the outbox and the alert rules Prometheus watches, at a glance.
            </Text>
          </Group>
        }
      />
      {isPending ? <LoadingState label="Checking…" /> : error ? <ErrorState error={error} onRetry={() => void refetch()} /> : <Overview data={data} />}
    </Stack>
  );
}
