import { FACTOR_INPUTS } from '@contracts/products';
import type { FactorInput } from '@contracts/products';
import { ActionIcon, Button, Group, MultiSelect, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { newFactorRow, newFactorTable } from '../../draft-form';
import type { FactorRowValues, FactorTableValues } from '../../draft-form';
import { CATEGORY_DOMAINS, FACTOR_INPUT_LABELS, MONEY_INPUTS, NUMERIC_INPUTS, valueLabel } from '../../product-labels';
import { EditorList, ListError } from './EditorSection';
import { CodeInput, DecimalInput, MoneyInput, WholeNumberInput } from './inputs';
import { errorsUnder, memoItem } from './memo-item';
import type { ErrorSlice } from './memo-item';
import type { CoverageOption, DraftForm } from './types';

const INPUT_OPTIONS = FACTOR_INPUTS.map((input) => ({ value: input, label: FACTOR_INPUT_LABELS[input] }));
const KIND_OPTIONS = [
  { value: 'band', label: 'Bands (from–to)' },
  { value: 'category', label: 'Categories' },
];

/** "Entry age" or, while unnamed, "Table 2": how cells of this table are named for screen readers. */
export function tableName(table: FactorTableValues, index: number): string {
  return table.label.trim() || table.code.trim() || `Table ${index + 1}`;
}

/** The values a category table must price, when the input has a fixed set (regions are the product's own). */
function categoryDomain(input: FactorInput, allowedRegions: readonly string[] | null): readonly string[] | undefined {
  if (input === 'region') return allowedRegions ?? undefined;
  return CATEGORY_DOMAINS[input];
}

interface FactorRowEditorProps {
  form: DraftForm;
  /** `factorTables.0` */
  tablePath: string;
  rowIndex: number;
  row: FactorRowValues;
  tableName: string;
  kind: FactorTableValues['kind'];
  input: FactorInput;
  /** Choices for a category row's value, when the input has a fixed set. */
  choices: { value: string; label: string }[] | null;
  errors: ErrorSlice;
}

const FactorRowEditor = memoItem(function FactorRowEditor({ form, tablePath, rowIndex, tableName: name, kind, input, choices }: FactorRowEditorProps) {
  const rowPath = `${tablePath}.rows.${rowIndex}`;
  const cell = (column: string) => `${name} row ${rowIndex + 1}: ${column}`;
  const BoundInput = MONEY_INPUTS.has(input) ? MoneyInput : WholeNumberInput;
  const keyLabel = cell(FACTOR_INPUT_LABELS[input].toLowerCase());
  return (
    <Table.Tr style={{ verticalAlign: 'top' }}>
      <Table.Td pt={12}>
        <Text size="sm" c="dimmed">
          {rowIndex + 1}
        </Text>
      </Table.Td>
      {kind === 'band' ? (
        <>
          <Table.Td>
            <BoundInput aria-label={cell('from')} {...form.getInputProps(`${rowPath}.from`)} />
          </Table.Td>
          <Table.Td>
            <BoundInput aria-label={cell('to')} {...form.getInputProps(`${rowPath}.to`)} />
          </Table.Td>
        </>
      ) : (
        <Table.Td>
          {choices ? (
            <Select aria-label={keyLabel} data={choices} {...form.getInputProps(`${rowPath}.key`)} />
          ) : (
            <TextInput aria-label={keyLabel} {...form.getInputProps(`${rowPath}.key`)} />
          )}
        </Table.Td>
      )}
      <Table.Td>
        <DecimalInput aria-label={cell('factor')} {...form.getInputProps(`${rowPath}.factor`)} />
      </Table.Td>
      <Table.Td>
        <ActionIcon variant="subtle" color="red" mt={4} aria-label={`Remove ${name} row ${rowIndex + 1}`} onClick={() => form.removeListItem(`${tablePath}.rows`, rowIndex)}>
          <IconTrash size={16} />
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
});

interface FactorTableEditorProps {
  form: DraftForm;
  index: number;
  table: FactorTableValues;
  coverages: CoverageOption[];
  currency: string;
  allowedRegions: readonly string[] | null;
  errors: ErrorSlice;
}

const FactorTableEditor = memoItem(function FactorTableEditor({ form, index, table, coverages, currency, allowedRegions, errors }: FactorTableEditorProps) {
  const path = `factorTables.${index}`;
  const name = tableName(table, index);
  const band = table.kind === 'band';
  const domain = band ? undefined : categoryDomain(table.input, allowedRegions);
  const missing = domain?.filter((value) => !table.rows.some((row) => row.key.trim() === value)) ?? [];
  // Regions are typed (51 states make a long list); other fixed sets are chosen.
  const choices = domain && table.input !== 'region' ? domain.map((value) => ({ value, label: valueLabel(table.input, value) })) : null;
  const unit = MONEY_INPUTS.has(table.input) ? ` (${currency})` : '';

  // Choosing the input picks the natural kind: numbers in bands, the rest by category.
  const chooseInput = (input: string | null) => {
    if (!input) return;
    form.setFieldValue(`${path}.input`, input as FactorInput);
    form.setFieldValue(`${path}.kind`, NUMERIC_INPUTS.has(input as FactorInput) ? 'band' : 'category');
  };
  const addMissingRows = () =>
    form.setFieldValue(`${path}.rows`, [
      // An untouched new row is replaced rather than left empty.
      ...table.rows.filter((row) => row.key.trim() !== ''),
      ...missing.map((key) => ({ ...newFactorRow(), key })),
    ]);

  return (
    <Paper withBorder p="sm" component="section" aria-label={`Factor table ${name}`} data-path={path} tabIndex={-1}>
      <Stack gap="sm">
        <Group align="flex-start" gap="sm" wrap="nowrap">
          <Group align="flex-start" gap="sm" style={{ flex: 1 }}>
            <CodeInput label="Code" w={140} {...form.getInputProps(`${path}.code`)} />
            <TextInput label="Label" w={200} {...form.getInputProps(`${path}.label`)} />
            <Select label="Rated on" w={190} data={INPUT_OPTIONS} allowDeselect={false} {...form.getInputProps(`${path}.input`)} onChange={chooseInput} />
            <div>
              <Text size="sm" fw={500} mb={4} id={`${path}-kind`}>
                Kind
              </Text>
              <SegmentedControl aria-labelledby={`${path}-kind`} data={KIND_OPTIONS} {...form.getInputProps(`${path}.kind`)} />
            </div>
          </Group>
          <ActionIcon variant="subtle" color="red" mt={26} aria-label={`Remove factor table ${name}`} onClick={() => form.removeListItem('factorTables', index)}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
        <MultiSelect
          label="Applies to"
          placeholder={table.coverages.length ? undefined : 'Every coverage'}
          maw={720}
          data={coverages}
          clearable
          {...form.getInputProps(`${path}.coverages`)}
        />
        <ListError path={`${path}.rows`} error={errors[`${path}.rows`] as string | undefined} />
        <Table verticalSpacing={4} horizontalSpacing="xs" withRowBorders={false} maw={band ? 640 : 480} aria-label={`${name} rows`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40}>#</Table.Th>
              {band ? (
                <>
                  <Table.Th>From{unit}</Table.Th>
                  <Table.Th>To{unit}</Table.Th>
                </>
              ) : (
                <Table.Th>{FACTOR_INPUT_LABELS[table.input]}</Table.Th>
              )}
              <Table.Th w={140}>Factor</Table.Th>
              <Table.Th w={40}>
                <VisuallyHidden>Remove</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.rows.map((row, rowIndex) => (
              <FactorRowEditor
                key={row.id}
                form={form}
                tablePath={path}
                rowIndex={rowIndex}
                row={row}
                tableName={name}
                kind={table.kind}
                input={table.input}
                choices={choices}
                errors={errorsUnder(errors, `${path}.rows.${rowIndex}`)}
              />
            ))}
          </Table.Tbody>
        </Table>
        <Group gap="xs">
          <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem(`${path}.rows`, newFactorRow())}>
            Add row
          </Button>
          {missing.length > 0 && (
            <Button size="xs" variant="subtle" onClick={addMissingRows}>
              Add the {missing.length} missing {missing.length === 1 ? 'value' : 'values'} (factor 1.00)
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
});

interface FactorTablesEditorProps {
  form: DraftForm;
  factorTables: FactorTableValues[];
  coverages: CoverageOption[];
  currency: string;
  /** The eligible regions, when the product is sold only in some: a region table must price each. */
  allowedRegions: readonly string[] | null;
  errors: ErrorSlice;
}

/** Every factor table with its rows; publishing checks that bands leave no gaps and categories miss no value. */
export function FactorTablesEditor({ form, factorTables, coverages, currency, allowedRegions, errors }: FactorTablesEditorProps) {
  return (
    <EditorList path="factorTables" addLabel="Add factor table" onAdd={() => form.insertListItem('factorTables', newFactorTable())}>
      {factorTables.map((table, index) => (
        <FactorTableEditor
          key={table.id}
          form={form}
          index={index}
          table={table}
          coverages={coverages}
          currency={currency}
          allowedRegions={allowedRegions}
          errors={errorsUnder(errors, `factorTables.${index}`)}
        />
      ))}
    </EditorList>
  );
}
