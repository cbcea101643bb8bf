import { ActionIcon, Button, Group, Select, SimpleGrid, Stack, Switch, Table, Text, Textarea, VisuallyHidden } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { yearColumns } from '../../cash-value-columns';
import { newCashValueRow } from '../../draft-form';
import type { DraftValues } from '../../draft-form';
import { ListError } from './EditorSection';
import { DecimalInput } from './inputs';
import { memoItem } from './memo-item';
import type { ErrorSlice } from './memo-item';
import type { CoverageOption, DraftForm } from './types';

/** "0.00 39.60\n77.46" → ["0.00", "39.60", "77.46"]: a column pasted from a spreadsheet. */
function pastedAmounts(text: string): string[] {
  return text
    .split(/[\s;]+/)
    .map((value) => value.trim())
    .filter(Boolean);
}

/** Guaranteed cash values by policy year (whole life); the rows are years 1, 2, 3… in order. */
interface CashValuesEditorProps {
  form: DraftForm;
  cashValues: DraftValues['cashValues'];
  coverages: CoverageOption[];
  errors: ErrorSlice;
}

export const CashValuesEditor = memoItem(function CashValuesEditor({ form, cashValues, coverages, errors }: CashValuesEditorProps) {
  const [pasted, setPasted] = useState('');
  const appendPasted = () => {
    const rows = pastedAmounts(pasted).map((perThousand) => ({ ...newCashValueRow(), perThousand }));
    form.setFieldValue('cashValues.rows', [...cashValues.rows, ...rows]);
    setPasted('');
  };

  return (
    <Stack gap="sm">
      <Switch label="This product builds a guaranteed cash value" {...form.getInputProps('cashValues.enabled', { type: 'checkbox' })} />
      {cashValues.enabled && (
        <>
          <Select label="Per 1,000 of the sum insured of" w={320} data={coverages} {...form.getInputProps('cashValues.coverage')} />
          <ListError path="cashValues.rows" error={errors['cashValues.rows'] as string | undefined} />
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm" aria-label="Cash values by policy year" role="group">
            {yearColumns(cashValues.rows).map((column) => (
              <Table key={column[0]!.row.id} verticalSpacing={2} horizontalSpacing={4} withRowBorders={false}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={44}>Year</Table.Th>
                    <Table.Th>Per 1,000</Table.Th>
                    <Table.Th w={32}>
                      <VisuallyHidden>Remove</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {column.map(({ row, index }) => (
                    <Table.Tr key={row.id} style={{ verticalAlign: 'top' }}>
                      <Table.Td pt={6}>
                        <Text size="sm">{index + 1}</Text>
                      </Table.Td>
                      <Table.Td>
                        <DecimalInput
                          size="xs"
                          aria-label={`Cash value at the end of year ${index + 1}, per 1,000`}
                          {...form.getInputProps(`cashValues.rows.${index}.perThousand`)}
                        />
                      </Table.Td>
                      <Table.Td>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          size="sm"
                          mt={2}
                          aria-label={`Remove year ${index + 1}`}
                          onClick={() => form.removeListItem('cashValues.rows', index)}
                        >
                          <IconTrash size={14} />
                        </ActionIcon>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ))}
          </SimpleGrid>
          <Group>
            <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('cashValues.rows', newCashValueRow())}>
              Add year {cashValues.rows.length + 1}
            </Button>
          </Group>
          <Stack gap="xs" maw={480}>
            <Textarea
              label="Add several years at once"
              description="Paste a column of amounts (one per year, e.g. from a spreadsheet); they follow the last year above."
              autosize
              minRows={2}
              maxRows={8}
              value={pasted}
              onChange={(event) => setPasted(event.currentTarget.value)}
            />
            <Group>
              <Button size="xs" variant="default" disabled={pastedAmounts(pasted).length === 0} onClick={appendPasted}>
                Add {pastedAmounts(pasted).length || ''} years
              </Button>
            </Group>
          </Stack>
        </>
      )}
    </Stack>
  );
});
