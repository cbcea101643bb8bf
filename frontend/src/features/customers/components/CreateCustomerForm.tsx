import type { Customer, DuplicateList } from '@contracts/customers';
import type { Branch } from '@contracts/identity';
import { Box, Button, Grid, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { branchOptions } from '@/features/branches';
import { useBusinessDate } from '@/features/system';
import { describeError } from '@/lib/api-error';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import type { ErrorDescription } from '@/lib/api-error';
import { useCurrentUser } from '@/lib/auth/auth-context';
import { focusFirstError, serverFieldErrors } from '@/lib/form-errors';
import { useDialogTarget } from '@/lib/use-dialog-target';
import { FailureAlert } from '@/components/FailureAlert';
import { useCreateCustomer } from '../api/create-customer';
import { createBody, createCustomerFormSchema, CUSTOMER_FIELDS, duplicateDraft, emptyCustomerValues } from '../customer-form';
import type { CustomerFormValues } from '../customer-form';
import { duplicateCandidates } from '../duplicate-error';
import { CustomerFields } from './CustomerFields';
import { DuplicateDialog } from './DuplicateDialog';
import { StickyFormActions } from '@/components/StickyFormActions';
import { PossibleDuplicatesPanel } from './PossibleDuplicatesPanel';

// Long enough not to ask on every keystroke, short enough to warn before the agent moves on.
const DUPLICATE_CHECK_DELAY_MS = 400;
const STICKY_TOP = 'calc(var(--app-shell-header-offset, 56px) + var(--mantine-spacing-md))';

interface CreateCustomerFormProps {
  /** The active branches the user works in. */
  branches: readonly Branch[];
  onCreated: (customer: Customer) => void;
  onCancel: () => void;
}

export function CreateCustomerForm({ branches, onCreated, onCancel }: CreateCustomerFormProps) {
  const me = useCurrentUser();
  const options = branchOptions(branches);
  // Agents have one branch; others start in their own and may pick another.
  const initialBranch = options.find((option) => option.value === me.branchId) ?? (options.length === 1 ? options[0] : undefined);
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const duplicates = useDialogTarget<DuplicateList>();
  const today = useBusinessDate();
  // Every field the API would refuse, said at once on submit, before anything is sent.
  const schema = useMemo(() => createCustomerFormSchema(today), [today]);
  const form = useForm<CustomerFormValues>({
    mode: 'controlled',
    initialValues: emptyCustomerValues(initialBranch?.value ?? ''),
    validate: schemaResolver(schema, { sync: true }),
  });
  const [settled] = useDebouncedValue(form.values, DUPLICATE_CHECK_DELAY_MS);
  const draft = useMemo(() => duplicateDraft(settled), [settled]);
  const { release } = useUnsavedChanges(form.isDirty());
  const mutation = useCreateCustomer({
    onSuccess: (created) => {
      duplicates.close();
      release(); // the page moves on to the new customer
      onCreated(created);
    },
    onError: (error) => {
      const candidates = duplicateCandidates(error);
      if (candidates) return duplicates.open(candidates);
      duplicates.close();
      const { byField, unplaced } = serverFieldErrors(error, CUSTOMER_FIELDS);
      form.setErrors(byField);
      focusFirstError(byField, CUSTOMER_FIELDS, form.getInputNode);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(describeError(error));
    },
  });

  const create = (confirmNotDuplicate: boolean) => {
    setFailure(null);
    const body = createBody(form.values);
    mutation.mutate(confirmNotDuplicate ? { ...body, confirmNotDuplicate } : body);
  };

  return (
    <>
      {/* Columns stretch to the form's height, so the duplicates panel has room to stay in view. */}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <form
            onSubmit={form.onSubmit(
              () => create(false),
              (errors) => focusFirstError(errors, CUSTOMER_FIELDS, form.getInputNode),
            )}
            noValidate
            aria-label="New customer"
          >
            <Stack gap="md">
              <FailureAlert failure={failure} />
              <CustomerFields
                form={form}
                branches={options}
                autoFocus
                nationalIdField={<TextInput label="National id" placeholder="Optional" autoComplete="off" {...form.getInputProps('nationalId')} />}
              />
              <StickyFormActions>
                <Button variant="default" onClick={onCancel}>
                  Cancel
                </Button>
                <Button type="submit" loading={mutation.isPending && !duplicates.opened}>
                  Create customer
                </Button>
              </StickyFormActions>
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          {/* Stays in view beside the form while the agent scrolls through it. */}
          <Box style={{ position: 'sticky', top: STICKY_TOP }}>
            <PossibleDuplicatesPanel draft={draft} />
          </Box>
        </Grid.Col>
      </Grid>
      <DuplicateDialog
        opened={duplicates.opened}
        duplicates={duplicates.target ?? { items: [], inOtherBranch: false }}
        confirmLabel="Create anyway"
        loading={mutation.isPending}
        onConfirm={() => create(true)}
        onClose={duplicates.close}
      />
    </>
  );
}
