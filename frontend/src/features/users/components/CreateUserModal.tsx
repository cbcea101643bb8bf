import { CreateUserBody } from '@contracts/identity';
import type { Branch, UserWithTemporaryPassword } from '@contracts/identity';
import { Modal, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import type { z } from 'zod';
import { serverFieldErrors } from '@/lib/form-errors';
import { requiredFields } from '@/lib/form-schema';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import { notifyProblem } from '@/lib/notify';
import { ModalFormActions } from '@/components/ModalFormActions';
import { useCreateUser } from '../api/create-user';
import { UserAccessFields } from './UserAccessFields';

const FIELDS = ['email', 'name', 'role', 'branchId', 'managedBranchIds'] as const;
const REQUIRED = requiredFields(CreateUserBody);

interface CreateUserFormProps {
  branches: readonly Branch[];
  onCreated: (created: z.infer<typeof UserWithTemporaryPassword>) => void;
  onCancel: () => void;
}

function CreateUserForm({ branches, onCreated, onCancel }: CreateUserFormProps) {
  const form = useForm<CreateUserBody>({
    mode: 'controlled',
    initialValues: { email: '', name: '', role: 'agent', branchId: '', managedBranchIds: [] },
    validate: schemaResolver(CreateUserBody, { sync: true }),
  });
  const mutation = useCreateUser({
    onSuccess: onCreated,
    onError: (error) => {
      const { byField, unplaced } = serverFieldErrors(error, FIELDS);
      form.setErrors(byField);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) notifyProblem(error, 'The user was not created');
    },
  });

  useUnsavedChanges(form.isDirty() && !mutation.isSuccess);
  // Only managers manage branches; the API refuses the field for other roles.
  const submit = ({ managedBranchIds, ...values }: CreateUserBody) => mutation.mutate(values.role === 'manager' ? { ...values, managedBranchIds } : values);

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-label="New user">
      <Stack gap="sm">
        <TextInput label="Email" type="email" autoComplete="off" data-autofocus required={REQUIRED.has('email')} {...form.getInputProps('email')} />
        <TextInput label="Name" autoComplete="off" required={REQUIRED.has('name')} {...form.getInputProps('name')} />
        <UserAccessFields
          branches={branches}
          role={form.values.role}
          chosenBranchIds={[]}
          roleInput={form.getInputProps('role')}
          branchInput={form.getInputProps('branchId')}
          managedBranchesInput={form.getInputProps('managedBranchIds')}
        />
        <ModalFormActions submitLabel="Create user" onCancel={onCancel} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

interface CreateUserModalProps extends CreateUserFormProps {
  opened: boolean;
}

/** The new user gets a one-time password, which the caller shows once `onCreated` hands it over. */
export function CreateUserModal({ opened, branches, onCreated, onCancel }: CreateUserModalProps) {
  return (
    <Modal opened={opened} onClose={onCancel} title="New user">
      <CreateUserForm branches={branches} onCreated={onCreated} onCancel={onCancel} />
    </Modal>
  );
}
