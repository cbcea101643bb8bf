import type { CashValueTable, ProductDefinition } from '@contracts/products';
import { Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { Panel } from '@/components/Panel';
import { yearColumns } from '../cash-value-columns';
import { formatDecimal } from '../product-format';

/** The guaranteed surrender value by policy year, per 1,000 of the coverage's sum insured. */
export function CashValuesPanel({ definition, cashValues }: { definition: ProductDefinition; cashValues: CashValueTable }) {
  const coverage = definition.coverages.find((c) => c.code === cashValues.coverage);
  return (
    <Panel title="Cash values">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Guaranteed cash (surrender) value at the end of each policy year, in {definition.currency} per 1,000 {definition.currency} of{' '}
          {coverage?.name.toLowerCase() ?? cashValues.coverage}. For a sum insured of 100,000, multiply by 100.
        </Text>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
          {yearColumns(cashValues.rows).map((column) => (
            <Paper key={column[0]!.index} withBorder p={4}>
              <Table withRowBorders={false} verticalSpacing={1} horizontalSpacing="xs" fz="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Year</Table.Th>
                    <Table.Th ta="right">Per 1,000</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {column.map(({ row }) => (
                    <Table.Tr key={row.policyYear}>
                      <Table.Td>{row.policyYear}</Table.Td>
                      <Table.Td ta="right" ff="monospace">
                        {formatDecimal(row.perThousand)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          ))}
        </SimpleGrid>
      </Stack>
    </Panel>
  );
}
