import { PAYMENT_FREQUENCIES } from '@contracts/products';
import { Checkbox, Group, Stack, TagsInput, Text } from '@mantine/core';
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
  errors: ErrorSlice;
}

/** The terms on offer and the payment frequencies, each with its loading on the annual premium. */
export const TermsEditor = memoItem(function TermsEditor({ form, frequencyLoadings, errors }: TermsEditorProps) {
  return (
    <Stack gap="md">
      <TagsInput
        label="Terms offered (years)"
        description="Type a number of years and press Enter."
        maw={420}
        splitChars={[',', ' ', ';']}
        acceptValueOnBlur
        {...form.getInputProps('termYears')}
      />
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
