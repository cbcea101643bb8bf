import type { WorklistRow } from '@contracts/collections';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { CustomerName, RecordNumberLink } from '@/components/RecordCells';
import { type RecordColumn, RecordTable } from '@/components/RecordTable';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { useFigures, useWorklist } from '../api/collections';
import { PromiseModal } from '../components/PromiseModal';
import { WriteOffProposalsSection } from '../components/WriteOffProposalsSection';
import { DunningPlansSection } from '../components/DunningPlansSection';
import { ACTION_LABELS } from '../dunning-labels';

type Row = WorklistRow & { id: string };

function columns(canPromise: boolean, onPromise: (row: Row) => void): RecordColumn<Row>[] {
  return [
    { header: 'Policy', priority: 'key', w: 120, cell: (row) => <RecordNumberLink to={`/policies/${row.policyId}`} number={row.policyNumber} /> },
    {
      header: 'Customer',
      priority: 'key',
      cell: (row) => <CustomerName customer={row.customer} />,
    },
    {
      header: 'Overdue',
      priority: 'key',
      numeric: true,
      w: 150,
      cell: (row) => (
        <Text size="sm" fw={600} c="red">
          {formatMoney(row.overdueAmount, row.currency)}
        </Text>
      ),
    },
    { header: 'Days past due', w: 130, cell: (row) => <Badge variant="light">{row.daysPastDue} days</Badge> },
    {
      header: 'Promise',
      w: 200,
      cell: (row) =>
        row.openPromise ? (
          <Text size="sm" data-testid="open-promise">
            {formatMoney(row.openPromise.amount, row.openPromise.currency)} by {formatDate(row.openPromise.promisedFor)}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            None
          </Text>
        ),
    },
    {
      header: 'Last step',
      w: 160,
      cell: (row) =>
        row.lastStep ? (
          <Text size="sm">
            {ACTION_LABELS[row.lastStep.action]} · {formatDate(row.lastStep.day)}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            None yet
          </Text>
        ),
    },
    ...(canPromise
      ? [
          {
            header: 'Actions',
            label: 'Promise to pay',
            w: 150,
            cell: (row: Row) =>
              row.openPromise ? null : (
                <Button size="xs" variant="light" onClick={() => onPromise(row)} aria-label={`Promise to pay on ${row.policyNumber}`}>
                  Promise to pay
                </Button>
              ),
          },
        ]
      : []),
  ];
}

/** The 90 days ending on `asOf` (YYYY-MM-DD). */
function last90Days(asOf: string) {
  const from = new Date(Date.parse(`${asOf}T00:00:00Z`) - 89 * 86_400_000).toISOString().slice(0, 10);
  return { from, to: asOf };
}

const figure = (value: number | null, unit: string) => (value === null ? '—' : `${value}${unit}`);

/** Days sales outstanding, cure rate and promises kept over the last 90 days. */
function FiguresBar({ asOf }: { asOf: string }) {
  const period = last90Days(asOf);
  const figures = useFigures(period);
  if (!figures.data) return null;
  const { currencies, promises } = figures.data;
  return (
    <Paper withBorder p="sm" aria-label="Collection figures">
      <Text size="xs" c="dimmed" mb={4}>
        Last 90 days ({formatDate(period.from)} – {formatDate(period.to)})
      </Text>
      <Group gap="xl">
        {currencies.map((c) => (
          <Group key={c.currency} gap="xl">
            <Text size="sm" data-testid="dso">
              Days sales outstanding ({c.currency}): <b>{figure(c.daysSalesOutstanding, ' days')}</b>
            </Text>
            <Text size="sm" data-testid="cure-rate">
              Cure rate: <b>{figure(c.cureRate, ' %')}</b> ({c.cured} of {c.wentOverdue})
            </Text>
          </Group>
        ))}
        <Text size="sm" data-testid="promises-kept">
          Promises kept: <b>{figure(promises.keptRate, ' %')}</b> ({promises.kept} kept, {promises.broken} broken, {promises.open} open)
        </Text>
      </Group>
    </Paper>
  );
}

/** /collections — overdue accounts of the user's branches ranked by amount × days, with promises to pay. */
export function CollectionsPage() {
  const query = useWorklist();
  const { can } = useAuth();
  const [promising, setPromising] = useState<WorklistRow | null>(null);
  const rows: Row[] = (query.data?.items ?? []).map((r) => ({ ...r, id: r.policyId }));
  return (
    <Stack>
      <PageHeader
        title="Collections"
        description="Overdue accounts of your branches, the largest amount overdue longest first. A promise to pay pauses the reminders until its date; a broken one brings them back with a task."
      />
      {query.data && <FiguresBar asOf={query.data.asOf} />}
      {query.isPending ? (
        <LoadingState label="Loading the collections worklist…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="Nothing to collect" description="Accounts appear here the day after an invoice’s due date passes unpaid." />
      ) : (
        <RecordTable aria-label="Collections worklist" rows={rows} columns={columns(can('collections:promise'), setPromising)} minWidth={900} />
      )}
      <PromiseModal row={promising} onClose={() => setPromising(null)} />
      <WriteOffProposalsSection />
      <DunningPlansSection />
    </Stack>
  );
}
