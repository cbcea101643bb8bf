import { QUEUE_SORTS, UnderwritingQueueQuery, type QueueSort } from '@contracts/orders';
import { Button, Select, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { BranchFilter, FilterBar } from '@/components/FilterBar';
import { ListPage } from '@/components/ListPage';
import { useWorkBranches } from '@/features/customers';
import type { QueueCriteria } from '@/features/orders';
import { ReferredChangesPanel } from '@/features/policies';
import { QUEUE_LIMIT, useUnderwritingQueue } from '@/features/underwriting/api/get-underwriting-queue';
import { UnderwritingQueueTable } from '@/features/underwriting/components/UnderwritingQueueTable';
import { useQueueFilterOptions } from '@/features/underwriting/use-queue-filter-options';
import { readSort } from '@/lib/list-sort';
import { queryString } from '@/lib/query-string';

const STATUS_OPTIONS = [
  { value: 'submitted', label: 'Waiting to be taken' },
  { value: 'in_underwriting', label: 'In review' },
];

/** High priority first, then the longest waiting (the API's default). */
const DEFAULT_SORT = 'priority';

function readCriteria(params: URLSearchParams): QueueCriteria {
  const shape = UnderwritingQueueQuery.shape;
  const value = (key: string) => params.get(key) || undefined;
  const criteria: QueueCriteria = {
    productId: shape.productId.safeParse(value('productId')).data,
    branchId: shape.branchId.safeParse(value('branchId')).data,
    referralReason: shape.referralReason.safeParse(value('referralReason')).data,
    status: shape.status.safeParse(value('status')).data,
    sort: readSort(value('sort') ?? null, QUEUE_SORTS, DEFAULT_SORT),
  };
  if (criteria.sort === DEFAULT_SORT) delete criteria.sort;
  return Object.fromEntries(Object.entries(criteria).filter(([, v]) => v !== undefined));
}

/** /underwriting — applications awaiting a decision: high priority first, then the longest waiting. */
export function UnderwritingPage() {
  const [params, setParams] = useSearchParams();
  const criteria = readCriteria(params);
  const query = useUnderwritingQueue(criteria);
  const items = query.data ?? [];
  const { products, referrals } = useQueueFilterOptions();
  const { branches } = useWorkBranches();
  const set = (changes: Partial<QueueCriteria>) => setParams(queryString({ ...criteria, ...changes }), { replace: true });
  const { sort, ...filters } = criteria;
  const filtered = Object.keys(filters).length > 0;
  const listSort = { value: sort ?? DEFAULT_SORT, onChange: (next: string) => set({ sort: next === DEFAULT_SORT ? undefined : (next as QueueSort) }) };
  const high = items.filter((i) => i.priority === 'high').length;

  return (
    <ListPage
      title="Underwriting"
      description="Applications awaiting a decision: referrals and large sums first, then the longest waiting."
      actions={
        <Button variant="default" leftSection={<IconRefresh size={16} />} loading={query.isFetching && !query.isPending} onClick={() => void query.refetch()}>
          Refresh
        </Button>
      }
      filters={
        <FilterBar filtered={filtered} onClear={() => setParams(queryString({ sort }), { replace: true })}>
          <Select
            label="Status"
            placeholder="Both"
            w={200}
            clearable
            data={STATUS_OPTIONS}
            value={criteria.status ?? null}
            onChange={(v) => set({ status: (v as QueueCriteria['status']) ?? undefined })}
          />
          <Select label="Product" placeholder="Any" w={220} clearable data={products} value={criteria.productId ?? null} onChange={(v) => set({ productId: v ?? undefined })} />
          <BranchFilter branches={branches} value={criteria.branchId} onChange={(branchId) => set({ branchId })} />
          <Select
            label="Referral reason"
            placeholder="Any"
            w={320}
            clearable
            searchable
            data={
              criteria.referralReason && !referrals.some((r) => r.value === criteria.referralReason)
                ? [...referrals, { value: criteria.referralReason, label: criteria.referralReason }]
                : referrals
            }
            value={criteria.referralReason ?? null}
            onChange={(v) => set({ referralReason: v ?? undefined })}
            comboboxProps={{ width: 420, position: 'bottom-start' }}
          />
        </FilterBar>
      }
      summary={
        <>
          <ReferredChangesPanel />
          {items.length > 0 && (
            <Text size="sm" c="dimmed">
              {items.length} {items.length === 1 ? 'application' : 'applications'}
              {high ? `, ${high} high priority` : ''}
              {items.length >= QUEUE_LIMIT ? ` (the first ${QUEUE_LIMIT}: narrow the filters to see the rest)` : ''}
            </Text>
          )}
        </>
      }
      query={query}
      items={items}
      loadingLabel="Loading the queue…"
      empty={
        filtered
          ? { title: 'Nothing matches these filters', description: 'Clear a filter to see more.' }
          : { title: 'The queue is empty', description: 'Submitted applications will appear here for review.' }
      }
    >
      {(queue) => <UnderwritingQueueTable items={queue} sort={listSort} />}
    </ListPage>
  );
}
