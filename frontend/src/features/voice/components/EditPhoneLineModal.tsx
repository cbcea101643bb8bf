import type { PhoneLine } from '@contracts/voice';
import { Modal, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { isVersionConflict } from '@/lib/concurrency';
import { serverFieldErrors } from '@/lib/form-errors';
import { notifyProblem, notifySuccess, notifyVersionConflict } from '@/lib/notify';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import { ModalFormActions } from '@/components/ModalFormActions';
import { useUpdatePhoneLine } from '../api/update-phone-line';
import { phoneLineInitialValues, phoneLineUpdateBody, type PhoneLineFormValues } from '../phone-line-form';

const required = (what: string) => (value: string) => (value.trim() ? null : `${what} is required`);

function EditPhoneLineForm({ line, onDone }: { line: PhoneLine; onDone: () => void }) {
  const form = useForm<PhoneLineFormValues>({
    mode: 'controlled',
    initialValues: phoneLineInitialValues(line),
    validate: { name: required('A name'), greeting: required('A greeting'), voicemailPrompt: required('A voicemail prompt') },
  });
  const mutation = useUpdatePhoneLine({
    onSuccess: (saved) => {
      notifySuccess('Phone line saved', `${saved.name} (${saved.number}) answers with the new settings.`);
      onDone();
    },
    onError: (error) => {
      if (isVersionConflict(error)) {
        notifyVersionConflict();
        onDone();
        return;
      }
      const { byField, unplaced } = serverFieldErrors(error, ['name', 'greeting', 'voicemailPrompt', 'afterHours', 'active']);
      form.setErrors(byField);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) notifyProblem(error, 'The phone line was not saved');
    },
  });
  useUnsavedChanges(form.isDirty() && !mutation.isSuccess);

  return (
    <form onSubmit={form.onSubmit((values) => mutation.mutate({ line, body: phoneLineUpdateBody(line, values) }))} noValidate aria-label={`Edit ${line.name}`}>
      <Stack gap="sm">
        <TextInput label="Name" autoComplete="off" data-autofocus required {...form.getInputProps('name')} />
        <Textarea label="Greeting" description="Read out when the call is answered" autosize minRows={2} required {...form.getInputProps('greeting')} />
        <Select
          label="After hours"
          data={[
            { value: 'voicemail', label: 'Voicemail with transcription (a case)' },
            { value: 'hangup', label: 'Say we are closed and hang up' },
          ]}
          allowDeselect={false}
          {...form.getInputProps('afterHours')}
        />
        <Textarea label="Voicemail prompt" autosize minRows={2} required {...form.getInputProps('voicemailPrompt')} />
        {line.urgent && <TextInput label={`Urgent key ${line.urgent.digit}`} description="What the menu says for it" {...form.getInputProps('urgentLabel')} />}
        <Switch label="Active (answers calls)" {...form.getInputProps('active', { type: 'checkbox' })} />
        <ModalFormActions submitLabel="Save" onCancel={onDone} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

export function EditPhoneLineModal({ line, opened, onClose }: { line: PhoneLine | null; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={line ? `Edit ${line.name}` : undefined} size="lg">
      {line && <EditPhoneLineForm key={`${line.id}:${line.version}`} line={line} onDone={onClose} />}
    </Modal>
  );
}
