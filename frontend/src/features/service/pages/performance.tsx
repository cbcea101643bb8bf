import { Group, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import dayjs from 'dayjs';
import { useState } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { useServiceMetrics } from '../api/get-service-metrics';
import { csatText, hoursText, metricsRowsInOrder, npsText, percentText } from '../metrics-view';

const ISO = 'YYYY-MM-DD';

/**
 * /service-performance — agent performance over a period: interactions, cases opened and resolved,
 * first-contact resolution, median response and resolution times, SLA hit rate, CSAT and NPS.
 * Agents see their own row; senior agents and managers every agent and branch they look after.
 */
export function ServicePerformancePage() {
  const [from, setFrom] = useState(() => dayjs().subtract(29, 'day').format(ISO));
  const [to, setTo] = useState(() => dayjs().format(ISO));
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const query = useServiceMetrics(valid ? { from, to } : { from: to, to });
  return (
    <Stack>
      <PageHeader
        title="Service performance"
        description="Per agent and branch over the period. Response and resolution times in business hours; CSAT of 5 (satisfied: 4–5); NPS: % promoters (9–10) − % detractors (0–6) of the relationship surveys answered about the agent’s policies."
      />
      <Group align="flex-end">
        <TextInput type="date" label="From" value={from} max={to} onChange={(e) => setFrom(e.currentTarget.value)} error={valid ? undefined : 'On or before the end'} />
        <TextInput type="date" label="To" value={to} min={from} onChange={(e) => setTo(e.currentTarget.value)} />
      </Group>
      {query.isPending ? (
        <LoadingState label="Loading the figures…" />
      ) : query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState title="No figures" description="Nothing was handled in the period." />
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={1100}>
            <Table aria-label="Service performance" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Agent or branch</Table.Th>
                  <Table.Th ta="right">Interactions</Table.Th>
                  <Table.Th ta="right">Cases opened</Table.Th>
                  <Table.Th ta="right">Cases resolved</Table.Th>
                  <Table.Th ta="right">First-contact resolution</Table.Th>
                  <Table.Th ta="right">Median first response</Table.Th>
                  <Table.Th ta="right">Median resolution</Table.Th>
                  <Table.Th ta="right">SLA hit rate</Table.Th>
                  <Table.Th>CSAT</Table.Th>
                  <Table.Th>NPS</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {metricsRowsInOrder(query.data.items).map((row) => (
                  <Table.Tr key={`${row.kind}:${row.id}`}>
                    <Table.Td>
                      <Text size="sm" fw={row.kind === 'branch' ? 600 : undefined}>
                        {row.name}
                      </Text>
                      {row.kind === 'branch' && (
                        <Text size="xs" c="dimmed">
                          Branch
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{row.interactions}</Table.Td>
                    <Table.Td ta="right">{row.casesOpened}</Table.Td>
                    <Table.Td ta="right">{row.casesResolved}</Table.Td>
                    <Table.Td ta="right">{percentText(row.firstContactResolutionRate)}</Table.Td>
                    <Table.Td ta="right">{hoursText(row.medianFirstResponseHours)}</Table.Td>
                    <Table.Td ta="right">{hoursText(row.medianResolutionHours)}</Table.Td>
                    <Table.Td ta="right">{percentText(row.slaHitRate)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{csatText(row.csat)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{npsText(row.nps)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
