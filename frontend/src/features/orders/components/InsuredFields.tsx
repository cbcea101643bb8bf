import { Select, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { GENDER_LABELS } from '@/features/customers';
import { REQUIRED_INSURED_FIELDS } from '../application-form';
import type { ApplicationFormValues } from '../application-form';
import { INSURED_RELATIONSHIP_LABELS } from '../order-labels';

const GENDER_OPTIONS = Object.entries(GENDER_LABELS).map(([value, label]) => ({ value, label }));
const RELATIONSHIP_OPTIONS = Object.entries(INSURED_RELATIONSHIP_LABELS).map(([value, label]) => ({ value, label }));

/** The person whose life or health is insured: the policyholder unless the agent says otherwise. */
export function InsuredFields({ form, policyholderName }: { form: UseFormReturnType<ApplicationFormValues>; policyholderName: string }) {
  const same = form.values.insuredIsPolicyholder;
  // Marked as the API's InsuredPerson says: every field of a named insured person is required.
  const input = (field: keyof ApplicationFormValues['insured']) => ({ ...form.getInputProps(`insured.${field}`), required: REQUIRED_INSURED_FIELDS.has(field) });
  return (
    <Stack gap="sm">
      <Switch
        label={`The policyholder, ${policyholderName}, is the insured person`}
        checked={same}
        onChange={(event) => form.setFieldValue('insuredIsPolicyholder', event.currentTarget.checked)}
      />
      {!same && (
        <>
          <Text size="xs" c="dimmed">
            The person insured, and how they are related to the policyholder.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 5 }} spacing="sm">
            <TextInput label="First name" autoComplete="off" {...input('firstName')} />
            <TextInput label="Last name" autoComplete="off" {...input('lastName')} />
            <TextInput label="Date of birth" placeholder="YYYY-MM-DD" maxLength={10} autoComplete="off" {...input('dateOfBirth')} />
            <Select label="Gender" data={GENDER_OPTIONS} allowDeselect={false} {...input('gender')} />
            <Select label="Relationship" data={RELATIONSHIP_OPTIONS} allowDeselect={false} {...input('relationship')} />
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
