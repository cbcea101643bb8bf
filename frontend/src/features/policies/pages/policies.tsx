import { POLICY_STATUSES, PolicyListQuery } from '@contracts/policies';
import { Button, Group, Paper, Select, Stack } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadMoreButton } from '@/components/LoadMoreButton';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { useWorkBranches } from '@/features/customers';
import type { PolicyCriteria } from '@/features/policies/api/policy-keys';
import { usePolicies } from '@/features/policies/api/get-policies';
import { PoliciesTable } from '@/features/policies/components/PoliciesTable';
import { POLICY_STATUS_LABELS } from '@/features/policies/policy-labels';
import { useOfferedProducts } from '@/features/quotes';
import { queryString } from '@/lib/query-string';

const STATUS_OPTIONS = POLICY_STATUSES.map((value) => ({ value, label: POLICY_STATUS_LABELS[value] }));

function readCriteria(params: URLSearchParams): PolicyCriteria {
  const shape = PolicyListQuery.shape;
  const value = (key: string) => params.get(key) || undefined;
  const criteria: PolicyCriteria = {
    status: shape.status.safeParse(value('status')).data,
    productId: shape.productId.safeParse(value('productId')).data,
    branchId: shape.branchId.safeParse(value('branchId')).data,
    customerId: shape.customerId.safeParse(value('customerId')).data,
    agentId: shape.agentId.safeParse(value('agentId')).data,
  };
  return Object.fromEntries(Object.entries(criteria).filter(([, v]) => v !== undefined));
}

/** /policies — the policies of the user's branches, newest first. */
export function PoliciesPage() {
  const [params, setParams] = useSearchParams();
  const criteria = readCriteria(params);
  const { data, error, isPending, isPlaceholderData, refetch, hasNextPage, isFetchingNextPage, fetchNextPage } = usePolicies(criteria);
  const products = useOfferedProducts();
  const { branches } = useWorkBranches();
  const policies = data?.pages.flatMap((page) => page.items) ?? [];
  const set = (changes: Partial<PolicyCriteria>) => setParams(queryString({ ...criteria, ...changes }), { replace: true });
  const filtered = Object.keys(criteria).length > 0;
  return (
    <Stack gap="lg">
      <PageHeader title="Policies" description="Policies issued in your branches, newest first." />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select label="Status" placeholder="Any" w={180} clearable data={STATUS_OPTIONS} value={criteria.status ?? null} onChange={(v) => set({ status: (v as PolicyCriteria['status']) ?? undefined })} />
        <Select label="Product" placeholder="Any" w={220} clearable data={(products.data ?? []).map((p) => ({ value: p.id, label: p.name }))} value={criteria.productId ?? null} onChange={(v) => set({ productId: v ?? undefined })} />
        {(branches?.length ?? 0) > 1 && (
          <Select label="Branch" placeholder="Any" w={160} clearable data={(branches ?? []).map((b) => ({ value: b.id, label: b.name }))} value={criteria.branchId ?? null} onChange={(v) => set({ branchId: v ?? undefined })} />
        )}
        {filtered && (
          <Button variant="subtle" leftSection={<IconX size={14} />} onClick={() => setParams('', { replace: true })}>
            Clear all
          </Button>
        )}
      </Group>
      <Paper withBorder style={{ opacity: isPlaceholderData ? 0.6 : 1 }} aria-busy={isPlaceholderData}>
        {isPending ? (
          <LoadingState label="Loading policies…" />
        ) : error ? (
          <Stack p="md">
            <ErrorState error={error} onRetry={() => void refetch()} />
          </Stack>
        ) : policies.length === 0 ? (
          <EmptyState title={filtered ? 'No policies match' : 'No policies yet'} description={filtered ? 'Clear a filter to see more.' : 'A policy is issued when underwriting approves an application.'} />
        ) : (
          <PoliciesTable policies={policies} />
        )}
      </Paper>
      <LoadMoreButton hasNextPage={hasNextPage} isFetchingNextPage={isFetchingNextPage} onLoadMore={() => void fetchNextPage()} />
    </Stack>
  );
}
