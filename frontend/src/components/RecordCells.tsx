// Table cells the record lists (applications, policies, the underwriting queue) share.
import { Anchor, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** The record's number as a link; the row itself also opens the record, so the click stops here. */
export function RecordNumberCell({ to, number }: { to: string; number: string }) {
  return (
    <Table.Td>
      <Anchor component={Link} to={to} ff="monospace" size="sm" fw={600} onClick={(event) => event.stopPropagation()}>
        {number}
      </Anchor>
    </Table.Td>
  );
}

/** The customer's name with their number beneath. */
export function CustomerCell({ customer }: { customer: { name: string; customerNumber: string } }) {
  return (
    <Table.Td>
      <Text size="sm" fw={500}>
        {customer.name}
      </Text>
      <Text size="xs" c="dimmed" ff="monospace">
        {customer.customerNumber}
      </Text>
    </Table.Td>
  );
}

/** Money and other figures: right-aligned, digits in columns, never wrapped. */
export function AmountCell({ children }: { children: ReactNode }) {
  return (
    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
      {children}
    </Table.Td>
  );
}
