import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { formatDateTime } from '@/lib/format-date';
import { usePhoneLineMetrics } from '../api/get-phone-line-metrics';
import { METRIC_LABELS, metricRows } from '../line-metrics';

/** The line's figures over its window against its thresholds, and its alert episodes with their tasks. */
export function LineMonitoringPanel({ lineId }: { lineId: string }) {
  const { data, error, isPending, refetch } = usePhoneLineMetrics(lineId);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="line-monitoring-title">
      <Title id="line-monitoring-title" order={2} size="h4" mb="xs">
        Monitoring
      </Title>
      {isPending ? (
        <LoadingState label="Loading figures…" />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            The last {data.windowMinutes} minutes, to {formatDateTime(data.to)}.
          </Text>
          <Table aria-label="Line figures" withRowBorders>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Metric</Table.Th>
                <Table.Th>Now</Table.Th>
                <Table.Th>Threshold</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {metricRows(data).map((row) => (
                <Table.Tr key={row.metric}>
                  <Table.Td>{row.label}</Table.Td>
                  <Table.Td>{row.value}</Table.Td>
                  <Table.Td>{row.threshold}</Table.Td>
                  <Table.Td>
                    {row.breached ? (
                      <Badge color="red" variant="light">
                        Past threshold
                      </Badge>
                    ) : (
                      <Badge color="gray" variant="light">
                        OK
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Stack gap={4}>
            <Title order={3} size="h5">
              Alerts
            </Title>
            {data.alerts.length === 0 ? (
              <Text size="sm" c="dimmed">
                No alert has been raised on this line.
              </Text>
            ) : (
              data.alerts.map((a) => (
                <Group key={a.id} gap="xs" wrap="nowrap">
                  <Badge color={a.clearedAt ? 'gray' : 'red'} variant="light">
                    {a.clearedAt ? 'Cleared' : 'Open'}
                  </Badge>
                  <Text size="sm">
                    {METRIC_LABELS[a.metric]}: {a.value} (threshold {a.threshold}) since {formatDateTime(a.startedAt)}
                    {a.clearedAt ? `, cleared ${formatDateTime(a.clearedAt)}` : ''}
                  </Text>
                  {a.taskId && (
                    <Text size="sm" c="dimmed">
                      · alert task raised
                    </Text>
                  )}
                </Group>
              ))
            )}
          </Stack>
        </Stack>
      )}
    </Paper>
  );
}
