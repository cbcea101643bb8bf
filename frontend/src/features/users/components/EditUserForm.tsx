import type { Branch, UpdateUserBody, User } from '@contracts/identity';
import { Alert, Button, Group, Stack, Switch, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { describeError } from '@/lib/api-error';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import type { ErrorDescription } from '@/lib/api-error';
import { useCurrentUser } from '@/lib/auth/auth-context';
import { isVersionConflict } from '@/lib/concurrency';
import { serverFieldErrors } from '@/lib/form-errors';
import { notifySuccess, notifyVersionConflict } from '@/lib/notify';
import { useDialogTarget } from '@/lib/use-dialog-target';
import { FailureAlert } from '@/components/FailureAlert';
import { useUpdateUser } from '../api/update-user';
import { EditUserFormValues, editUserInitialValues, userChanges } from '../edit-user-form';
import { statusChangeConsequence } from '../user-status';
import { UserAccessFields } from './UserAccessFields';

const FIELDS = ['name', 'role', 'branchId', 'managedBranchIds', 'active'] as const;

interface EditUserFormProps {
  user: User;
  branches: readonly Branch[];
}

/** Mount it with `key={user.version}`: after every save or refetch it starts again from the server's values. */
export function EditUserForm({ user, branches }: EditUserFormProps) {
  const me = useCurrentUser();
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  // A change of `active` waits here for the confirmation.
  const confirming = useDialogTarget<UpdateUserBody>();
  const form = useForm<EditUserFormValues>({
    mode: 'controlled',
    initialValues: editUserInitialValues(user),
    validate: schemaResolver(EditUserFormValues, { sync: true }),
  });
  const mutation = useUpdateUser({
    onSuccess: (saved) => {
      confirming.close();
      notifySuccess('User saved', `The changes to ${saved.name} are saved.`);
    },
    onError: (error) => {
      confirming.close();
      // The refetch that follows remounts this form with the other person's version.
      if (isVersionConflict(error)) return notifyVersionConflict();
      const { byField, unplaced } = serverFieldErrors(error, FIELDS);
      form.setErrors(byField);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(describeError(error));
    },
  });
  const changed = Object.keys(userChanges(user, form.values)).length > 0;
  // Until the saved user remounts this form, its values still differ from the old version's.
  useUnsavedChanges(changed && !mutation.isSuccess);

  const save = (next: UpdateUserBody) => {
    setFailure(null);
    mutation.mutate({ user, changes: next });
  };
  const submit = (values: EditUserFormValues) => {
    const next = userChanges(user, values);
    if (next.active !== undefined) confirming.open(next);
    else save(next);
  };

  const activating = confirming.target?.active === true;
  return (
    <>
      <form onSubmit={form.onSubmit(submit)} noValidate aria-label={`Edit ${user.name}`}>
        <Stack gap="sm">
          <FailureAlert failure={failure} />
          {user.id === me.id && (
            <Alert color="blue" variant="light">
              This is your own account: changing your role, branch or status ends your session.
            </Alert>
          )}
          <TextInput label="Name" autoComplete="off" required {...form.getInputProps('name')} />
          <UserAccessFields
            branches={branches}
            role={form.values.role}
            chosenBranchIds={[user.branchId, ...user.managedBranchIds]}
            roleInput={form.getInputProps('role')}
            branchInput={form.getInputProps('branchId')}
            managedBranchesInput={form.getInputProps('managedBranchIds')}
          />
          <Switch label="Active" description="A disabled user cannot log in; their history stays." mt="xs" {...form.getInputProps('active', { type: 'checkbox' })} />
          <Group justify="flex-end" mt="sm">
            <Button variant="default" disabled={!changed} onClick={() => form.reset()}>
              Discard changes
            </Button>
            <Button type="submit" disabled={!changed} loading={mutation.isPending}>
              Save changes
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmDialog
        opened={confirming.opened}
        onClose={confirming.close}
        title={activating ? `Enable ${user.name}?` : `Disable ${user.name}?`}
        confirmLabel={activating ? 'Enable and save' : 'Disable and save'}
        color={activating ? undefined : 'red'}
        loading={mutation.isPending}
        onConfirm={() => confirming.target && save(confirming.target)}
      >
        {statusChangeConsequence(user.name, activating)}
      </ConfirmDialog>
    </>
  );
}
