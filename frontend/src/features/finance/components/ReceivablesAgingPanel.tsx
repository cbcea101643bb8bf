import type { AgeingBucket } from '@contracts/billing';
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { useReceivablesAging } from '../api/finance';

const BUCKET_LABELS: Record<AgeingBucket, string> = { current: 'Current', '1-30': '1–30 days', '31-60': '31–60 days', '61-90': '61–90 days', '90+': 'Over 90 days' };

/** Receivables ageing: open premium per currency by days past due today; the invoices behind it are the aged receivables report. */
export function ReceivablesAgingPanel() {
  const query = useReceivablesAging();
  if (query.isPending) return <LoadingState label="Loading the receivables…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const { asOf, currencies } = query.data;
  if (currencies.length === 0) return <EmptyState title="Nothing receivable" description="Every invoice is paid." />;
  const buckets = currencies[0]!.buckets.map((b) => b.bucket);
  return (
    <>
      <Text size="sm" c="dimmed" mb="xs">
        Open premium by days past due on {formatDate(asOf)}. The invoice by invoice list is the{' '}
        <Anchor component={Link} to="/reports" size="sm" underline="always">
          aged receivables report
        </Anchor>
        .
      </Text>
      <Table.ScrollContainer minWidth={720}>
        <Table verticalSpacing={6} aria-label="Receivables aging">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Currency</Table.Th>
              {buckets.map((b) => (
                <Table.Th key={b} ta="right">
                  {BUCKET_LABELS[b]}
                </Table.Th>
              ))}
              <Table.Th ta="right">Total</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {currencies.map((c) => (
              <Table.Tr key={c.currency}>
                <Table.Td>
                  <Text size="sm">{c.currency}</Text>
                  <Text size="xs" c="dimmed">
                    {c.invoices} {c.invoices === 1 ? 'invoice' : 'invoices'}
                  </Text>
                </Table.Td>
                {c.buckets.map((b) => (
                  <Table.Td key={b.bucket} ta="right">
                    {formatMoney(b.amount, c.currency)}
                  </Table.Td>
                ))}
                <Table.Td ta="right" fw={600}>
                  {formatMoney(c.total, c.currency)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}
