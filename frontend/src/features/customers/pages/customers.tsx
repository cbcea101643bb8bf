import { Button, Paper, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { EmptyState } from '@/components/EmptyState';
import { ErrorState } from '@/components/ErrorState';
import { LoadMoreButton } from '@/components/LoadMoreButton';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { useCustomers } from '@/features/customers/api/search-customers';
import { CustomerSearchFilters } from '@/features/customers/components/CustomerSearchFilters';
import { CustomersTable } from '@/features/customers/components/CustomersTable';
import {
  customerFilterParams,
  MIN_SEARCH_LENGTH,
  readCustomerFilter,
  searchCriteria,
  searchTooShort,
} from '@/features/customers/customer-filter';
import type { CustomerFilter } from '@/features/customers/customer-filter';
import { NEW_CUSTOMER_PATH } from '@/features/customers/customer-paths';
import { useWorkBranches } from '@/features/customers/use-work-branches';
import { useAuth } from '@/lib/auth/auth-context';

export function CustomersPage() {
  const { can } = useAuth();
  const [searchParams, setSearchParams] = useSearchParams();
  const filter = readCustomerFilter(searchParams);
  // In memory only: the national id never goes in the page address.
  const [nationalId, setNationalId] = useState('');
  const criteria = searchCriteria(filter, nationalId);
  const { data, error, isPending, isPlaceholderData, refetch, hasNextPage, isFetchingNextPage, fetchNextPage } =
    useCustomers(criteria);
  const { branches } = useWorkBranches();
  const customers = data?.pages.flatMap((page) => page.items) ?? [];
  const searched = Object.keys(criteria).length > 0;

  const applyFilter = (next: CustomerFilter) => setSearchParams(customerFilterParams(next), { replace: true });

  return (
    <Stack gap="lg">
      <PageHeader
        title="Customers"
        description="Find a customer of your branches while they are on the line."
        actions={
          can('customers:create') && (
            <Button component={Link} to={NEW_CUSTOMER_PATH} leftSection={<IconPlus size={16} />}>
              New customer
            </Button>
          )
        }
      />
      <CustomerSearchFilters
        filter={filter}
        onChange={applyFilter}
        nationalId={nationalId}
        onNationalIdChange={setNationalId}
        branches={branches ?? []}
        searchHint={
          searchTooShort(filter, nationalId)
            ? `Type at least ${MIN_SEARCH_LENGTH} characters, or add a filter`
            : undefined
        }
      />
      <Paper withBorder style={{ opacity: isPlaceholderData ? 0.6 : 1 }} aria-busy={isPlaceholderData}>
        {isPending ? (
          <LoadingState label="Searching customers…" />
        ) : error ? (
          <Stack p="md">
            <ErrorState error={error} onRetry={() => void refetch()} />
          </Stack>
        ) : customers.length === 0 ? (
          <EmptyState
            title={searched ? 'No customers match' : 'No customers yet'}
            description={
              searched
                ? 'Check the spelling, try the phone number or email, or clear a filter.'
                : 'Customers of your branches will be listed here once they are created.'
            }
          />
        ) : (
          <CustomersTable customers={customers} />
        )}
      </Paper>
      <LoadMoreButton
        hasNextPage={hasNextPage}
        isFetchingNextPage={isFetchingNextPage}
        onLoadMore={() => void fetchNextPage()}
      />
    </Stack>
  );
}
