// Cell contents the record lists (applications, policies, the underwriting queue) share; RecordTable draws the cells.
import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';

/** The record's number as a link; the row itself also opens the record, so the click stops here. */
export function RecordNumberLink({ to, number }: { to: string; number: string }) {
  return (
    <Anchor component={Link} to={to} ff="monospace" size="sm" fw={600} onClick={(event) => event.stopPropagation()}>
      {number}
    </Anchor>
  );
}

/** The customer's page (the customers feature's customerPath; shared cells cannot import a feature). */
const customerPage = (id: string) => `/customers/${id}`;

/** The customer's name, a link to their page (the row's own click stops here), with their number beneath when known. */
export function CustomerName({ customer }: { customer: { id: string; name: string; customerNumber?: string } }) {
  return (
    <>
      <Anchor component={Link} to={customerPage(customer.id)} size="sm" fw={500} onClick={(event) => event.stopPropagation()} data-customer-link>
        {customer.name}
      </Anchor>
      {customer.customerNumber && (
        <Text size="xs" c="dimmed" ff="monospace">
          {customer.customerNumber}
        </Text>
      )}
    </>
  );
}
