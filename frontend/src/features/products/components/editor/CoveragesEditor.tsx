import { ActionIcon, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Switch, TagsInput, Text, TextInput } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { newCoverage } from '../../draft-form';
import type { CoverageValues } from '../../draft-form';
import { optionsOf, RATE_BASIS_LABELS } from '../../product-labels';
import { CodeInput, DecimalInput, MoneyInput } from './inputs';
import { EditorList } from './EditorSection';
import { errorsUnder, memoItem } from './memo-item';
import type { ErrorSlice } from './memo-item';
import type { DraftForm } from './types';

const RATE_BASIS_OPTIONS = optionsOf(RATE_BASIS_LABELS);
// Amounts contain commas ("250,000"), so tags are split on ";" and Enter only.
const AMOUNT_SPLIT = [';'];

interface CoverageEditorProps {
  form: DraftForm;
  index: number;
  coverage: CoverageValues;
  currency: string;
  errors: ErrorSlice;
}

const CoverageEditor = memoItem(function CoverageEditor({ form, index, coverage, currency }: CoverageEditorProps) {
  const path = `coverages.${index}`;
  const name = coverage.code || `Coverage ${index + 1}`;
  return (
    <Paper withBorder p="sm" component="fieldset" aria-label={`Coverage ${name}`} style={{ margin: 0, minWidth: 0 }}>
      <Stack gap="sm">
        <Group align="flex-start" gap="sm" wrap="nowrap">
          <CodeInput label="Code" w={150} {...form.getInputProps(`${path}.code`)} />
          <TextInput label="Name" style={{ flex: 1 }} {...form.getInputProps(`${path}.name`)} />
          <Switch label="Always included" mt={30} {...form.getInputProps(`${path}.required`, { type: 'checkbox' })} />
          <ActionIcon variant="subtle" color="red" mt={26} aria-label={`Remove coverage ${name}`} onClick={() => form.removeListItem('coverages', index)}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select label="Rate basis" data={RATE_BASIS_OPTIONS} allowDeselect={false} {...form.getInputProps(`${path}.rateBasis`)} />
          <DecimalInput
            label="Base rate"
            description={coverage.rateBasis === 'per_1000' ? `${currency} per 1,000 ${currency} insured` : `${currency} a year`}
            {...form.getInputProps(`${path}.rate`)}
          />
          <div>
            <Text size="sm" fw={500} mb={4} id={`${path}-si-kind`}>
              Sum insured
            </Text>
            <SegmentedControl
              aria-labelledby={`${path}-si-kind`}
              size="xs"
              data={[
                { value: 'range', label: 'A range' },
                { value: 'options', label: 'Fixed amounts' },
              ]}
              {...form.getInputProps(`${path}.sumInsured.kind`)}
            />
          </div>
        </SimpleGrid>
        {coverage.sumInsured.kind === 'range' ? (
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <MoneyInput label={`Sum insured from (${currency})`} {...form.getInputProps(`${path}.sumInsured.min`)} />
            <MoneyInput label={`Sum insured up to (${currency})`} {...form.getInputProps(`${path}.sumInsured.max`)} />
            <MoneyInput label={`In steps of (${currency})`} {...form.getInputProps(`${path}.sumInsured.step`)} />
          </SimpleGrid>
        ) : (
          <TagsInput
            label={`Sums insured offered (${currency})`}
            description="Type an amount and press Enter; 0 for a fixed benefit without a sum insured."
            splitChars={AMOUNT_SPLIT}
            acceptValueOnBlur
            {...form.getInputProps(`${path}.sumInsured.options`)}
          />
        )}
        <TagsInput
          label={`Deductibles offered (${currency})`}
          placeholder="None: type an amount and press Enter"
          splitChars={AMOUNT_SPLIT}
          acceptValueOnBlur
          {...form.getInputProps(`${path}.deductibleOptions`)}
        />
      </Stack>
    </Paper>
  );
});

/** The coverages a customer can choose, with their rates and the amounts on offer. */
export function CoveragesEditor({ form, coverages, currency, errors }: { form: DraftForm; coverages: CoverageValues[]; currency: string; errors: ErrorSlice }) {
  return (
    <EditorList path="coverages" error={errors.coverages as string | undefined} addLabel="Add coverage" onAdd={() => form.insertListItem('coverages', newCoverage())}>
      {coverages.map((coverage, index) => (
        <CoverageEditor key={coverage.id} form={form} index={index} coverage={coverage} currency={currency} errors={errorsUnder(errors, `coverages.${index}`)} />
      ))}
    </EditorList>
  );
}
