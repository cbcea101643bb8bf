import type { KpiFigure, KpiQuery } from '@contracts/analytics';
import { LineChart } from '@mantine/charts';
import { Modal, Stack, Table, Text } from '@mantine/core';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { useKpiTrend } from '../api/get-kpis';
import { basisLabel, formatKpiValue, monthLabel, targetLabel } from '../kpi-format';

/** Figures on a fixed scale keep it, so a month of 4.9 / 5 does not look like a peak. */
const Y_SCALES: Partial<Record<KpiFigure['unit'], number[]>> = { score: [0, 1, 2, 3, 4, 5], ratio: [0, 0.25, 0.5, 0.75, 1] };

interface Props {
  figure: KpiFigure;
  query: KpiQuery;
  opened: boolean;
  onClose: () => void;
}

/** One KPI month by month over the page's period and filters: a line with the target, and the same figures as a table. */
export function KpiTrendModal({ figure, query, opened, onClose }: Props) {
  const trend = useKpiTrend(figure.key, query, opened);
  const format = (value: number) => formatKpiValue(figure.unit, value, figure.currency);
  const target = targetLabel(figure.unit, figure.target, figure.currency);
  const scale = Y_SCALES[figure.unit];
  return (
    <Modal opened={opened} onClose={onClose} title={`${figure.title} by month`} size="xl">
      {trend.isPending ? (
        <LoadingState label="Computing each month…" />
      ) : trend.isError ? (
        <ErrorState error={trend.error} onRetry={() => void trend.refetch()} />
      ) : (
        <Stack gap="md">
          {target && (
            <Text size="sm" c="dimmed">
              {target}
            </Text>
          )}
          {/* The chart is for the eye; the table below says the same to everyone. */}
          <div aria-hidden>
            <LineChart
              h={260}
              data={trend.data.points.map((p) => ({ month: monthLabel(p.month), value: p.value }))}
              dataKey="month"
              series={[{ name: 'value', label: figure.title, color: 'blue.6' }]}
              referenceLines={figure.target ? [{ y: figure.target.value, label: 'Target', color: 'red.6' }] : []}
              valueFormatter={format}
              yAxisProps={{ width: 110, ...(scale ? { domain: [scale[0]!, scale.at(-1)!], ticks: scale } : {}) }}
              withDots
            />
          </div>
          <Table striped aria-label={`${figure.title} by month`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Month</Table.Th>
                <Table.Th>Figure</Table.Th>
                <Table.Th>Based on</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {trend.data.points.map((p) => (
                <Table.Tr key={p.month}>
                  <Table.Td>{monthLabel(p.month)}</Table.Td>
                  <Table.Td>{formatKpiValue(figure.unit, p.value, figure.currency)}</Table.Td>
                  <Table.Td>{basisLabel({ ...figure, numerator: p.numerator, denominator: p.denominator }) ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Modal>
  );
}
