import { ActionIcon, Button, Group, SimpleGrid, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { newTaxRow } from '../../draft-form';
import type { DraftValues } from '../../draft-form';
import { DecimalInput, MoneyInput } from './inputs';
import { memoItem } from './memo-item';
import type { ErrorSlice } from './memo-item';
import type { DraftForm } from './types';

interface ChargesEditorProps {
  form: DraftForm;
  currency: string;
  policyFee: DraftValues['policyFee'];
  minimumPremium: DraftValues['minimumPremium'];
  premiumTaxByRegion: DraftValues['premiumTaxByRegion'];
  errors: ErrorSlice;
}

/** The fixed parts of the price: policy fee, minimum premium and premium tax by region. */
export const ChargesEditor = memoItem(function ChargesEditor({ form, currency, premiumTaxByRegion: taxes }: ChargesEditorProps) {
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <MoneyInput label={`Policy fee (${currency})`} description="Added once a year" {...form.getInputProps('policyFee')} />
        <MoneyInput label={`Minimum premium (${currency})`} description="The annual premium is topped up to this" {...form.getInputProps('minimumPremium')} />
      </SimpleGrid>
      <div data-path="premiumTaxByRegion" tabIndex={-1}>
        <Text size="sm" fw={500}>
          Premium tax by region
        </Text>
        <Text size="xs" c="dimmed" mb="xs">
          A rate on the premium of customers living in the region: 0.0175 is 1.75%. Regions not listed pay none.
        </Text>
        {taxes.length > 0 && (
          <Table maw={420} verticalSpacing={4} withRowBorders={false}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Region</Table.Th>
                <Table.Th>Tax rate</Table.Th>
                <Table.Th w={40}>
                  <VisuallyHidden>Remove</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {taxes.map((row, index) => (
                <Table.Tr key={row.id}>
                  <Table.Td>
                    <TextInput aria-label={`Premium tax row ${index + 1}: region`} maxLength={40} {...form.getInputProps(`premiumTaxByRegion.${index}.region`)} />
                  </Table.Td>
                  <Table.Td>
                    <DecimalInput aria-label={`Premium tax row ${index + 1}: rate`} {...form.getInputProps(`premiumTaxByRegion.${index}.rate`)} />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={`Remove premium tax row ${index + 1}`} onClick={() => form.removeListItem('premiumTaxByRegion', index)}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group mt="xs">
          <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={() => form.insertListItem('premiumTaxByRegion', newTaxRow())}>
            Add region
          </Button>
        </Group>
      </div>
    </Stack>
  );
});
