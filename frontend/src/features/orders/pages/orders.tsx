import { ORDER_STATUSES, type OrderSort } from '@contracts/orders';
import { Button, Chip, Group, Select, TextInput } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { BranchFilter, ProductFilter } from '@/components/FilterBar';
import { ExportButton } from '@/components/ExportButton';
import { ListPage, loadedItems } from '@/components/ListPage';
import { ListSummary } from '@/components/ListSummary';
import { branchAgentsQueryOptions } from '@/features/branches';
import { useWorkBranches } from '@/features/customers';
import type { OrderCriteria } from '@/features/orders/api/order-keys';
import { useOrders } from '@/features/orders/api/get-orders';
import { OrdersTable } from '@/features/orders/components/OrdersTable';
import { ORDER_DEFAULT_SORT, readOrderFilter } from '@/features/orders/order-filter';
import { ORDER_STATUS_LABELS } from '@/features/orders/order-labels';
import { useOfferedProducts } from '@/features/quotes';
import { useAuth, useCurrentUser } from '@/lib/auth/auth-context';
import { queryString } from '@/lib/query-string';

const STATUS_OPTIONS = ORDER_STATUSES.map((value) => ({ value, label: ORDER_STATUS_LABELS[value] }));
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A date filter applied once it is a whole YYYY-MM-DD (or cleared). */
function DateFilter({ label, value, onChange }: { label: string; value: string | undefined; onChange: (value: string | undefined) => void }) {
  const [text, setText] = useState(value ?? '');
  const bad = text !== '' && !ISO_DATE.test(text);
  return (
    <TextInput
      label={label}
      placeholder="YYYY-MM-DD"
      w={140}
      maxLength={10}
      autoComplete="off"
      value={text}
      error={bad ? 'Use YYYY-MM-DD' : undefined}
      onChange={(event) => {
        const next = event.currentTarget.value.trim();
        setText(next);
        if (next === '') onChange(undefined);
        else if (ISO_DATE.test(next)) onChange(next);
      }}
    />
  );
}

/** /orders — the applications of the user's branches; "Waiting for information" is the agent's to-do. */
export function OrdersPage() {
  const me = useCurrentUser();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const criteria = readOrderFilter(params);
  const query = useOrders(criteria);
  const products = useOfferedProducts();
  const { branches } = useWorkBranches();
  const agentLists = useQueries({ queries: (branches ?? []).map((b) => branchAgentsQueryOptions(b.id)) });
  const agents = new Map<string, string>();
  for (const list of agentLists) for (const agent of list.data ?? []) agents.set(agent.id, agent.name);
  if (!agents.has(me.id)) agents.set(me.id, me.name);
  const set = (changes: Partial<OrderCriteria>) => setParams(queryString({ ...criteria, ...changes }), { replace: true });
  const { sort, ...filters } = criteria;
  const filtered = Object.keys(filters).length > 0;
  const listSort = { value: sort ?? ORDER_DEFAULT_SORT, onChange: (next: string) => set({ sort: next === ORDER_DEFAULT_SORT ? undefined : (next as OrderSort) }) };
  const waitingOnly = criteria.status === 'info_requested';
  const mineOnly = criteria.agentId === me.id;

  return (
    <ListPage
      title="Applications"
      description="Applications of your branches, newest first (a column header sorts by it). Start one from a customer's saved quote."
      actions={can('orders:export') && <ExportButton path="/orders" criteria={criteria} fallbackName="policydesk-applications.csv" />}
      summary={<ListSummary total={query.data?.pages[0]?.total} noun={{ one: 'application', other: 'applications' }} />}
      filters={
        <>
          <Group gap="xs" role="group" aria-label="Quick filters">
            <Chip checked={waitingOnly} color="yellow" variant="light" onChange={(on) => set({ status: on ? 'info_requested' : undefined })}>
              Waiting for information
            </Chip>
            <Chip checked={criteria.status === 'draft'} variant="light" onChange={(on) => set({ status: on ? 'draft' : undefined })}>
              Drafts
            </Chip>
            <Chip checked={mineOnly} variant="light" onChange={(on) => set({ agentId: on ? me.id : undefined })}>
              Mine
            </Chip>
            {filtered && (
              <Button variant="subtle" size="compact-sm" leftSection={<IconX size={14} />} onClick={() => setParams(queryString({ sort }), { replace: true })}>
                Clear all filters
              </Button>
            )}
          </Group>
          <Group align="flex-start" gap="sm" wrap="wrap">
            <Select
              label="Status"
              placeholder="Any"
              w={200}
              clearable
              data={STATUS_OPTIONS}
              value={criteria.status ?? null}
              onChange={(v) => set({ status: (v as OrderCriteria['status']) ?? undefined })}
            />
            <ProductFilter products={products.data} value={criteria.productId} onChange={(productId) => set({ productId })} />
            <Select
              label="Agent"
              placeholder="Anyone"
              w={190}
              clearable
              searchable
              data={[...agents].map(([value, label]) => ({ value, label: value === me.id ? `${label} (you)` : label }))}
              value={criteria.agentId ?? null}
              onChange={(v) => set({ agentId: v ?? undefined })}
            />
            <BranchFilter branches={branches} value={criteria.branchId} onChange={(branchId) => set({ branchId })} />
            <DateFilter key={`from-${criteria.createdFrom ?? ''}`} label="Started from" value={criteria.createdFrom} onChange={(v) => set({ createdFrom: v })} />
            <DateFilter key={`to-${criteria.createdTo ?? ''}`} label="Started until" value={criteria.createdTo} onChange={(v) => set({ createdTo: v })} />
          </Group>
        </>
      }
      query={query}
      items={loadedItems(query.data)}
      loadingLabel="Loading applications…"
      empty={{
        title: waitingOnly ? 'Nothing is waiting for you' : filtered ? 'No applications match' : 'No applications yet',
        description: waitingOnly
          ? 'When an underwriter asks for information, the application appears here.'
          : filtered
            ? 'Clear a filter to see more.'
            : "Open a customer's saved quote and choose Apply to start an application.",
      }}
    >
      {(orders) => <OrdersTable orders={orders} sort={listSort} />}
    </ListPage>
  );
}
