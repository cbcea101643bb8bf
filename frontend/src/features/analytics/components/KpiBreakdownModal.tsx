import { KPI_BREAKDOWN_DIMENSIONS, type KpiBreakdownDimension, type KpiFigure, type KpiQuery } from '@contracts/analytics';
import { BarChart } from '@mantine/charts';
import { Button, Modal, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useKpiBreakdown } from '../api/get-kpis';
import { basisLabel, formatKpiValue, targetLabel } from '../kpi-format';
import { KpiRowsModal } from './KpiRowsModal';

const LABELS: Record<KpiBreakdownDimension, string> = { branch: 'By branch', product: 'By product', agent: 'By agent' };
const FILTER: Record<KpiBreakdownDimension, 'branchId' | 'productId' | 'agentId'> = { branch: 'branchId', product: 'productId', agent: 'agentId' };

interface Props {
  figure: KpiFigure;
  query: KpiQuery;
  onClose: () => void;
}

/** One KPI side by side for each branch, product or agent of the reader's scope: a bar chart with the target as a line, and a table whose figures open their rows. */
export function KpiBreakdownModal({ figure, query, onClose }: Props) {
  const dimensions = KPI_BREAKDOWN_DIMENSIONS.filter((d) => figure.dimensions.includes(d));
  const [by, setBy] = useState<KpiBreakdownDimension>(dimensions[0] ?? 'branch');
  const [member, setMember] = useState<{ id: string; name: string } | null>(null);
  const breakdown = useKpiBreakdown(figure.key, query, by, true);
  const format = (value: number) => formatKpiValue(figure.unit, value, figure.currency);
  const target = targetLabel(figure.unit, figure.target, figure.currency);
  return (
    <Modal opened onClose={onClose} title={`${figure.title} side by side`} size="xl">
      <Stack gap="md">
        <SegmentedControl
          aria-label="Break down by"
          value={by}
          onChange={(v) => setBy(v as KpiBreakdownDimension)}
          data={dimensions.map((d) => ({ value: d, label: LABELS[d] }))}
        />
        {target && (
          <Text size="sm" c="dimmed">
            {target}
          </Text>
        )}
        {breakdown.isPending ? (
          <LoadingState label="Computing each one…" />
        ) : breakdown.isError ? (
          <ErrorState error={breakdown.error} onRetry={() => void breakdown.refetch()} />
        ) : breakdown.data.items.length === 0 ? (
          <Text>Nothing was counted in this period and scope.</Text>
        ) : (
          <>
            <div aria-hidden>
              <BarChart
                h={Math.max(160, breakdown.data.items.length * 36)}
                orientation="vertical"
                data={breakdown.data.items.map((i) => ({ name: i.name, value: i.value }))}
                dataKey="name"
                series={[{ name: 'value', label: figure.title, color: 'blue.6' }]}
                referenceLines={figure.target ? [{ x: figure.target.value, label: 'Target', color: 'red.6' }] : []}
                valueFormatter={format}
                yAxisProps={{ width: 140 }}
              />
            </div>
            <Table striped aria-label={`${figure.title} ${LABELS[by].toLowerCase()}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{LABELS[by].replace('By ', '').replace(/^./, (c) => c.toUpperCase())}</Table.Th>
                  <Table.Th>Figure</Table.Th>
                  <Table.Th>Based on</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {breakdown.data.items.map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td>{i.name}</Table.Td>
                    <Table.Td>
                      <Button variant="subtle" size="compact-sm" onClick={() => setMember(i)} aria-label={`Rows behind ${figure.title} for ${i.name}`}>
                        {formatKpiValue(figure.unit, i.value, figure.currency)}
                      </Button>
                    </Table.Td>
                    <Table.Td>{basisLabel({ ...figure, numerator: i.numerator, denominator: i.denominator }) ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
                <Table.Tr>
                  <Table.Td fw={600}>All</Table.Td>
                  <Table.Td fw={600}>{formatKpiValue(figure.unit, breakdown.data.total.value, figure.currency)}</Table.Td>
                  <Table.Td>{basisLabel({ ...figure, numerator: breakdown.data.total.numerator, denominator: breakdown.data.total.denominator }) ?? '—'}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </>
        )}
      </Stack>
      {member && <KpiRowsModal figure={figure} query={{ ...query, [FILTER[by]]: member.id }} opened onClose={() => setMember(null)} />}
    </Modal>
  );
}
