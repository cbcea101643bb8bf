import type { KpiFigure, KpiQuery, KpiRows } from '@contracts/analytics';
import { Anchor, Button, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { formatMoney } from '@/lib/money';
import { useExportKpiRows, useKpiRows } from '../api/get-kpis';

interface Props {
  figure: KpiFigure;
  query: KpiQuery;
  opened: boolean;
  onClose: () => void;
}

function cell(type: KpiRows['columns'][number]['type'], value: unknown, currency: unknown): string {
  if (value === null || value === undefined) return '—';
  if (type === 'money') return formatMoney(Number(value), typeof currency === 'string' ? currency : 'USD');
  if (type === 'boolean') return value ? 'Yes' : 'No';
  if (type === 'datetime') return new Date(String(value)).toLocaleString();
  return String(value);
}

/** The rows behind a KPI's figure (the same scope and filters), page after page, and their export to Excel or CSV. */
export function KpiRowsModal({ figure, query, opened, onClose }: Props) {
  const rows = useKpiRows(figure.key, query, opened);
  const exporting = useExportKpiRows();
  const first = rows.data?.pages[0];
  const items = rows.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Modal opened={opened} onClose={onClose} title={`${figure.title}: the rows behind it`} size="90%">
      {rows.isPending ? (
        <LoadingState label="Finding the rows…" />
      ) : rows.isError ? (
        <ErrorState error={rows.error} onRetry={() => void rows.refetch()} />
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {first?.rows}
          </Text>
          <Group>
            {(['xlsx', 'csv'] as const).map((format) => (
              <Button
                key={format}
                size="xs"
                variant="light"
                loading={exporting.isPending && exporting.variables?.format === format}
                onClick={() => exporting.mutate({ report: first!.report, query, format })}
              >
                Export to {format === 'xlsx' ? 'Excel' : 'CSV'}
              </Button>
            ))}
            {exporting.isSuccess && (
              <Text size="sm" role="status">
                Export queued: follow it and download it on the{' '}
                <Anchor component={Link} to="/reports">
                  Reports
                </Anchor>{' '}
                page.
              </Text>
            )}
            {exporting.isError && <ErrorState error={exporting.error} />}
          </Group>
          {items.length === 0 ? (
            <Text>No rows: nothing was counted in this period and scope.</Text>
          ) : (
            <ScrollArea>
              <Table striped aria-label={`Rows behind ${figure.title}`}>
                <Table.Thead>
                  <Table.Tr>
                    {first!.columns.map((c) => (
                      <Table.Th key={c.key}>{c.header}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((row) => (
                    <Table.Tr key={String(row.id)}>
                      {first!.columns.map((c) => (
                        <Table.Td key={c.key}>{cell(c.type, row[c.key], row.currency)}</Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          )}
          {rows.hasNextPage && (
            <Button variant="subtle" onClick={() => void rows.fetchNextPage()} loading={rows.isFetchingNextPage}>
              Load more
            </Button>
          )}
        </Stack>
      )}
    </Modal>
  );
}
