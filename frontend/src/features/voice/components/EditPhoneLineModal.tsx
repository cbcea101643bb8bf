import { VOICE_QUEUES, type PhoneLine } from '@contracts/voice';
import { ActionIcon, Button, Divider, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { isVersionConflict } from '@/lib/concurrency';
import { ApiError } from '@/lib/api-error';
import { notifyProblem, notifySuccess, notifyVersionConflict } from '@/lib/notify';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import { ModalFormActions } from '@/components/ModalFormActions';
import { useCalendars } from '../api/get-calendars';
import { useUpdatePhoneLine } from '../api/update-phone-line';
import { MENU_KEYS, QUEUE_NAMES, formFieldOf, freeKey, phoneLineInitialValues, phoneLineUpdateBody, type PhoneLineFormValues } from '../phone-line-form';

const required = (what: string) => (value: string) => (value.trim() ? null : `${what} is required`);
const KEY_OPTIONS = MENU_KEYS.map((k) => ({ value: k, label: k }));
const QUEUE_OPTIONS = VOICE_QUEUES.map((q) => ({ value: q, label: QUEUE_NAMES[q] }));

function EditPhoneLineForm({ line, onDone }: { line: PhoneLine; onDone: () => void }) {
  const calendars = useCalendars();
  const form = useForm<PhoneLineFormValues>({
    mode: 'controlled',
    initialValues: phoneLineInitialValues(line),
    validate: {
      name: required('A name'),
      greeting: required('A greeting'),
      voicemailPrompt: required('A voicemail prompt'),
      menu: { label: required('What the menu says') },
      urgentLabel: (value, values) => (values.urgentEnabled && !value.trim() ? 'What the menu says for the urgent key is required' : null),
    },
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
      const placed: Record<string, string> = {};
      const unplaced: string[] = [];
      for (const e of error instanceof ApiError ? error.errors : []) {
        const field = formFieldOf(e.path);
        if (field) placed[field] ??= e.message;
        else unplaced.push(e.path);
      }
      form.setErrors(placed);
      if (Object.keys(placed).length === 0 || unplaced.length > 0) notifyProblem(error, 'The phone line was not saved');
    },
  });
  useUnsavedChanges(form.isDirty() && !mutation.isSuccess);
  const calendarOptions = (calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }));

  return (
    <form onSubmit={form.onSubmit((values) => mutation.mutate({ line, body: phoneLineUpdateBody(line, values) }))} noValidate aria-label={`Edit ${line.name}`}>
      <Stack gap="sm">
        <TextInput label="Name" autoComplete="off" data-autofocus required {...form.getInputProps('name')} />
        <Textarea label="Greeting" description="Read out when the call is answered" autosize minRows={2} required {...form.getInputProps('greeting')} />
        <Select
          label="Business hours"
          description="Outside them, the after-hours choice below"
          data={calendarOptions.length ? calendarOptions : [{ value: line.calendarId, label: calendars.isPending ? 'Loading calendars…' : 'Current calendar' }]}
          allowDeselect={false}
          {...form.getInputProps('calendarId')}
        />

        <Divider />
        <Title order={3} size="h5">
          Menu
        </Title>
        {form.values.menu.map((_row, i) => (
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
            <Select label="Key" w={80} data={KEY_OPTIONS} allowDeselect={false} aria-label={`Key of choice ${i + 1}`} {...form.getInputProps(`menu.${i}.digit`)} />
            <Select label="Queue" w={170} data={QUEUE_OPTIONS} allowDeselect={false} aria-label={`Queue of choice ${i + 1}`} {...form.getInputProps(`menu.${i}.queue`)} />
            <TextInput label="What the menu says" style={{ flex: 1 }} aria-label={`Words of choice ${i + 1}`} {...form.getInputProps(`menu.${i}.label`)} />
            <ActionIcon
              mt={26}
              variant="subtle"
              color="red"
              aria-label={`Remove choice ${i + 1}`}
              disabled={form.values.menu.length <= 1}
              onClick={() => form.removeListItem('menu', i)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ))}
        {typeof form.errors.menu === 'string' && (
          <Text c="red" size="sm">
            {form.errors.menu}
          </Text>
        )}
        <Group>
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPlus size={14} />}
            disabled={form.values.menu.length >= 9}
            onClick={() => form.insertListItem('menu', { digit: freeKey(form.values), queue: 'agent', label: '' })}
          >
            Add a choice
          </Button>
        </Group>
        <Switch label="Urgent key (an urgent case and the first free agent)" {...form.getInputProps('urgentEnabled', { type: 'checkbox' })} />
        {form.values.urgentEnabled && (
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <Select label="Urgent key" w={110} data={KEY_OPTIONS} allowDeselect={false} {...form.getInputProps('urgentDigit')} />
            <TextInput label="What the menu says for it" style={{ flex: 1 }} {...form.getInputProps('urgentLabel')} />
          </Group>
        )}

        <Divider />
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
        <Switch label="Active (answers calls)" {...form.getInputProps('active', { type: 'checkbox' })} />

        <Divider />
        <Title order={3} size="h5">
          Monitoring thresholds
        </Title>
        <Text size="sm" c="dimmed">
          An alert task is raised once each time a threshold is crossed; leave a field empty not to watch it.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NumberInput label="Window (minutes)" min={5} max={1440} allowDecimal={false} {...form.getInputProps('windowMinutes')} />
          <NumberInput label="At most calls in the window" min={0} allowDecimal={false} {...form.getInputProps('maxCalls')} />
          <NumberInput label="At least % answered within 20 s" min={0} max={100} {...form.getInputProps('minAnsweredWithin20sPercent')} />
          <NumberInput label="At most abandoned calls" min={0} allowDecimal={false} {...form.getInputProps('maxAbandoned')} />
          <NumberInput label="At most missed calls" min={0} allowDecimal={false} {...form.getInputProps('maxMissed')} />
          <NumberInput label="Webhook p95 at most (ms)" min={1} allowDecimal={false} {...form.getInputProps('maxWebhookP95Ms')} />
          <NumberInput label="Webhook errors at most (%)" min={0} max={100} {...form.getInputProps('maxWebhookErrorPercent')} />
        </SimpleGrid>
        <ModalFormActions submitLabel="Save" onCancel={onDone} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

export function EditPhoneLineModal({ line, opened, onClose }: { line: PhoneLine | null; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={line ? `Edit ${line.name}` : undefined} size="xl">
      {line && <EditPhoneLineForm key={`${line.id}:${line.version}`} line={line} onDone={onClose} />}
    </Modal>
  );
}
