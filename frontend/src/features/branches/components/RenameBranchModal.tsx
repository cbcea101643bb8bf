import { CreateBranchBody } from '@contracts/identity';
import type { Branch } from '@contracts/identity';
import { Modal, Stack, TextInput } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import type { z } from 'zod';
import { isVersionConflict } from '@/lib/concurrency';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import { serverFieldErrors } from '@/lib/form-errors';
import { notifyProblem, notifySuccess, notifyVersionConflict } from '@/lib/notify';
import { ModalFormActions } from '@/components/ModalFormActions';
import { useUpdateBranch } from '../api/update-branch';

// The name rule lives in the create schema; renaming applies the same one.
const RenameBranchValues = CreateBranchBody.pick({ name: true });
type RenameBranchValues = z.infer<typeof RenameBranchValues>;

function RenameBranchForm({ branch, onDone }: { branch: Branch; onDone: () => void }) {
  const form = useForm<RenameBranchValues>({
    mode: 'controlled',
    initialValues: { name: branch.name },
    validate: schemaResolver(RenameBranchValues, { sync: true }),
  });
  const mutation = useUpdateBranch({
    onSuccess: (renamed) => {
      notifySuccess('Branch renamed', `${branch.name} is now called ${renamed.name}.`);
      onDone();
    },
    onError: (error) => {
      if (isVersionConflict(error)) {
        notifyVersionConflict();
        onDone();
        return;
      }
      const { byField, unplaced } = serverFieldErrors(error, ['name']);
      form.setErrors(byField);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) notifyProblem(error, 'The branch was not renamed');
    },
  });

  useUnsavedChanges(form.isDirty() && !mutation.isSuccess);
  const submit = ({ name }: RenameBranchValues) => {
    if (name.trim() === branch.name) onDone();
    else mutation.mutate({ branch, changes: { name } });
  };

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate aria-label={`Rename ${branch.name}`}>
      <Stack gap="sm">
        <TextInput label="Name" autoComplete="off" data-autofocus required {...form.getInputProps('name')} />
        <ModalFormActions submitLabel="Rename" onCancel={onDone} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

interface RenameBranchModalProps {
  branch: Branch | null;
  opened: boolean;
  onClose: () => void;
}

export function RenameBranchModal({ branch, opened, onClose }: RenameBranchModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={branch ? `Rename branch ${branch.code}` : undefined}>
      {branch && <RenameBranchForm key={branch.id} branch={branch} onDone={onClose} />}
    </Modal>
  );
}
