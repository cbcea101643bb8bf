import type { DunningPlan } from '@contracts/collections';
import { Button, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { type RecordColumn, RecordTable } from '@/components/RecordTable';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime } from '@/lib/format-date';
import { useDunningPlans } from '../api/collections';
import { ACTION_LABELS, CHANNEL_LABELS } from '../dunning-labels';
import { DunningPlanModal } from './DunningPlanModal';

type Row = DunningPlan & { id: string };

/** "Day 3: reminder (email) · day 15: call task". */
export function stepsSummary(plan: Pick<DunningPlan, 'steps'>): string {
  if (!plan.steps.length) return 'No steps: nothing is sent';
  return plan.steps.map((s) => `Day ${s.days}: ${ACTION_LABELS[s.action].toLowerCase()}${s.channel ? ` (${CHANNEL_LABELS[s.channel].toLowerCase()})` : ''}`).join(' · ');
}

function columns(canEdit: boolean, onEdit: (row: Row) => void): RecordColumn<Row>[] {
  return [
    {
      header: 'Product',
      priority: 'key',
      w: 220,
      cell: (row) => (
        <Stack gap={0}>
          <Text size="sm" fw={500}>
            {row.product.name}
          </Text>
          <Text size="xs" c="dimmed">
            {row.product.code}
          </Text>
        </Stack>
      ),
    },
    { header: 'Steps', priority: 'key', cell: (row) => <Text size="sm">{stepsSummary(row)}</Text> },
    {
      header: 'Last saved',
      w: 200,
      cell: (row) => <Text size="sm">{row.updatedAt ? `${formatDateTime(row.updatedAt)}${row.updatedBy ? ` by ${row.updatedBy.name}` : ''}` : '—'}</Text>,
    },
    ...(canEdit
      ? [
          {
            header: 'Actions',
            label: 'Edit',
            w: 110,
            cell: (row: Row) => (
              <Button size="xs" variant="light" onClick={() => onEdit(row)} aria-label={`Edit the dunning plan of ${row.product.name}`}>
                Edit…
              </Button>
            ),
          },
        ]
      : []),
  ];
}

/** Each product version's dunning plan; finance managers edit the steps. */
export function DunningPlansSection() {
  const { can } = useAuth();
  const query = useDunningPlans();
  const [editing, setEditing] = useState<DunningPlan | null>(null);
  const rows: Row[] = (query.data?.items ?? []).map((p) => ({ ...p, id: p.productVersionId }));
  return (
    <Stack gap="xs" component="section" aria-labelledby="dunning-plans">
      <Title order={2} size="h3" id="dunning-plans">
        Dunning plans
      </Title>
      <Text size="sm" c="dimmed">
        What happens to an overdue invoice, day by day after its due date, per product version.
      </Text>
      {query.isPending ? (
        <LoadingState label="Loading the dunning plans…" />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState title="No dunning plans" description="A product version without a plan sends no reminders." />
      ) : (
        <RecordTable aria-label="Dunning plans" rows={rows} columns={columns(can('collections:plan'), setEditing)} minWidth={760} />
      )}
      <DunningPlanModal plan={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}
