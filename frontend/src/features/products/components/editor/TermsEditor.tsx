import { PAYMENT_FREQUENCIES } from '@contracts/products';
import { Checkbox, Group, NumberInput, Stack, TagsInput, Text } from '@mantine/core';
import { FREQUENCY_LABELS } from '../../product-labels';
import { DecimalInput } from './inputs';
import type { DraftValues } from '../../draft-form';
import { ListError } from './EditorSection';
import { memoItem } from './memo-item';
import type { ErrorSlice } from './memo-item';
import type { DraftForm } from './types';

interface TermsEditorProps {
  form: DraftForm;
  termYears: DraftValues['termYears'];
  frequencyLoadings: DraftValues['frequencyLoadings'];
  /** A trip product's rule: its policies last for the trip (no terms in years), paid as one single premium. */
  trip: DraftValues['trip'];
  errors: ErrorSlice;
}

/** The terms on offer (or a trip product's longest trip) and the payment frequencies, each with its loading on the premium. */
export const TermsEditor = memoItem(function TermsEditor({ form, frequencyLoadings, trip, errors }: TermsEditorProps) {
  return (
    <Stack gap="md">
      {trip ? (
        <NumberInput
          label="Longest trip (days)"
          description="A trip product: each policy lasts for its trip (departure to return, both days covered) and is paid as one single premium, so it offers no terms in years."
          maw={420}
          min={1}
          max={180}
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('trip.maxDays')}
        />
      ) : (
        <TagsInput
          label="Terms offered (years)"
          description="Type a number of years and press Enter."
          maw={420}
          splitChars={[',', ' ', ';']}
          acceptValueOnBlur
          {...form.getInputProps('termYears')}
        />
      )}
      <div>
        <Text size="sm" fw={500}>
          Payment frequencies
        </Text>
        <Text size="xs" c="dimmed" mb="xs">
          The loading is added to the annual premium when paying this way: 0.05 is 5% more.
        </Text>
        <ListError path="frequencyLoadings" error={errors.frequencyLoadings as string | undefined} />
        <Stack gap={6}>
          {PAYMENT_FREQUENCIES.map((frequency) => {
            const offered = frequencyLoadings[frequency].offered;
            return (
              <Group key={frequency} gap="sm" align="flex-start" wrap="nowrap">
                <Checkbox label={FREQUENCY_LABELS[frequency]} w={170} mt={8} {...form.getInputProps(`frequencyLoadings.${frequency}.offered`, { type: 'checkbox' })} />
                <DecimalInput
                  aria-label={`Loading for paying ${FREQUENCY_LABELS[frequency].toLowerCase()}`}
                  w={120}
                  disabled={!offered}
                  {...form.getInputProps(`frequencyLoadings.${frequency}.loading`)}
                />
              </Group>
            );
          })}
        </Stack>
      </div>
    </Stack>
  );
});
