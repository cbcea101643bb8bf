import type { CustomerSummary } from '@contracts/customers';
import { Anchor, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { RecordTable, type RecordColumn } from '@/components/RecordTable';
import type { ListSort } from '@/components/SortableHeader';
import { formatDate } from '@/lib/format-date';
import { formatPhone } from '@/lib/phone';
import { customerPath } from '../customer-paths';
import { CustomerStatusBadge } from './CustomerStatusBadge';
import { KycBadge } from './KycBadge';

/** One line per row: long emails and city names are cut, the full text is in the tooltip. */
function Cell({ text }: { text: string | null }) {
  if (text === null) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Text size="sm" truncate="end" title={text}>
      {text}
    </Text>
  );
}

const COLUMNS: RecordColumn<CustomerSummary>[] = [
  {
    header: 'Number',
    w: 100,
    priority: 'key',
    sortField: 'customerNumber',
    cell: (customer) => (
      <Text size="sm" ff="monospace">
        {customer.customerNumber}
      </Text>
    ),
  },
  {
    header: 'Name',
    priority: 'key',
    sortField: 'name',
    cell: (customer) => (
      <Anchor component={Link} to={customerPath(customer.id)} fw={500} size="sm" display="block" truncate="end" onClick={(event) => event.stopPropagation()}>
        {customer.firstName} {customer.lastName}
      </Anchor>
    ),
  },
  { header: 'Date of birth', w: 106, cell: (customer) => formatDate(customer.dateOfBirth) },
  { header: 'Email', cell: (customer) => <Cell text={customer.email} /> },
  { header: 'Phone', w: 132, cell: (customer) => <Cell text={customer.phone && formatPhone(customer.phone)} /> },
  { header: 'City', w: 112, cell: (customer) => <Cell text={customer.city} /> },
  { header: 'Status', w: 96, priority: 'key', cell: (customer) => <CustomerStatusBadge status={customer.status} /> },
  { header: 'KYC', w: 132, cell: (customer) => <KycBadge status={customer.kycStatus} prefixed={false} /> },
];

/** A click anywhere on a row opens the customer; the name is the link keyboard users tab to. */
export function CustomersTable({ customers, sort }: { customers: CustomerSummary[]; sort?: ListSort }) {
  const navigate = useNavigate();
  return (
    <RecordTable
      aria-label="Customers"
      minWidth={960}
      verticalSpacing="xs"
      layout="fixed"
      rows={customers}
      columns={COLUMNS}
      sort={sort}
      rowLabel={(customer) => `${customer.firstName} ${customer.lastName}`}
      idPrefix="customer"
      onRowClick={(customer) => navigate(customerPath(customer.id))}
    />
  );
}
