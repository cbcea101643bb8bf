import { POLICY_SORTS, POLICY_STATUSES, PolicyListQuery, type PolicySort } from '@contracts/policies';
import { Select } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { BranchFilter, FilterBar, ProductFilter } from '@/components/FilterBar';
import { ExportButton } from '@/components/ExportButton';
import { ListPage, loadedItems } from '@/components/ListPage';
import { ListSummary } from '@/components/ListSummary';
import { useWorkBranches } from '@/features/customers';
import type { PolicyCriteria } from '@/features/policies/api/policy-keys';
import { usePolicies } from '@/features/policies/api/get-policies';
import { PoliciesTable } from '@/features/policies/components/PoliciesTable';
import { POLICY_STATUS_LABELS } from '@/features/policies/policy-labels';
import { useOfferedProducts } from '@/features/quotes';
import { useAuth } from '@/lib/auth/auth-context';
import { readSort } from '@/lib/list-sort';
import { queryString } from '@/lib/query-string';

const STATUS_OPTIONS = POLICY_STATUSES.map((value) => ({ value, label: POLICY_STATUS_LABELS[value] }));

const DEFAULT_SORT = '-createdAt';

function readCriteria(params: URLSearchParams): PolicyCriteria {
  const shape = PolicyListQuery.shape;
  const value = (key: string) => params.get(key) || undefined;
  const criteria: PolicyCriteria = {
    status: shape.status.safeParse(value('status')).data,
    productId: shape.productId.safeParse(value('productId')).data,
    branchId: shape.branchId.safeParse(value('branchId')).data,
    customerId: shape.customerId.safeParse(value('customerId')).data,
    agentId: shape.agentId.safeParse(value('agentId')).data,
    sort: readSort(value('sort') ?? null, POLICY_SORTS, DEFAULT_SORT),
  };
  if (criteria.sort === DEFAULT_SORT) delete criteria.sort;
  return Object.fromEntries(Object.entries(criteria).filter(([, v]) => v !== undefined));
}

/** /policies — the policies of the user's branches, newest first. */
export function PoliciesPage() {
  const [params, setParams] = useSearchParams();
  const { can } = useAuth();
  const criteria = readCriteria(params);
  const query = usePolicies(criteria);
  const products = useOfferedProducts();
  const { branches } = useWorkBranches();
  const set = (changes: Partial<PolicyCriteria>) => setParams(queryString({ ...criteria, ...changes }), { replace: true });
  const { sort, ...filters } = criteria;
  const filtered = Object.keys(filters).length > 0;
  const listSort = { value: sort ?? DEFAULT_SORT, onChange: (next: string) => set({ sort: next === DEFAULT_SORT ? undefined : (next as PolicySort) }) };
  return (
    <ListPage
      title="Policies"
      description="Policies issued in your branches, newest first (a column header sorts by it)."
      actions={can('policies:export') && <ExportButton path="/policies" criteria={criteria} fallbackName="policydesk-policies.csv" />}
      summary={<ListSummary total={query.data?.pages[0]?.total} noun={{ one: 'policy', other: 'policies' }} />}
      filters={
        <FilterBar filtered={filtered} onClear={() => setParams(queryString({ sort }), { replace: true })}>
          <Select
            label="Status"
            placeholder="Any"
            w={180}
            clearable
            data={STATUS_OPTIONS}
            value={criteria.status ?? null}
            onChange={(v) => set({ status: (v as PolicyCriteria['status']) ?? undefined })}
          />
          <ProductFilter products={products.data} value={criteria.productId} onChange={(productId) => set({ productId })} />
          <BranchFilter branches={branches} value={criteria.branchId} onChange={(branchId) => set({ branchId })} />
        </FilterBar>
      }
      query={query}
      items={loadedItems(query.data)}
      loadingLabel="Loading policies…"
      empty={
        filtered
          ? { title: 'No policies match', description: 'Clear a filter to see more.' }
          : { title: 'No policies yet', description: 'A policy is issued when underwriting approves an application.' }
      }
    >
      {(policies) => <PoliciesTable policies={policies} sort={listSort} />}
    </ListPage>
  );
}
