import type { CustomerOverview } from '@contracts/customers';
import { Table, Text } from '@mantine/core';
import { formatMoney } from '@/lib/money';
import { Panel } from '@/components/Panel';

/** Premiums paid − claims paid + expected future premiums, with each part shown. */
export function LifetimeValuePanel({ value }: { value: CustomerOverview['lifetimeValue'] }) {
  const money = (minorUnits: number) => formatMoney(minorUnits, value.currency);
  return (
    <Panel title="Lifetime value">
      <Text fz="xl" fw={600} mb="xs">
        {money(value.amount)}
      </Text>
      <Table verticalSpacing={4} fz="sm" withRowBorders={false}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td>Premiums paid</Table.Td>
            <Table.Td ta="right">{money(value.premiumsPaid)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td>Claims paid</Table.Td>
            <Table.Td ta="right">− {money(value.claimsPaid)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td>Expected future premiums</Table.Td>
            <Table.Td ta="right">{money(value.expectedFuturePremiums)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Panel>
  );
}
