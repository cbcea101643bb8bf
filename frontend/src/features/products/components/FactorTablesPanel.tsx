import type { FactorTable, ProductDefinition } from '@contracts/products';
import { Paper, ScrollArea, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { Panel } from '@/components/Panel';
import { formatAmount, formatList } from '../product-format';
import { FACTOR_INPUT_LABELS, MONEY_INPUTS, valueLabel } from '../product-labels';

/** Long tables (a factor per state) scroll inside their card instead of stretching the page. */
const SCROLL_AFTER_ROWS = 12;

function rowLabel(table: FactorTable, row: FactorTable['rows'][number], currency: string): string {
  if ('key' in row) return valueLabel(table.input, row.key);
  if (MONEY_INPUTS.has(table.input)) {
    return row.from === row.to ? formatAmount(row.from, currency) : `${formatAmount(row.from)} – ${formatAmount(row.to, currency)}`;
  }
  return row.from === row.to ? String(row.from) : `${row.from}–${row.to}`;
}

function FactorTableView({ table, definition }: { table: FactorTable; definition: ProductDefinition }) {
  const coverageNames = (table.coverages ?? []).map((code) => definition.coverages.find((coverage) => coverage.code === code)?.name ?? code);
  const rows = (
    <Table withRowBorders={false} verticalSpacing={2} horizontalSpacing="xs" fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{FACTOR_INPUT_LABELS[table.input]}</Table.Th>
          <Table.Th ta="right">Factor</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {table.rows.map((row, index) => (
          <Table.Tr key={index}>
            <Table.Td>{rowLabel(table, row, definition.currency)}</Table.Td>
            <Table.Td ta="right" ff="monospace">
              {row.factor}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return (
    <Paper withBorder p="sm" component="section" aria-label={`Factor table ${table.label}`}>
      <Text fw={600} size="sm">
        {table.label}{' '}
        <Text span size="xs" c="dimmed" ff="monospace">
          {table.code}
        </Text>
      </Text>
      <Text size="xs" c="dimmed" mb={4}>
        {coverageNames.length ? `Applies to ${formatList(coverageNames, 'and')}` : 'Applies to every coverage'}
      </Text>
      {table.rows.length > SCROLL_AFTER_ROWS ? <ScrollArea.Autosize mah={300}>{rows}</ScrollArea.Autosize> : rows}
    </Paper>
  );
}

/** The rating factors: how age, region, amounts and the rest move the base rate. Read-only. */
export function FactorTablesPanel({ definition }: { definition: ProductDefinition }) {
  return (
    <Panel title="Rating factors">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Each coverage's base rate is multiplied by the factor of the matching row of every table that applies to it.
        </Text>
        {definition.factorTables.length === 0 ? (
          <Text size="sm" c="dimmed">
            No factor tables: every customer pays the base rate.
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
            {definition.factorTables.map((table) => (
              <FactorTableView key={table.code} table={table} definition={definition} />
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </Panel>
  );
}
