import { Button } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { ListPage, loadedItems } from '@/components/ListPage';
import { useRefundsAwaitingApproval } from '../api/refunds';
import { RefundsTable } from '../components/RefundsTable';

/** /refunds/approvals — refunds waiting for a decision in the approver's branches, oldest first. */
export function RefundsToApprovePage() {
  const query = useRefundsAwaitingApproval();
  return (
    <ListPage
      title="Refunds to approve"
      description="Requested refunds in your branches, oldest first. You cannot approve a refund you requested yourself, nor one above your refund limit."
      actions={
        <Button variant="default" leftSection={<IconRefresh size={16} />} loading={query.isFetching && !query.isPending} onClick={() => void query.refetch()}>
          Refresh
        </Button>
      }
      query={query}
      items={loadedItems(query.data)}
      loadingLabel="Loading refunds…"
      empty={{ title: 'No refunds waiting', description: 'Refunds agents request appear here until someone approves or rejects them.' }}
    >
      {(items) => <RefundsTable refunds={items} showPolicy label="Refunds to approve" />}
    </ListPage>
  );
}
