import { CreateClaimNoteBody } from '@contracts/claims';
import type { Claim } from '@contracts/claims';
import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { ModalFormActions } from '@/components/ModalFormActions';
import { serverFieldErrors } from '@/lib/form-errors';
import { notifySuccess } from '@/lib/notify';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import { useAddClaimNote } from '../api/add-claim-note';
import { claimProblem } from '../claim-problems';
import type { ClaimProblem } from '../claim-problems';

function NoteForm({ claim, onClose }: { claim: Claim; onClose: () => void }) {
  const form = useForm<{ body: string }>({ mode: 'controlled', initialValues: { body: '' }, validate: schemaResolver(CreateClaimNoteBody, { sync: true }) });
  const [failure, setFailure] = useState<ClaimProblem | null>(null);
  const mutation = useAddClaimNote({
    onSuccess: () => {
      notifySuccess('Note added', `On ${claim.claimNumber}, for the people handling it.`);
      onClose();
    },
    onError: (error) => {
      const { byField, unplaced } = serverFieldErrors(error, ['body']);
      form.setErrors(byField);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(claimProblem(error, claim.currency));
    },
  });
  useUnsavedChanges(form.isDirty() && !mutation.isSuccess);
  return (
    <form onSubmit={form.onSubmit((values) => mutation.mutate({ claim, body: values.body.trim() }))} noValidate aria-label="Add an investigation note">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Internal: never shown to the customer nor in a document sent to them. A note cannot be edited once added.
        </Text>
        <Textarea label="Note" autosize minRows={4} maxRows={12} maxLength={4000} data-autofocus {...form.getInputProps('body')} />
        <FailureAlert failure={failure} />
        <ModalFormActions submitLabel="Add note" onCancel={onClose} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

export function AddNoteModal({ claim, opened, onClose }: { claim: Claim; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Add an investigation note" size="lg">
      {opened && <NoteForm claim={claim} onClose={onClose} />}
    </Modal>
  );
}
