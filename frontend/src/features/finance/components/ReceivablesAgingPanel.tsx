import type { AgeingBucket } from '@contracts/billing';
import { Anchor, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { useReceivablesAging } from '../api/finance';

const BUCKET_LABELS: Record<AgeingBucket, string> = { current: 'Current', '1-30': '1–30 days', '31-60': '31–60 days', '61-90': '61–90 days', '90+': 'Over 90 days' };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Receivables ageing as of a day (the server's today until another day is typed; a day to come is refused); the invoices behind it are the aged receivables report. */
export function ReceivablesAgingPanel() {
  // null: the business date (the server's today), shown in the field once it answers.
  const [typed, setTyped] = useState<string | null>(null);
  const query = useReceivablesAging(typed === null ? undefined : ISO_DATE.test(typed) ? typed : null);
  return (
    <Stack gap="xs">
      <TextInput
        label="As of"
        description="The receivables as they stood at the end of this day"
        type="date"
        w={200}
        value={typed ?? query.data?.asOf ?? ''}
        onChange={(e) => setTyped(e.currentTarget.value)}
        error={typed === null || ISO_DATE.test(typed) ? undefined : 'Use the format YYYY-MM-DD'}
      />
      <AgingTable query={query} />
    </Stack>
  );
}

function AgingTable({ query }: { query: ReturnType<typeof useReceivablesAging> }) {
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return query.fetchStatus === 'idle' ? null : <LoadingState label="Loading the receivables…" />;
  const { asOf, currencies } = query.data;
  if (currencies.length === 0) return <EmptyState title="Nothing receivable" description={`Nothing was owed on ${formatDate(asOf)}.`} />;
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
