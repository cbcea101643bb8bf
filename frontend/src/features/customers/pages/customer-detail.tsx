import { Anchor, Stack, Tabs } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, Outlet, useMatch, useNavigate, useParams } from 'react-router';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { customerBillingQueryOptions } from '@/features/billing';
import { branchNames, useBranches } from '@/features/branches';
import { customerKeys } from '@/features/customers/api/customer-keys';
import { useCustomer } from '@/features/customers/api/get-customer';
import { customerOverviewQueryOptions } from '@/features/customers/api/get-customer-overview';
import { CustomerHeader } from '@/features/customers/components/CustomerHeader';
import { customerPath } from '@/features/customers/customer-paths';
import type { CustomerTab } from '@/features/customers/customer-paths';
import { useAuth } from '@/lib/auth/auth-context';
import { notifyInfo } from '@/lib/notify';

const TABS: { value: CustomerTab; label: string }[] = [
  { value: 'overview', label: 'Overview' },
  { value: 'details', label: 'Details' },
  { value: 'kyc', label: 'KYC' },
  { value: 'quotes', label: 'Quotes' },
  { value: 'ledger', label: 'Ledger' },
  { value: 'history', label: 'History' },
];

const isTab = (value: string | undefined): value is CustomerTab => TABS.some((tab) => tab.value === value);

function BackToCustomers() {
  return (
    <Anchor component={Link} to="/customers" size="sm">
      <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> Customers
    </Anchor>
  );
}

/** /customers/:id and its tabs: the header stays, the tab below changes with the address. */
export function CustomerDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { can } = useAuth();
  // Deeper pages (quotes/new, quotes/:quoteId) belong to their tab.
  const tabParam = useMatch('/customers/:id/:tab/*')?.params.tab;
  const tab: CustomerTab = isTab(tabParam) ? tabParam : 'overview';
  const { data: customer, error, isPending, refetch } = useCustomer(id);
  // The overview tab's data is asked for beside the record, not after it (both are audited reads
  // of this customer, so only on the tab that shows it).
  useQuery({ ...customerOverviewQueryOptions(id), enabled: tab === 'overview', notifyOnChangeProps: [] });
  // So is the header's premium due: not after the record arrives.
  useQuery({ ...customerBillingQueryOptions(id), enabled: can('billing:read'), notifyOnChangeProps: [] });
  const { data: branches } = useBranches();
  const tabs = TABS.filter(
    (entry) => (entry.value !== 'history' || can('audit:read')) && (entry.value !== 'quotes' || can('quotes:read')) && (entry.value !== 'ledger' || can('ledger:read')),
  );

  // The API answered the record this one was merged into: show it under its own address.
  const mergedInto = customer && customer.id !== id ? customer : null;
  useEffect(() => {
    if (!mergedInto) return;
    // Already read (an audited read): the page under the new address starts from it.
    queryClient.setQueryData(customerKeys.record(mergedInto.id), mergedInto);
    notifyInfo('Merged record', `That customer was merged into ${mergedInto.customerNumber}, which is shown instead.`);
    navigate(customerPath(mergedInto.id, tab), { replace: true });
  }, [mergedInto, navigate, queryClient, tab]);

  if (isPending || mergedInto) return <LoadingState label="Loading customer…" />;
  if (error) {
    return (
      <Stack gap="md" maw={640}>
        <BackToCustomers />
        <ErrorState error={error} onRetry={() => void refetch()} />
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <BackToCustomers />
      <CustomerHeader customer={customer} branchName={branchNames(branches).get(customer.branchId)} />
      <Tabs value={tab} onChange={(next) => next && isTab(next) && navigate(customerPath(customer.id, next))}>
        <Tabs.List>
          {tabs.map((entry) => (
            <Tabs.Tab key={entry.value} value={entry.value}>
              {entry.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((entry) => (
          <Tabs.Panel key={entry.value} value={entry.value} pt="md">
            {entry.value === tab && <Outlet context={customer} />}
          </Tabs.Panel>
        ))}
      </Tabs>
      {/* A tab the role may not open (an address typed or shared): its route explains, instead of a blank panel. */}
      {!tabs.some((entry) => entry.value === tab) && <Outlet context={customer} />}
    </Stack>
  );
}
