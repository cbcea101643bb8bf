import { REFUND_TO_APPROVE_SORTS, type RefundToApproveSort } from '@contracts/billing';
import { Button } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { ListPage, loadedItems } from '@/components/ListPage';
import { ListSummary } from '@/components/ListSummary';
import { readSort } from '@/lib/list-sort';
import { queryString } from '@/lib/query-string';
import { useRefundsAwaitingApproval } from '../api/refunds';
import { RefundsTable } from '../components/RefundsTable';

/** Oldest request first (the API's default). */
const DEFAULT_SORT = 'createdAt';

/** /refunds/approvals — refunds waiting for a decision in the approver's branches, oldest first unless sorted otherwise. */
export function RefundsToApprovePage() {
  const [params, setParams] = useSearchParams();
  const sort = readSort(params.get('sort'), REFUND_TO_APPROVE_SORTS, DEFAULT_SORT);
  const query = useRefundsAwaitingApproval(sort === DEFAULT_SORT ? undefined : sort);
  const listSort = {
    value: sort,
    onChange: (next: string) => setParams(queryString({ sort: next === DEFAULT_SORT ? undefined : (next as RefundToApproveSort) }), { replace: true }),
  };
  return (
    <ListPage
      title="Refunds to approve"
      description="Requested refunds in your branches, oldest first (or by amount). You cannot approve a refund you requested yourself, nor one above your refund limit."
      actions={
        <Button variant="default" leftSection={<IconRefresh size={16} />} loading={query.isFetching && !query.isPending} onClick={() => void query.refetch()}>
          Refresh
        </Button>
      }
      summary={<ListSummary total={query.data?.pages[0]?.total} noun={{ one: 'refund waiting', other: 'refunds waiting' }} />}
      query={query}
      items={loadedItems(query.data)}
      loadingLabel="Loading refunds…"
      empty={{ title: 'No refunds waiting', description: 'Refunds agents request appear here until someone approves or rejects them.' }}
    >
      {(items) => <RefundsTable refunds={items} showPolicy label="Refunds to approve" sort={listSort} />}
    </ListPage>
  );
}
