import { Checkbox, Group, SimpleGrid, Stack, Switch, TagsInput } from '@mantine/core';
import { OCCUPATION_CLASS_LABELS } from '@/features/customers';
import type { DraftValues } from '../../draft-form';
import { WholeNumberInput } from './inputs';
import { memoItem } from './memo-item';
import type { ErrorSlice } from './memo-item';
import type { DraftForm } from './types';

interface EligibilityEditorProps {
  form: DraftForm;
  eligibility: DraftValues['eligibility'];
  errors: ErrorSlice;
}

/** Who may buy the product. */
export const EligibilityEditor = memoItem(function EligibilityEditor({ form, eligibility }: EligibilityEditorProps) {
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <WholeNumberInput label="Minimum entry age" min={0} {...form.getInputProps('eligibility.entryAgeMin')} />
        <WholeNumberInput label="Maximum entry age" max={120} {...form.getInputProps('eligibility.entryAgeMax')} />
        <WholeNumberInput label="Maximum age at end of term" placeholder="No limit" {...form.getInputProps('eligibility.maxAgeAtExpiry')} />
      </SimpleGrid>
      <Group gap="xl">
        <Switch label="Smokers accepted" {...form.getInputProps('eligibility.smokersAllowed', { type: 'checkbox' })} />
        <Switch label="Identity must be verified (KYC) before buying" {...form.getInputProps('eligibility.kycVerifiedRequired', { type: 'checkbox' })} />
      </Group>
      <div data-path="eligibility.occupationClasses" tabIndex={-1}>
        <Checkbox.Group label="Occupation classes accepted" {...form.getInputProps('eligibility.occupationClasses')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={6} mt={6}>
            {[1, 2, 3, 4].map((occupationClass) => (
              <Checkbox key={occupationClass} value={String(occupationClass)} label={OCCUPATION_CLASS_LABELS[occupationClass]} />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
      </div>
      <Stack gap={6}>
        <Switch label="Sold only in some regions" {...form.getInputProps('eligibility.regionsRestricted', { type: 'checkbox' })} />
        {eligibility.regionsRestricted && (
          <TagsInput
            label="Regions where it is sold"
            description="Region codes as on the customer's address (e.g. NY). Type one and press Enter, or paste a list."
            splitChars={[',', ' ', ';']}
            acceptValueOnBlur
            clearable
            {...form.getInputProps('eligibility.allowedRegions')}
            onChange={(regions) =>
              form.setFieldValue(
                'eligibility.allowedRegions',
                regions.map((region) => region.trim().toUpperCase()),
              )
            }
          />
        )}
      </Stack>
    </Stack>
  );
});
