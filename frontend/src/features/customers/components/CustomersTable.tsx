import type { CustomerSummary } from '@contracts/customers';
import { Anchor, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { type ListSort, SortableHeader } from '@/components/SortableHeader';
import { formatDate } from '@/lib/format-date';
import { ariaSort } from '@/lib/list-sort';
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

/** A click anywhere on a row opens the customer; the name is the link keyboard users tab to. */
export function CustomersTable({ customers, sort }: { customers: CustomerSummary[]; sort?: ListSort }) {
  const header = (label: string, field: string) => (sort ? <SortableHeader label={label} field={field} sort={sort} /> : label);
  const ariaSortOf = (field: string) => (sort ? ariaSort(sort.value, field) : undefined);
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={960} type="native">
      <Table verticalSpacing="xs" highlightOnHover layout="fixed" aria-label="Customers">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={100} aria-sort={ariaSortOf('customerNumber')}>
              {header('Number', 'customerNumber')}
            </Table.Th>
            <Table.Th aria-sort={ariaSortOf('name')}>{header('Name', 'name')}</Table.Th>
            <Table.Th w={106}>Date of birth</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th w={132}>Phone</Table.Th>
            <Table.Th w={112}>City</Table.Th>
            <Table.Th w={96}>Status</Table.Th>
            <Table.Th w={132}>KYC</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {customers.map((customer) => (
            <Table.Tr key={customer.id} onClick={() => navigate(customerPath(customer.id))} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <Text size="sm" ff="monospace">
                  {customer.customerNumber}
                </Text>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={customerPath(customer.id)} fw={500} size="sm" display="block" truncate="end" onClick={(event) => event.stopPropagation()}>
                  {customer.firstName} {customer.lastName}
                </Anchor>
              </Table.Td>
              <Table.Td>{formatDate(customer.dateOfBirth)}</Table.Td>
              <Table.Td>
                <Cell text={customer.email} />
              </Table.Td>
              <Table.Td>
                <Cell text={customer.phone && formatPhone(customer.phone)} />
              </Table.Td>
              <Table.Td>
                <Cell text={customer.city} />
              </Table.Td>
              <Table.Td>
                <CustomerStatusBadge status={customer.status} />
              </Table.Td>
              <Table.Td>
                <KycBadge status={customer.kycStatus} prefixed={false} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
