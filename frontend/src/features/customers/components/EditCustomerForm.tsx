import type { Customer, DuplicateList } from '@contracts/customers';
import type { Branch } from '@contracts/identity';
import { Button, Fieldset, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useMemo, useState } from 'react';
import { branchOptions } from '@/features/branches';
import { useBusinessDate } from '@/features/system';
import { describeError } from '@/lib/api-error';
import type { ErrorDescription } from '@/lib/api-error';
import { isVersionConflict } from '@/lib/concurrency';
import { focusFirstError, serverFieldErrors } from '@/lib/form-errors';
import { notifySuccess, notifyVersionConflict } from '@/lib/notify';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import { useDialogTarget } from '@/lib/use-dialog-target';
import { FailureAlert } from '@/components/FailureAlert';
import { useUpdateCustomer } from '../api/update-customer';
import { CUSTOMER_FIELDS, customerChanges, customerValues, updateCustomerFormSchema } from '../customer-form';
import type { CustomerFormValues } from '../customer-form';
import { duplicateCandidates } from '../duplicate-error';
import { CustomerFields } from './CustomerFields';
import { DuplicateDialog } from './DuplicateDialog';
import { StickyFormActions } from '@/components/StickyFormActions';

interface EditCustomerFormProps {
  customer: Customer;
  /** The branches the user works in. */
  branches: readonly Branch[];
  /** Without customers:update the form shows the values but cannot change them. */
  readOnly: boolean;
}

/** Mount it with `key={customer.version}`: after every save or refetch it starts again from the server's values. */
export function EditCustomerForm({ customer, branches, readOnly }: EditCustomerFormProps) {
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const duplicates = useDialogTarget<DuplicateList>();
  const today = useBusinessDate();
  const schema = useMemo(() => updateCustomerFormSchema(customer, today), [customer, today]);
  const form = useForm<CustomerFormValues>({
    mode: 'controlled',
    initialValues: customerValues(customer),
    validate: schemaResolver(schema, { sync: true }),
  });
  const mutation = useUpdateCustomer({
    onSuccess: (saved) => {
      duplicates.close();
      notifySuccess('Customer saved', `The changes to ${saved.firstName} ${saved.lastName} are saved.`);
    },
    onError: (error) => {
      // The refetch that follows remounts this form with the other person's version.
      if (isVersionConflict(error)) return notifyVersionConflict();
      const candidates = duplicateCandidates(error);
      if (candidates) return duplicates.open(candidates);
      duplicates.close();
      const { byField, unplaced } = serverFieldErrors(error, CUSTOMER_FIELDS);
      form.setErrors(byField);
      focusFirstError(byField, CUSTOMER_FIELDS, form.getInputNode);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(describeError(error));
    },
  });
  const changed = Object.keys(customerChanges(customer, form.values)).length > 0;
  // Until the saved customer remounts this form, its values still differ from the old version's.
  useUnsavedChanges(changed && !readOnly && !mutation.isSuccess);

  const save = (confirmNotDuplicate: boolean) => {
    setFailure(null);
    const changes = customerChanges(customer, form.values);
    mutation.mutate({ customer, changes: confirmNotDuplicate ? { ...changes, confirmNotDuplicate } : changes });
  };

  return (
    <>
      <form
        onSubmit={form.onSubmit(
          () => save(false),
          (errors) => focusFirstError(errors, CUSTOMER_FIELDS, form.getInputNode),
        )}
        noValidate
        aria-label={`Edit ${customer.firstName} ${customer.lastName}`}
      >
        <Stack gap="md">
          <FailureAlert failure={failure} />
          {/* A disabled fieldset disables every field in it: readers see the record without an edit affordance. */}
          <Fieldset variant="unstyled" disabled={readOnly} p={0}>
            <CustomerFields
              form={form}
              branches={branchOptions(branches, [customer.branchId])}
              customer={customer}
              nationalIdField={
                <TextInput
                  label="National id"
                  // Empty keeps the current one, which is only ever shown masked.
                  placeholder={customer.nationalIdMasked ? `Replace ${customer.nationalIdMasked}` : 'Not recorded'}
                  autoComplete="off"
                  {...form.getInputProps('nationalId')}
                />
              }
            />
          </Fieldset>
          {!readOnly && (
            <StickyFormActions>
              <Button variant="default" disabled={!changed} onClick={() => form.reset()}>
                Discard changes
              </Button>
              <Button type="submit" disabled={!changed} loading={mutation.isPending && !duplicates.opened}>
                Save changes
              </Button>
            </StickyFormActions>
          )}
        </Stack>
      </form>
      <DuplicateDialog
        opened={duplicates.opened}
        duplicates={duplicates.target ?? { items: [], inOtherBranch: false }}
        confirmLabel="Save anyway"
        loading={mutation.isPending}
        onConfirm={() => save(true)}
        onClose={duplicates.close}
      />
    </>
  );
}
