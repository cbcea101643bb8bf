import type { WriteOffProposal } from '@contracts/collections';
import { Button, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { CustomerName, RecordNumberLink } from '@/components/RecordCells';
import { type RecordColumn, RecordTable } from '@/components/RecordTable';
import { WriteOffModal } from '@/features/billing';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { collectionsKeys, useWriteOffProposals } from '../api/collections';

type Row = WriteOffProposal & { id: string };

function columns(canWriteOff: boolean, onWriteOff: (row: Row) => void): RecordColumn<Row>[] {
  return [
    { header: 'Invoice', priority: 'key', w: 120, cell: (row) => <RecordNumberLink to={`/policies/${row.policyId}`} number={row.invoiceNumber} /> },
    {
      header: 'Customer',
      priority: 'key',
      cell: (row) => <CustomerName customer={row.customer} />,
    },
    { header: 'Open', priority: 'key', numeric: true, w: 120, cell: (row) => formatMoney(row.openAmount, row.currency) },
    {
      header: 'Due',
      w: 170,
      cell: (row) => (
        <Text size="sm">
          {formatDate(row.dueDate)} ({row.daysPastDue} days)
        </Text>
      ),
    },
    ...(canWriteOff
      ? [
          {
            header: 'Actions',
            label: 'Write off',
            w: 170,
            cell: (row: Row) =>
              row.withinYourLimit ? (
                <Button size="xs" variant="light" onClick={() => onWriteOff(row)} aria-label={`Write off ${row.invoiceNumber}`}>
                  Write off…
                </Button>
              ) : (
                <Text size="xs" c="dimmed">
                  Above your write-off limit
                </Text>
              ),
          },
        ]
      : []),
  ];
}

/** Small balances left open for a long time, each written off (within the user's own limit) through billing. */
export function WriteOffProposalsSection() {
  // The API's defaults: at most 25.00 open, due 60 days ago or more.
  const [maxMajor, setMaxMajor] = useState<number | string>(25);
  const [minDays, setMinDays] = useState<number | string>(60);
  const maxValid = typeof maxMajor === 'number' && maxMajor >= 0.01 && maxMajor <= 10_000;
  const daysValid = typeof minDays === 'number' && Number.isInteger(minDays) && minDays >= 0 && minDays <= 3_650;
  const [criteria] = useDebouncedValue({ maxAmount: maxValid ? Math.round(maxMajor * 100) : 2_500, minDaysPastDue: daysValid ? minDays : 60 }, 300);
  const query = useWriteOffProposals(criteria.maxAmount, criteria.minDaysPastDue);
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [writing, setWriting] = useState<Row | null>(null);
  const rows: Row[] = (query.data?.items ?? []).map((r) => ({ ...r, id: r.invoiceId }));
  const close = () => {
    setWriting(null);
    void queryClient.invalidateQueries({ queryKey: collectionsKeys.all });
  };
  return (
    <Stack gap="xs" component="section" aria-labelledby="write-off-proposals">
      <Title order={2} size="h3" id="write-off-proposals">
        Small old balances
      </Title>
      <Text size="sm" c="dimmed">
        Invoices with a little left open for a long time: cheaper to write off than to chase. A write-off goes through your own write-off limit.
      </Text>
      <Group align="flex-start" gap="sm">
        <NumberInput
          label="Open at most"
          description="In the invoice's currency"
          w={180}
          min={0.01}
          max={10_000}
          decimalScale={2}
          value={maxMajor}
          onChange={setMaxMajor}
          error={maxValid ? undefined : 'From 0.01 to 10,000.00'}
        />
        <NumberInput
          label="Due at least"
          description="Days ago"
          w={180}
          min={0}
          max={3_650}
          allowDecimal={false}
          value={minDays}
          onChange={setMinDays}
          error={daysValid ? undefined : 'From 0 to 3,650 days'}
        />
      </Group>
      {query.isPending ? (
        <LoadingState label="Loading the small balances…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No small old balances" description="An invoice appears here once a small amount has stayed open for a while." />
      ) : (
        <RecordTable aria-label="Write-off proposals" rows={rows} columns={columns(can('invoices:write-off'), setWriting)} minWidth={760} />
      )}
      <WriteOffModal
        opened={writing !== null}
        onClose={close}
        invoice={writing && { id: writing.invoiceId, invoiceNumber: writing.invoiceNumber, openAmount: writing.openAmount }}
        currency={writing?.currency ?? 'USD'}
      />
    </Stack>
  );
}
