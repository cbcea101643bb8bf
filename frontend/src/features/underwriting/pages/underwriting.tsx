import { UnderwritingQueueQuery } from '@contracts/orders';
import { Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { IconRefresh, IconX } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { useWorkBranches } from '@/features/customers';
import type { QueueCriteria } from '@/features/orders';
import { QUEUE_LIMIT, useUnderwritingQueue } from '@/features/underwriting/api/get-underwriting-queue';
import { UnderwritingQueueTable } from '@/features/underwriting/components/UnderwritingQueueTable';
import { useQueueFilterOptions } from '@/features/underwriting/use-queue-filter-options';
import { queryString } from '@/lib/query-string';

const STATUS_OPTIONS = [
  { value: 'submitted', label: 'Waiting to be taken' },
  { value: 'in_underwriting', label: 'In review' },
];

function readCriteria(params: URLSearchParams): QueueCriteria {
  const shape = UnderwritingQueueQuery.shape;
  const value = (key: string) => params.get(key) || undefined;
  const criteria: QueueCriteria = {
    productId: shape.productId.safeParse(value('productId')).data,
    branchId: shape.branchId.safeParse(value('branchId')).data,
    referralReason: shape.referralReason.safeParse(value('referralReason')).data,
    status: shape.status.safeParse(value('status')).data,
  };
  return Object.fromEntries(Object.entries(criteria).filter(([, v]) => v !== undefined));
}

/** /underwriting — applications awaiting a decision: high priority first, then the longest waiting. */
export function UnderwritingPage() {
  const [params, setParams] = useSearchParams();
  const criteria = readCriteria(params);
  const { data, error, isPending, isPlaceholderData, isFetching, refetch } = useUnderwritingQueue(criteria);
  const { products, referrals } = useQueueFilterOptions();
  const { branches } = useWorkBranches();
  const set = (changes: Partial<QueueCriteria>) => setParams(queryString({ ...criteria, ...changes }), { replace: true });
  const filtered = Object.keys(criteria).length > 0;
  const high = data?.filter((i) => i.priority === 'high').length ?? 0;

  return (
    <Stack gap="lg">
      <PageHeader
        title="Underwriting"
        description="Applications awaiting a decision: referrals and large sums first, then the longest waiting."
        actions={
          <Button variant="default" leftSection={<IconRefresh size={16} />} loading={isFetching && !isPending} onClick={() => void refetch()}>
            Refresh
          </Button>
        }
      />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select label="Status" placeholder="Both" w={200} clearable data={STATUS_OPTIONS} value={criteria.status ?? null} onChange={(v) => set({ status: (v as QueueCriteria['status']) ?? undefined })} />
        <Select label="Product" placeholder="Any" w={220} clearable data={products} value={criteria.productId ?? null} onChange={(v) => set({ productId: v ?? undefined })} />
        {(branches?.length ?? 0) > 1 && (
          <Select label="Branch" placeholder="Any" w={160} clearable data={(branches ?? []).map((b) => ({ value: b.id, label: b.name }))} value={criteria.branchId ?? null} onChange={(v) => set({ branchId: v ?? undefined })} />
        )}
        <Select
          label="Referral reason"
          placeholder="Any"
          w={320}
          clearable
          searchable
          data={criteria.referralReason && !referrals.some((r) => r.value === criteria.referralReason) ? [...referrals, { value: criteria.referralReason, label: criteria.referralReason }] : referrals}
          value={criteria.referralReason ?? null}
          onChange={(v) => set({ referralReason: v ?? undefined })}
          comboboxProps={{ width: 420, position: 'bottom-start' }}
        />
        {filtered && (
          <Button variant="subtle" leftSection={<IconX size={14} />} onClick={() => setParams('', { replace: true })}>
            Clear all
          </Button>
        )}
      </Group>
      {data && data.length > 0 && (
        <Text size="sm" c="dimmed">
          {data.length} {data.length === 1 ? 'application' : 'applications'}
          {high ? `, ${high} high priority` : ''}
          {data.length >= QUEUE_LIMIT ? ` (the first ${QUEUE_LIMIT}: narrow the filters to see the rest)` : ''}
        </Text>
      )}
      <Paper withBorder style={{ opacity: isPlaceholderData ? 0.6 : 1 }} aria-busy={isPlaceholderData}>
        {isPending ? (
          <LoadingState label="Loading the queue…" />
        ) : error ? (
          <Stack p="md">
            <ErrorState error={error} onRetry={() => void refetch()} />
          </Stack>
        ) : data.length === 0 ? (
          <EmptyState
            title={filtered ? 'Nothing matches these filters' : 'The queue is empty'}
            description={filtered ? 'Clear a filter to see more.' : 'Submitted applications will appear here for review.'}
          />
        ) : (
          <UnderwritingQueueTable items={data} />
        )}
      </Paper>
    </Stack>
  );
}
