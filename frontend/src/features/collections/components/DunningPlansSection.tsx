import type { DunningPlan, DunningPlanList } from '@contracts/collections';
import { Button, Group, Select, Stack, Text, Title } from '@mantine/core';
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

type Unplanned = DunningPlanList['withoutPlan'][number];

/** A plan not made yet for a version (version 0, If-Match "0" makes it), started with the usual steps: reminders at 3 and 10 days, a call at 15. */
export function newPlanFor(version: Unplanned): DunningPlan {
  return {
    productVersionId: version.productVersionId,
    product: version.product,
    steps: [
      { key: 'first-reminder', days: 3, action: 'reminder', channel: 'preferred', template: 'dunning-reminder' },
      { key: 'second-reminder', days: 10, action: 'reminder', channel: 'preferred', template: 'dunning-reminder' },
      { key: 'call', days: 15, action: 'call_task' },
    ],
    version: 0,
    updatedAt: null,
    updatedBy: null,
  };
}

/** "Term life (TL) · version 2". */
export const versionLabel = (v: Unplanned) => `${v.product.name} (${v.product.code}) · version ${v.versionNumber}`;

/** Picks a published version that has no plan yet and opens the editor on a new plan for it. */
function NewPlan({ versions, onStart }: { versions: Unplanned[]; onStart: (plan: DunningPlan) => void }) {
  const [chosen, setChosen] = useState<string | null>(null);
  if (!versions.length) return null;
  const version = versions.find((v) => v.productVersionId === chosen);
  return (
    <Group align="flex-end" gap="xs">
      <Select
        label="Product version without a plan"
        placeholder="Choose a version"
        w={360}
        data={versions.map((v) => ({ value: v.productVersionId, label: versionLabel(v) }))}
        value={chosen}
        onChange={setChosen}
        searchable
      />
      <Button
        variant="light"
        disabled={!version}
        onClick={() => {
          if (!version) return;
          onStart(newPlanFor(version));
          setChosen(null);
        }}
      >
        New plan…
      </Button>
    </Group>
  );
}

/** Each product version's dunning plan; finance managers edit the steps and make plans for versions that have none. */
export function DunningPlansSection() {
  const { can } = useAuth();
  const query = useDunningPlans();
  const [editing, setEditing] = useState<DunningPlan | null>(null);
  const rows: Row[] = (query.data?.items ?? []).map((p) => ({ ...p, id: p.productVersionId }));
  const canPlan = can('collections:plan');
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
      ) : (
        <>
          {rows.length === 0 ? (
            <EmptyState title="No dunning plans" description="A product version without a plan sends no reminders." />
          ) : (
            <RecordTable aria-label="Dunning plans" rows={rows} columns={columns(canPlan, setEditing)} minWidth={760} />
          )}
          {canPlan && <NewPlan versions={query.data.withoutPlan} onStart={setEditing} />}
        </>
      )}
      <DunningPlanModal plan={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}
