import type { CoverageDefinition } from '@contracts/products';
import { Checkbox, Group, NumberInput, Paper, Select, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { UseFormReturnType } from '@mantine/form';
import { toMajorUnits, toMinorUnits } from '@/lib/money';
import { isRange, sumInsuredHint, sumInsuredOptions } from '../quote-draft';
import type { QuoteDraft } from '../quote-draft';
import { formatSum } from '../quote-money';

interface CoverageFieldsProps {
  coverage: CoverageDefinition;
  currency: string;
  form: UseFormReturnType<QuoteDraft>;
  errors: Record<string, string>;
}

/** One coverage: included or not (required ones always), its sum insured and deductible. */
export function CoverageFields({ coverage, currency, form, errors }: CoverageFieldsProps) {
  const path = `coverages.${coverage.code}` as const;
  const choice = form.values.coverages[coverage.code];
  if (!choice) return null;
  const included = coverage.required || choice.included;
  const options = sumInsuredOptions(coverage);
  const deductibles = coverage.deductibleOptions ?? [];

  return (
    <Paper withBorder p="sm" role="group" aria-label={coverage.name} bg={included ? undefined : 'gray.0'}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        {coverage.required ? (
          <Group gap="sm" wrap="nowrap" align="flex-start" miw={150} style={{ flex: 1 }}>
            <ThemeIcon size={20} radius="sm" color="indigo" aria-hidden>
              <IconCheck size={14} />
            </ThemeIcon>
            <Stack gap={0}>
              <Text size="sm" fw={600}>
                {coverage.name}
              </Text>
              <Text size="xs" c="dimmed">
                Always included
              </Text>
            </Stack>
          </Group>
        ) : (
          <Checkbox
            label={
              <Text size="sm" fw={600}>
                {coverage.name}
              </Text>
            }
            description={included ? 'Included' : 'Optional — tick to add'}
            checked={included}
            onChange={(event) => form.setFieldValue(`${path}.included`, event.currentTarget.checked)}
            styles={{ root: { minWidth: 150, flex: 1 } }}
          />
        )}
        {included && (
          <Group gap="sm" align="flex-start" wrap="nowrap" justify="flex-end">
            {isRange(coverage) ? (
              <NumberInput
                label={`Sum insured (${currency})`}
                description={sumInsuredHint(coverage)}
                min={toMajorUnits(coverage.sumInsured.min)}
                max={toMajorUnits(coverage.sumInsured.max)}
                step={toMajorUnits(coverage.sumInsured.step)}
                thousandSeparator=","
                allowNegative={false}
                decimalScale={0}
                clampBehavior="none"
                w={200}
                {...form.getInputProps(`${path}.sumInsured`)}
                error={errors[`${path}.sumInsured`]}
              />
            ) : options.length > 1 ? (
              <Select
                label="Sum insured"
                data={options.map((minor) => ({ value: String(minor), label: formatSum(minor, currency) }))}
                value={choice.sumInsured === '' ? null : String(toMinorUnits(choice.sumInsured))}
                onChange={(value) => form.setFieldValue(`${path}.sumInsured`, value === null ? '' : toMajorUnits(Number(value)))}
                allowDeselect={false}
                w={190}
                error={errors[`${path}.sumInsured`]}
              />
            ) : (
              <Text size="sm" c="dimmed" pt={4}>
                {options[0] ? `Fixed at ${formatSum(options[0], currency)}` : 'A flat charge'}
              </Text>
            )}
            {deductibles.length > 0 && (
              <Select
                label="Deductible"
                data={deductibles.map((minor) => ({ value: String(minor), label: minor === 0 ? 'None' : formatSum(minor, currency) }))}
                allowDeselect={false}
                w={140}
                {...form.getInputProps(`${path}.deductible`)}
                error={errors[`${path}.deductible`]}
              />
            )}
          </Group>
        )}
      </Group>
    </Paper>
  );
}
