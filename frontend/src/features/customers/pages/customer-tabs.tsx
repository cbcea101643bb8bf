import { Text } from '@mantine/core';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { HistoryPanel } from '@/features/audit';
import { LedgerPanel } from '@/features/billing';
import { CustomerKyc } from '@/features/customers/components/CustomerKyc';
import { CustomerOverview } from '@/features/customers/components/CustomerOverview';
import { EditCustomerForm } from '@/features/customers/components/EditCustomerForm';
import { Panel } from '@/components/Panel';
import { useWorkBranches } from '@/features/customers/use-work-branches';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime } from '@/lib/format-date';
import { useCustomerOutlet } from '../customer-outlet';

export function CustomerOverviewTab() {
  return <CustomerOverview customer={useCustomerOutlet()} />;
}

export function CustomerDetailsTab() {
  const customer = useCustomerOutlet();
  const { can } = useAuth();
  const { branches, error, refetch } = useWorkBranches();
  return (
    <Panel
      title="Details"
      aside={
        <Text size="sm" c="dimmed">
          Version {customer.version} · last changed {formatDateTime(customer.updatedAt)}
        </Text>
      }
    >
      {branches ? (
        <EditCustomerForm key={customer.version} customer={customer} branches={branches} readOnly={!can('customers:update')} />
      ) : error ? (
        <ErrorState error={error} onRetry={() => void refetch()} />
      ) : (
        <LoadingState label="Loading branches…" />
      )}
    </Panel>
  );
}

export function CustomerKycTab() {
  return <CustomerKyc customer={useCustomerOutlet()} />;
}

export function CustomerHistoryTab() {
  return <HistoryPanel entityType="customer" entityId={useCustomerOutlet().id} />;
}

/** Managers and admins: the customer's ledger (entries posted for the customer: payments, credit applied, credit moved). */
export function CustomerLedgerTab() {
  return <LedgerPanel owner={{ customerId: useCustomerOutlet().id }} />;
}
