import type { ReportExport } from '@contracts/reports';
import { Badge, Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { formatDateTime } from '@/lib/format-date';
import { notifyProblem } from '@/lib/notify';
import { downloadExport, useReportExports } from '../api/reports';
import { FILE_FORMAT_LABELS } from './format-labels';

const STATUS: Record<ReportExport['status'], { label: string; color: string }> = {
  queued: { label: 'Queued', color: 'gray' },
  running: { label: 'Writing', color: 'blue' },
  done: { label: 'Ready', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
};

const rowsWord = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`;

function sizeText(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function Progress({ item }: { item: ReportExport }) {
  if (item.status === 'failed') return <Text size="sm">{item.error?.message}</Text>;
  if (item.status === 'done') return <Text size="sm">{`${rowsWord(item.rowsWritten)}, ${sizeText(item.sizeBytes)}`}</Text>;
  if (item.status === 'running') return <Text size="sm">{`${rowsWord(item.rowsWritten)} written so far…`}</Text>;
  return (
    <Text size="sm" c="dimmed">
      Waiting to start…
    </Text>
  );
}

/** The user's exports, newest first, with live progress (polled while any is being written) and downloads. */
export function ExportsTable() {
  const query = useReportExports();
  if (query.isPending) return <LoadingState label="Loading your exports…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data.items.length) return <EmptyState title="No exports yet" description="Export a report above: the file appears here, kept for 7 days." />;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" aria-label="Your exports">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Report</Table.Th>
            <Table.Th>Format</Table.Th>
            <Table.Th>Requested</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Progress</Table.Th>
            <Table.Th>
              <VisuallyHidden>Download</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {query.data.items.map((item) => (
            <Table.Tr key={item.id} data-export-status={item.status}>
              <Table.Td>{item.reportTitle}</Table.Td>
              <Table.Td>{FILE_FORMAT_LABELS[item.format]}</Table.Td>
              <Table.Td>{formatDateTime(item.requestedAt)}</Table.Td>
              <Table.Td>
                <Badge color={item.expired ? 'gray' : STATUS[item.status].color} variant="light">
                  {item.expired && item.status === 'done' ? 'Expired' : STATUS[item.status].label}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Progress item={item} />
              </Table.Td>
              <Table.Td>
                {item.status === 'done' && !item.expired && (
                  <Button
                    size="xs"
                    variant="light"
                    aria-label={`Download ${item.fileName}`}
                    onClick={() => void downloadExport(item).catch((error) => notifyProblem(error, 'Could not download the export'))}
                  >
                    Download
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
