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

/** The customer's name with their number beneath. */
export function CustomerName({ customer }: { customer: { name: string; customerNumber: string } }) {
  return (
    <>
      <Text size="sm" fw={500}>
        {customer.name}
      </Text>
      <Text size="xs" c="dimmed" ff="monospace">
        {customer.customerNumber}
      </Text>
    </>
  );
}
