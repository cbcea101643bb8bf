import { RENEWAL_STATUSES, type RenewalItem } from '@contracts/policies';
import { Select } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { FilterBar } from '@/components/FilterBar';
import { ListPage, loadedItems } from '@/components/ListPage';
import { queryString } from '@/lib/query-string';
import { type RenewalCriteria, useRenewals } from '../api/renewals';
import { RenewalsTable } from '../components/RenewalsTable';

const WINDOWS = [7, 30, 60, 90].map((d) => ({ value: String(d), label: `Next ${d} days` }));
const STATUS_OPTIONS = RENEWAL_STATUSES.map((value) => ({ value, label: value[0]!.toUpperCase() + value.slice(1) }));

function readCriteria(params: URLSearchParams): RenewalCriteria {
  const due = Number(params.get('dueWithin'));
  const status = params.get('status');
  return {
    ...(WINDOWS.some((w) => Number(w.value) === due) ? { dueWithin: due } : {}),
    ...((RENEWAL_STATUSES as readonly string[]).includes(status ?? '') ? { status: status as RenewalItem['status'] } : {}),
  };
}

/** /policies/renewals — renewals due in the next 60 days (or as chosen), soonest first: accept on the customer's instruction or record why not. */
export function RenewalsPage() {
  const [params, setParams] = useSearchParams();
  const criteria = readCriteria(params);
  const query = useRenewals(criteria);
  const set = (changes: Partial<RenewalCriteria>) => setParams(queryString({ ...criteria, ...changes }), { replace: true });
  const filtered = Object.keys(criteria).length > 0;
  return (
    <ListPage
      title="Renewals due"
      description="Renewals prepared by the nightly job 60 days before each policy’s term ends, with the old and new premium. Call the customer, then accept or decline."
      filters={
        <FilterBar filtered={filtered} onClear={() => setParams('', { replace: true })}>
          <Select
            label="Renewal date"
            w={170}
            allowDeselect={false}
            data={WINDOWS}
            value={String(criteria.dueWithin ?? 60)}
            onChange={(v) => set({ dueWithin: v && v !== '60' ? Number(v) : undefined })}
          />
          <Select
            label="Status"
            placeholder="Any"
            w={160}
            clearable
            data={STATUS_OPTIONS}
            value={criteria.status ?? null}
            onChange={(v) => set({ status: (v as RenewalItem['status'] | null) ?? undefined })}
          />
        </FilterBar>
      }
      query={query}
      items={loadedItems(query.data)}
      loadingLabel="Loading the renewals…"
      empty={
        filtered
          ? { title: 'No renewals match', description: 'Clear a filter to see more.' }
          : { title: 'No renewals due', description: 'Policies appear here 60 days before their term ends, when the nightly job prepares the renewal.' }
      }
    >
      {(rows) => <RenewalsTable rows={rows} />}
    </ListPage>
  );
}
