import { CreateBranchBody } from '@contracts/identity';
import { Modal, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { serverFieldErrors } from '@/lib/form-errors';
import { requiredFields } from '@/lib/form-schema';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import { notifyProblem, notifySuccess } from '@/lib/notify';
import { ModalFormActions } from '@/components/ModalFormActions';
import { useCreateBranch } from '../api/create-branch';

const FIELDS = ['code', 'name'] as const;
const REQUIRED = requiredFields(CreateBranchBody);

function CreateBranchForm({ onDone }: { onDone: () => void }) {
  const form = useForm<CreateBranchBody>({
    mode: 'controlled',
    initialValues: { code: '', name: '' },
    validate: schemaResolver(CreateBranchBody, { sync: true }),
  });
  const mutation = useCreateBranch({
    onSuccess: (branch) => {
      notifySuccess('Branch opened', `${branch.name} (${branch.code}) can now be chosen for users.`);
      onDone();
    },
    onError: (error) => {
      const { byField, unplaced } = serverFieldErrors(error, FIELDS);
      form.setErrors(byField);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) notifyProblem(error, 'The branch was not opened');
    },
  });
  useUnsavedChanges(form.isDirty() && !mutation.isSuccess);
  const codeInput = form.getInputProps('code');

  return (
    <form onSubmit={form.onSubmit((values) => mutation.mutate(values))} noValidate aria-label="New branch">
      <Stack gap="sm">
        <TextInput
          label="Code"
          description="Capital letters, digits or _, e.g. EAST. It cannot be changed later."
          autoComplete="off"
          data-autofocus
          required={REQUIRED.has('code')}
          {...codeInput}
          // Codes are upper case; typing them that way should not be the user's job.
          onChange={(event) => form.setFieldValue('code', event.currentTarget.value.toUpperCase())}
        />
        <TextInput label="Name" autoComplete="off" required={REQUIRED.has('name')} {...form.getInputProps('name')} />
        <ModalFormActions submitLabel="Open branch" onCancel={onDone} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

export function CreateBranchModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="New branch">
      <CreateBranchForm onDone={onClose} />
    </Modal>
  );
}
