import { CONSTRUCTION_TYPES, DESTINATION_ZONES, RISK_INPUT_RANGES, VEHICLE_USES } from '@contracts/products';
import type { ProductCategory, RiskInput } from '@contracts/products';
import type { z } from 'zod';
import { NumberInput, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { QuoteDraft } from '../quote-draft';
import { CONSTRUCTION_TYPE_LABELS, DESTINATION_ZONE_LABELS, RISK_INPUT_LABELS, VEHICLE_USE_LABELS } from '../quote-labels';

const SECTION_TITLES: Partial<Record<z.infer<typeof ProductCategory>, string>> = {
  auto: 'About the vehicle',
  home: 'About the home',
  travel: 'About the trip',
};

const choices = <K extends string>(values: readonly K[], labels: Record<K, string>) => values.map((value) => ({ value, label: labels[value] }));

interface RiskFieldsProps {
  inputs: RiskInput[];
  category: z.infer<typeof ProductCategory>;
  form: UseFormReturnType<QuoteDraft>;
  errors: Record<string, string>;
}

/** What is insured besides the person, asked only when the product rates on it. */
export function RiskFields({ inputs, category, form, errors }: RiskFieldsProps) {
  if (inputs.length === 0) return null;
  const field = (input: RiskInput) => {
    const common = { label: RISK_INPUT_LABELS[input], error: errors[`risk.${input}`] };
    switch (input) {
      case 'vehicleAge':
      case 'tripDays':
        return (
          <NumberInput
            {...common}
            {...form.getInputProps(`risk.${input}`)}
            error={common.error}
            min={RISK_INPUT_RANGES[input][0]}
            max={RISK_INPUT_RANGES[input][1]}
            allowNegative={false}
            allowDecimal={false}
            clampBehavior="none"
            placeholder={input === 'tripDays' ? 'e.g. 10' : 'e.g. 4'}
          />
        );
      case 'vehicleUse':
        return <Select {...common} {...form.getInputProps('risk.vehicleUse')} error={common.error} data={choices(VEHICLE_USES, VEHICLE_USE_LABELS)} placeholder="Choose" />;
      case 'constructionType':
        return (
          <Select
            {...common}
            {...form.getInputProps('risk.constructionType')}
            error={common.error}
            data={choices(CONSTRUCTION_TYPES, CONSTRUCTION_TYPE_LABELS)}
            placeholder="Choose"
          />
        );
      case 'destinationZone':
        return (
          <Select
            {...common}
            {...form.getInputProps('risk.destinationZone')}
            error={common.error}
            data={choices(DESTINATION_ZONES, DESTINATION_ZONE_LABELS)}
            placeholder="Choose"
          />
        );
    }
  };
  return (
    <Stack gap="xs" role="group" aria-label={SECTION_TITLES[category] ?? 'What is insured'}>
      <Text size="sm" fw={600}>
        {SECTION_TITLES[category] ?? 'What is insured'}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {inputs.map((input) => (
          <div key={input}>{field(input)}</div>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
