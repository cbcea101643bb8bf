import { APPROVAL_KINDS } from '@contracts/identity';
import type { ApprovalLimit } from '@contracts/identity';
import { ROLE_LABELS } from '@contracts/permissions';
import { Table, Text } from '@mantine/core';
import { formatMoney, toMinorUnits } from '@/lib/money';
import { APPROVAL_KIND_LABELS } from '../approval-kind-labels';
import { toRows } from '../limit-grid';

/** The read-only grid for roles that may see the limits but not change them. */
export function ApprovalLimitsView({ items }: { items: readonly ApprovalLimit[] }) {
  return (
    <Table.ScrollContainer minWidth={860} type="native">
      <Table verticalSpacing="sm" tabularNums>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>Role</Table.Th>
            <Table.Th w={90}>Currency</Table.Th>
            {APPROVAL_KINDS.map((kind) => (
              <Table.Th key={kind} ta="right">
                {APPROVAL_KIND_LABELS[kind]}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {toRows(items).map((row) => (
            <Table.Tr key={row.id}>
              <Table.Td fw={500}>{ROLE_LABELS[row.role]}</Table.Td>
              <Table.Td>{row.currency}</Table.Td>
              {APPROVAL_KINDS.map((kind) => {
                const amount = row.amounts[kind];
                return (
                  <Table.Td key={kind} ta="right">
                    {amount === '' ? (
                      <Text span size="sm" c="dimmed" aria-label="Not allowed">
                        —
                      </Text>
                    ) : (
                      formatMoney(toMinorUnits(Number(amount)), row.currency)
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
