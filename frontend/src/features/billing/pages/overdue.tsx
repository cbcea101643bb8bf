import { OVERDUE_SORTS, type OverdueSort } from '@contracts/billing';
import type { Branch } from '@contracts/identity';
import { Select } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { DebouncedTextInput } from '@/components/DebouncedTextInput';
import { BranchFilter, FilterBar, ProductFilter } from '@/components/FilterBar';
import { ListSummary } from '@/components/ListSummary';
import { ListPage, loadedItems } from '@/components/ListPage';
import { useBranches } from '@/features/branches';
import { useAuth } from '@/lib/auth/auth-context';
import { toMajorUnits, toMinorUnits } from '@/lib/money';
import { queryString } from '@/lib/query-string';
import { useOverdue } from '../api/get-overdue';
import { useProducts } from '../api/get-products';
import { OverdueTable } from '../components/OverdueTable';
import { DAY_BANDS, dayBandOf, OVERDUE_SORT_LABELS, readOverdueCriteria, type OverdueCriteria } from '../overdue-filter';

const SORT_OPTIONS = OVERDUE_SORTS.map((value) => ({ value, label: OVERDUE_SORT_LABELS[value] }));

/** The branches the user works in (the API's scope): the branch filter appears for more than one. */
function useWorkBranches(): Branch[] | undefined {
  const { branchIds } = useAuth();
  const branches = useBranches();
  return branches.data?.filter((branch) => branchIds === null || branchIds.includes(branch.id));
}

/** An amount typed in major units ("250" or "250.50") as minor units; undefined when empty or not an amount. */
function amountFromText(text: string): number | undefined {
  const value = Number(text.trim().replace(/,/g, ''));
  return text.trim() !== '' && Number.isFinite(value) && value >= 0 ? toMinorUnits(value) : undefined;
}

/** /billing/overdue — the overdue worklist: policies of the user's branches with overdue invoices, most days past due first. */
export function OverduePage() {
  const [params, setParams] = useSearchParams();
  const criteria = readOverdueCriteria(params);
  const query = useOverdue(criteria);
  const products = useProducts();
  const branches = useWorkBranches();
  const set = (changes: Partial<OverdueCriteria>) => setParams(queryString({ ...criteria, ...changes }), { replace: true });
  const { sort, ...filters } = criteria;
  const filtered = Object.keys(filters).length > 0;
  const band = dayBandOf(criteria);
  const bandOptions = [
    ...DAY_BANDS.map(({ value, label }) => ({ value, label })),
    ...(band === 'custom' ? [{ value: 'custom', label: `${criteria.daysFrom ?? 1}–${criteria.daysTo ?? '…'} days` }] : []),
  ];

  return (
    <ListPage
      title="Overdue"
      description="Policies of your branches with overdue invoices, the longest overdue first. Call the customer, then take a payment on the policy."
      summary={<ListSummary total={query.data?.pages[0]?.total} noun={{ one: 'policy overdue', other: 'policies overdue' }} />}
      filters={
        <FilterBar filtered={filtered || sort !== undefined} onClear={() => setParams('', { replace: true })}>
          <DebouncedTextInput
            label="Policy number"
            placeholder="P-000123"
            w={170}
            leftSection={<IconSearch size={16} stroke={1.5} />}
            value={criteria.q ?? ''}
            onChange={(q) => set({ q: q.trim() || undefined })}
          />
          <Select
            label="Days past due"
            placeholder="Any"
            w={190}
            clearable
            data={bandOptions}
            value={band}
            onChange={(value) => {
              const chosen = DAY_BANDS.find((b) => b.value === value);
              if (value === 'custom') return;
              set({ daysFrom: chosen?.daysFrom, daysTo: chosen?.daysTo });
            }}
          />
          <DebouncedTextInput
            label="Overdue at least"
            placeholder="Any amount"
            w={150}
            inputMode="decimal"
            value={criteria.amountMin !== undefined ? String(toMajorUnits(criteria.amountMin)) : ''}
            onChange={(text) => set({ amountMin: amountFromText(text) })}
          />
          <ProductFilter products={products.data} value={criteria.productId} onChange={(productId) => set({ productId })} />
          <BranchFilter branches={branches} value={criteria.branchId} onChange={(branchId) => set({ branchId })} />
          <Select
            label="Sort"
            w={200}
            allowDeselect={false}
            data={SORT_OPTIONS}
            value={sort ?? '-daysPastDue'}
            onChange={(value) => set({ sort: value && value !== '-daysPastDue' ? (value as OverdueSort) : undefined })}
          />
        </FilterBar>
      }
      query={query}
      items={loadedItems(query.data)}
      loadingLabel="Loading the overdue worklist…"
      empty={
        filtered
          ? { title: 'No overdue policies match', description: 'Clear a filter to see more.' }
          : { title: 'Nothing is overdue', description: 'Policies appear here the day after an invoice’s due date passes unpaid.' }
      }
    >
      {(rows) => (
        <OverdueTable rows={rows} sort={{ value: sort ?? '-daysPastDue', onChange: (next) => set({ sort: next !== '-daysPastDue' ? (next as OverdueSort) : undefined }) }} />
      )}
    </ListPage>
  );
}
