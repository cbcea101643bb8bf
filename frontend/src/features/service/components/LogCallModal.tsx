import { CASE_TYPES, CHANNELS, CreateInteractionBody } from '@contracts/service';
import { Checkbox, Group, Modal, NumberInput, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { FailureAlert } from '@/components/FailureAlert';
import { ModalFormActions } from '@/components/ModalFormActions';
import { describeError } from '@/lib/api-error';
import { serverFieldErrors } from '@/lib/form-errors';
import { schemaFieldErrors } from '@/lib/form-schema';
import { useCurrentUser } from '@/lib/auth/auth-context';
import { notifyProblem, notifySuccess } from '@/lib/notify';
import { useOpenCase } from '../api/case-actions';
import { useLogInteraction } from '../api/log-interaction';
import { casePath } from '../service-paths';
import { CASE_TYPE_LABELS, CHANNEL_LABELS } from '../service-labels';

/** The customer the call is about, when one is on screen. */
export interface CallCustomer {
  id: string;
  name: string;
  customerNumber: string;
}

const FIELDS = ['channel', 'customerId', 'contactPhone', 'contactEmail', 'subject', 'notes', 'outcome', 'durationSeconds'] as const;
const CHANNEL_OPTIONS = CHANNELS.map((value) => ({ value, label: CHANNEL_LABELS[value] }));
const CASE_TYPE_OPTIONS = CASE_TYPES.map((value) => ({ value, label: CASE_TYPE_LABELS[value] }));

function LogCallForm({ customer, onDone }: { customer?: CallCustomer; onDone: () => void }) {
  const [channel, setChannel] = useState<string>('phone_inbound');
  const [contactPhone, setContactPhone] = useState('');
  const [contactEmail, setContactEmail] = useState('');
  const [subject, setSubject] = useState('');
  const [notes, setNotes] = useState('');
  const [outcome, setOutcome] = useState('');
  const [minutes, setMinutes] = useState<number | string>('');
  const [resolved, setResolved] = useState(false);
  // Open a case about the call (for the customer on screen), assigned to me, and go to it.
  const [caseType, setCaseType] = useState<string | null>(null);
  const me = useCurrentUser();
  const navigate = useNavigate();
  const openCase = useOpenCase();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<{ title: string; detail?: string } | null>(null);
  const mutation = useLogInteraction();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const body = {
      channel,
      subject,
      resolvedOnFirstContact: resolved,
      ...(customer ? { customerId: customer.id } : {}),
      ...(!customer && contactPhone.trim() ? { contactPhone: contactPhone.trim() } : {}),
      ...(!customer && contactEmail.trim() ? { contactEmail: contactEmail.trim() } : {}),
      ...(notes.trim() ? { notes } : {}),
      ...(outcome.trim() ? { outcome } : {}),
      ...(typeof minutes === 'number' ? { durationSeconds: Math.round(minutes * 60) } : {}),
    };
    // The API's own schema, so every field's problem shows at once; "who" is reported on the phone field.
    const local = schemaFieldErrors(CreateInteractionBody, body);
    if (local.customerId && !customer) local.contactPhone = local.customerId;
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    mutation.mutate(CreateInteractionBody.parse(body), {
      onSuccess: async (logged) => {
        notifySuccess('Interaction logged', `${CHANNEL_LABELS[logged.channel]}: ${logged.subject}`);
        if (!caseType || !customer) return onDone();
        // The form closes either way; the case opens after (a promise, not a callback: the form is gone by then).
        try {
          const opened = await openCase.mutateAsync({
            type: caseType as (typeof CASE_TYPES)[number],
            subject: logged.subject,
            customerId: customer.id,
            assigneeId: me.id,
            links: [{ kind: 'interaction', id: logged.id }],
          });
          notifySuccess('Case opened', `${opened.caseNumber} ${opened.subject}`);
          onDone();
          void navigate(casePath(opened.id));
        } catch (error) {
          notifyProblem(error, 'Opening the case');
          onDone();
        }
      },
      onError: (error) => {
        const { byField, unplaced } = serverFieldErrors(error, FIELDS);
        setErrors(byField);
        if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(describeError(error));
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Log a call">
      <Stack gap="sm">
        {customer ? (
          <Text size="sm">
            With <b>{customer.name}</b> ({customer.customerNumber})
          </Text>
        ) : (
          <Group grow align="flex-start">
            <TextInput label="Contact phone" value={contactPhone} onChange={(e) => setContactPhone(e.currentTarget.value)} error={errors.contactPhone} maxLength={40} />
            <TextInput label="Contact email" value={contactEmail} onChange={(e) => setContactEmail(e.currentTarget.value)} error={errors.contactEmail} maxLength={200} />
          </Group>
        )}
        <Group grow align="flex-start">
          <Select label="Channel" data={CHANNEL_OPTIONS} value={channel} onChange={(v) => v && setChannel(v)} allowDeselect={false} error={errors.channel} />
          <NumberInput label="Duration (minutes)" value={minutes} onChange={setMinutes} min={0} max={1440} decimalScale={1} error={errors.durationSeconds} />
        </Group>
        <TextInput label="Subject" required value={subject} onChange={(e) => setSubject(e.currentTarget.value)} error={errors.subject} maxLength={200} data-autofocus />
        <Textarea label="Notes" autosize minRows={2} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={errors.notes} />
        <TextInput label="Outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} error={errors.outcome} maxLength={500} />
        <Checkbox label="Resolved on first contact" checked={resolved} onChange={(e) => setResolved(e.currentTarget.checked)} />
        {customer && !resolved && (
          <Select
            label="Open a case about it"
            placeholder="No case"
            data={CASE_TYPE_OPTIONS}
            value={caseType}
            onChange={setCaseType}
            clearable
            description="A case of this type for the customer, assigned to you; you go to it after logging the call."
          />
        )}
        <FailureAlert failure={failure} />
        <ModalFormActions submitLabel="Log" onCancel={onDone} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

/** Log a call (or any contact) in seconds: with the customer on screen, or an unknown contact. */
export function LogCallModal({ opened, onClose, customer }: { opened: boolean; onClose: () => void; customer?: CallCustomer }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Log a call">
      {opened && <LogCallForm customer={customer} onDone={onClose} />}
    </Modal>
  );
}
