import type { LateFeeRule } from '@contracts/products';
import { ActionIcon, Button, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { newTaxRow } from '../../draft-form';
import type { DraftValues } from '../../draft-form';
import { DecimalInput, MoneyInput, WholeNumberInput } from './inputs';
import { memoItem } from './memo-item';
import type { ErrorSlice } from './memo-item';
import type { DraftForm } from './types';

interface ChargesEditorProps {
  form: DraftForm;
  currency: string;
  policyFee: DraftValues['policyFee'];
  minimumPremium: DraftValues['minimumPremium'];
  premiumTaxByRegion: DraftValues['premiumTaxByRegion'];
  lateFee: DraftValues['lateFee'];
  errors: ErrorSlice;
}

const LATE_FEE_KINDS: { value: LateFeeRule['kind']; label: string }[] = [
  { value: 'none', label: 'No late fee' },
  { value: 'flat', label: 'A flat amount' },
  { value: 'percentage', label: 'A percentage of the unpaid installment' },
];

/** What a late installment costs: none, a flat amount, or a percentage with a cap, after N days. */
function LateFeeFields({ form, currency, lateFee }: Pick<ChargesEditorProps, 'form' | 'currency' | 'lateFee'>) {
  return (
    <div data-path="lateFee" tabIndex={-1}>
      <Text size="sm" fw={500}>
        Late fee
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        Charged once on an invoice whose installment is still unpaid more than the given number of days after its due date, as its own line. Senior agents and managers can waive
        it.
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
        <Select label="Late fee" data={LATE_FEE_KINDS} allowDeselect={false} {...form.getInputProps('lateFee.kind')} />
        {lateFee.kind === 'flat' && <MoneyInput label={`Amount (${currency})`} {...form.getInputProps('lateFee.amount')} />}
        {lateFee.kind === 'percentage' && (
          <>
            <DecimalInput label="Rate" description="0.05 is 5% of what is unpaid" {...form.getInputProps('lateFee.rate')} />
            <MoneyInput label={`At most (${currency})`} description="The fee never exceeds this" {...form.getInputProps('lateFee.cap')} />
          </>
        )}
        {lateFee.kind !== 'none' && (
          <WholeNumberInput label="Days late before the fee" description="Charged from the day after" min={0} max={365} {...form.getInputProps('lateFee.afterDays')} />
        )}
      </SimpleGrid>
    </div>
  );
}

/** The fixed parts of the price (policy fee, minimum premium, premium tax by region) and the late fee. */
export const ChargesEditor = memoItem(function ChargesEditor({ form, currency, premiumTaxByRegion: taxes, lateFee }: ChargesEditorProps) {
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
      <LateFeeFields form={form} currency={currency} lateFee={lateFee} />
    </Stack>
  );
});
