import { Button } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { CustomerSort } from '@contracts/customers';
import { ListPage, loadedItems } from '@/components/ListPage';
import { ListSummary } from '@/components/ListSummary';
import { useCustomers } from '@/features/customers/api/search-customers';
import { CustomerSearchFilters } from '@/features/customers/components/CustomerSearchFilters';
import { CustomersTable } from '@/features/customers/components/CustomersTable';
import { customerFilterParams, MIN_SEARCH_LENGTH, readCustomerFilter, searchCriteria, searchTooShort } from '@/features/customers/customer-filter';
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
  const query = useCustomers(criteria);
  const { branches } = useWorkBranches();
  const { sort, ...searchedBy } = criteria;
  const searched = Object.keys(searchedBy).length > 0;
  // Without a sort, a name search is by relevance (no column is the order); anything else by name.
  const rankedSearch = !!criteria.q && !/[@\d]/.test(criteria.q);
  const listSort = {
    value: sort ?? (rankedSearch ? 'relevance' : 'name'),
    onChange: (next: string) => applyFilter({ ...filter, sort: next === 'name' && !rankedSearch ? undefined : (next as CustomerSort) }),
  };

  const applyFilter = (next: CustomerFilter) => setSearchParams(customerFilterParams(next), { replace: true });

  return (
    <ListPage
      title="Customers"
      description="Find a customer of your branches while they are on the line. Name searches list the best matches first; a column header sorts by it."
      summary={<ListSummary total={query.data?.pages[0]?.total} noun={{ one: 'customer', other: 'customers' }} />}
      actions={
        can('customers:create') && (
          <Button component={Link} to={NEW_CUSTOMER_PATH} leftSection={<IconPlus size={16} />}>
            New customer
          </Button>
        )
      }
      filters={
        <CustomerSearchFilters
          filter={filter}
          onChange={applyFilter}
          nationalId={nationalId}
          onNationalIdChange={setNationalId}
          branches={branches ?? []}
          searchHint={searchTooShort(filter, nationalId) ? `Type at least ${MIN_SEARCH_LENGTH} characters, or add a filter` : undefined}
        />
      }
      query={query}
      items={loadedItems(query.data)}
      loadingLabel="Searching customers…"
      empty={
        searched
          ? { title: 'No customers match', description: 'Check the spelling, try the phone number or email, or clear a filter.' }
          : { title: 'No customers yet', description: 'Customers of your branches will be listed here once they are created.' }
      }
    >
      {(customers) => <CustomersTable customers={customers} sort={listSort} />}
    </ListPage>
  );
}
