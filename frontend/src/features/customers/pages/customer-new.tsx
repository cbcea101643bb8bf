import { Anchor, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { CreateCustomerForm } from '@/features/customers/components/CreateCustomerForm';
import { customerPath } from '@/features/customers/customer-paths';
import { useWorkBranches } from '@/features/customers/use-work-branches';
import { notifySuccess } from '@/lib/notify';

export function NewCustomerPage() {
  const navigate = useNavigate();
  const { branches, error, refetch } = useWorkBranches();
  const active = branches?.filter((branch) => branch.active);

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/customers" size="sm">
        <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> Customers
      </Anchor>
      <PageHeader title="New customer" description="Customers start as prospects. Possible duplicates are checked while you type." />
      {active === undefined ? (
        error ? (
          <ErrorState error={error} onRetry={() => void refetch()} />
        ) : (
          <LoadingState label="Loading your branches…" />
        )
      ) : active.length === 0 ? (
        <EmptyState title="No active branch to add customers to" description="Customers belong to a branch. Ask an administrator to reopen your branch." />
      ) : (
        <CreateCustomerForm
          branches={active}
          onCancel={() => navigate('/customers')}
          onCreated={(customer) => {
            const name = `${customer.firstName} ${customer.lastName}`;
            notifySuccess('Customer created', `${name} is ${customer.customerNumber}.`);
            navigate(customerPath(customer.id));
          }}
        />
      )}
    </Stack>
  );
}
