import type { Customer } from '@contracts/customers';
import { POSTAL_CODE_FORMATS } from '@contracts/postal-codes';
import { Checkbox, Fieldset, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import type { BranchOption } from '@/features/branches';
import { formatDateTime } from '@/lib/format-date';
import { countryName } from '../country-name';
import { CHANNEL_LABELS, GENDER_LABELS, OCCUPATION_CLASS_LABELS, optionsOf } from '../customer-labels';
import { type CUSTOMER_FIELDS, REQUIRED_CUSTOMER_FIELDS } from '../customer-form';
import type { CustomerFormValues } from '../customer-form';
import { AssignedAgentSelect } from './AssignedAgentSelect';

const GENDER_OPTIONS = optionsOf(GENDER_LABELS);
const CHANNEL_OPTIONS = optionsOf(CHANNEL_LABELS);
const OCCUPATION_CLASS_OPTIONS = Object.entries(OCCUPATION_CLASS_LABELS).map(([value, label]) => ({ value, label }));

interface CustomerFieldsProps {
  form: UseFormReturnType<CustomerFormValues>;
  branches: BranchOption[];
  /** The national id input: a plain field when creating, the masked value plus a replacement when editing. */
  nationalIdField: ReactNode;
  /** The customer being edited: its consent dates and current agent. */
  customer?: Customer;
  /** Where the keyboard starts. */
  autoFocus?: boolean;
}

function consentSince(consent: Customer['consents']['marketing'] | undefined): string | undefined {
  if (!consent?.changedAt) return undefined;
  return `${consent.given ? 'Given' : 'Withdrawn'} ${formatDateTime(consent.changedAt)}`;
}

/** Every field of a customer, grouped the way an agent asks for them; shared by the create and edit forms. */
export function CustomerFields({ form, branches, nationalIdField, customer, autoFocus = false }: CustomerFieldsProps) {
  const country = countryName(form.values.address.country);
  const postalCodeFormat = Object.hasOwn(POSTAL_CODE_FORMATS, form.values.address.country) ? POSTAL_CODE_FORMATS[form.values.address.country] : undefined;
  const currentAgent =
    customer?.assignedAgentId && customer.assignedAgentName && form.values.branchId === customer.branchId
      ? { value: customer.assignedAgentId, label: customer.assignedAgentName }
      : null;
  const branchInput = form.getInputProps('branchId');
  // Marked as the API's schema says: a field it cannot go without gets an asterisk (and aria-required).
  const input = (path: (typeof CUSTOMER_FIELDS)[number]) => ({
    ...form.getInputProps(path),
    required: REQUIRED_CUSTOMER_FIELDS.has(path),
  });

  return (
    <Stack gap="md">
      <Fieldset legend="Person">
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
          <TextInput label="First name" autoComplete="off" autoFocus={autoFocus} {...input('firstName')} />
          <TextInput label="Last name" autoComplete="off" {...input('lastName')} />
          <TextInput label="Date of birth" placeholder="YYYY-MM-DD" maxLength={10} autoComplete="off" {...input('dateOfBirth')} />
          <Select label="Gender" data={GENDER_OPTIONS} allowDeselect={false} {...form.getInputProps('gender')} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="Contact">
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label="Email" type="email" autoComplete="off" {...input('email')} />
          <TextInput label="Phone" placeholder="Any format" type="tel" autoComplete="off" {...input('phone')} />
          <Select label="Preferred channel" data={CHANNEL_OPTIONS} allowDeselect={false} {...form.getInputProps('preferredChannel')} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="Address">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Street and number" autoComplete="off" {...input('address.line1')} />
          <TextInput label="Address line 2" placeholder="Optional" autoComplete="off" {...input('address.line2')} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" mt="sm">
          <TextInput label="Postal code" placeholder={postalCodeFormat?.example.split(' or ')[0]} autoComplete="off" {...input('address.postalCode')} />
          <TextInput label="City" autoComplete="off" {...input('address.city')} />
          <TextInput label="Region or state" placeholder="Optional" autoComplete="off" {...input('address.region')} />
          <TextInput
            // The name beside the label, not below the field: the row's inputs stay aligned.
            label={
              <>
                Country{' '}
                <Text span size="xs" c="dimmed" fw={400}>
                  {country ?? 'two-letter code'}
                </Text>
              </>
            }
            placeholder="US"
            maxLength={2}
            autoComplete="off"
            {...input('address.country')}
            onChange={(event) => form.setFieldValue('address.country', event.currentTarget.value.toUpperCase())}
          />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="Identity and risk">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {nationalIdField}
          <TextInput label="Occupation" placeholder="Optional" autoComplete="off" {...form.getInputProps('occupation')} />
          <Select label="Occupation class" data={OCCUPATION_CLASS_OPTIONS} allowDeselect={false} {...form.getInputProps('occupationClass')} />
          <Switch label="Smoker" mt={30} {...form.getInputProps('smoker', { type: 'checkbox' })} />
        </SimpleGrid>
      </Fieldset>
      <Fieldset legend="Consents">
        <Stack gap="xs">
          <Checkbox
            label="Agrees to the processing of their data"
            description={consentSince(customer?.consents.dataProcessing)}
            {...form.getInputProps('consents.dataProcessing', { type: 'checkbox' })}
          />
          <Checkbox
            label="Agrees to receive marketing"
            description={consentSince(customer?.consents.marketing)}
            {...form.getInputProps('consents.marketing', { type: 'checkbox' })}
          />
        </Stack>
      </Fieldset>
      <Fieldset legend="Branch and agent">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label="Branch"
            data={branches}
            allowDeselect={false}
            {...branchInput}
            required={REQUIRED_CUSTOMER_FIELDS.has('branchId')}
            onChange={(branchId) => {
              branchInput.onChange(branchId);
              // An agent belongs to one branch: a new branch needs a new agent.
              if (branchId !== form.values.branchId) form.setFieldValue('assignedAgentId', '');
            }}
          />
          <AssignedAgentSelect branchId={form.values.branchId} current={currentAgent} input={form.getInputProps('assignedAgentId')} />
        </SimpleGrid>
      </Fieldset>
    </Stack>
  );
}
