import type { Exam, Order } from '@contracts/orders';
import { ActionIcon, Alert, Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertCircle, IconPlus, IconTrash } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { isReasonLongEnough, ReasonField } from '@/components/ConfirmWithReasonDialog';
import { EXAM_LABELS } from '@/features/quotes';
import { ApiError, describeError } from '@/lib/api-error';
import { isVersionConflict } from '@/lib/concurrency';
import { notifySuccess, notifyVersionConflict } from '@/lib/notify';
import { useCancelExam } from '../api/cancel-exam';
import { useCompleteExam } from '../api/complete-exam';
import { useLabPartners } from '../api/get-lab-partners';
import { useOrderExam } from '../api/order-exam';
import { useRecordExamResults } from '../api/record-exam-results';
import { useScheduleExam } from '../api/schedule-exam';
import { useWaiveExam } from '../api/waive-exam';

export type ExamStepName = 'order' | 'schedule' | 'complete' | 'results' | 'cancel' | 'waive';

export const EXAM_STEP_TITLES: Record<ExamStepName, string> = {
  order: 'Order from a lab',
  schedule: 'Book the appointment',
  complete: 'Mark as done',
  results: 'Record the results',
  cancel: 'Cancel the lab order',
  waive: 'Waive the exam',
};

interface StepProps {
  exam: Exam;
  /** The order's uploaded documents, one of which may be the result report. */
  documents?: Order['documents'];
  onDone: () => void;
}

/** The server's answer in words; field errors by their path. */
function useFailure() {
  const [failure, setFailure] = useState<{ title: string; detail: string; fields: Record<string, string> } | null>(null);
  const onError = (error: Error) => {
    if (isVersionConflict(error)) {
      notifyVersionConflict();
      setFailure({ title: 'Changed by someone else', detail: 'The exam was updated meanwhile and has been reloaded. Check it, then try again.', fields: {} });
      return;
    }
    const fields = Object.fromEntries((error instanceof ApiError ? error.errors : []).map((e) => [e.path, e.message]));
    const { title, detail } = describeError(error);
    setFailure({ title, detail, fields });
  };
  return { failure, setFailure, onError };
}

function FailureAlert({ failure }: { failure: { title: string; detail: string } | null }) {
  if (!failure) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle />} title={failure.title} role="alert" p="xs">
      <Text size="sm">{failure.detail}</Text>
    </Alert>
  );
}

function Actions({ label, loading, disabled, onCancel, color }: { label: string; loading: boolean; disabled?: boolean; onCancel: () => void; color?: string }) {
  return (
    <Group justify="flex-end" mt="xs">
      <Button variant="default" onClick={onCancel}>
        Close
      </Button>
      <Button type="submit" loading={loading} disabled={disabled} color={color}>
        {label}
      </Button>
    </Group>
  );
}

function StepForm({ onSubmit, children }: { onSubmit: () => void; children: ReactNode }) {
  return (
    <form
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <Stack gap="sm">{children}</Stack>
    </form>
  );
}

function OrderStep({ exam, onDone }: StepProps) {
  const partners = useLabPartners();
  const [labPartner, setLabPartner] = useState<string | null>(exam.labPartner);
  const [reference, setReference] = useState('');
  const { failure, onError } = useFailure();
  const mutation = useOrderExam({ onSuccess: () => (notifySuccess('Exam ordered', `${EXAM_LABELS[exam.examType]} ordered from ${labPartner}.`), onDone()), onError });
  const refError = reference.length > 0 && reference.trim().length < 3 ? 'At least 3 characters' : failure?.fields.labOrderReference;
  return (
    <StepForm onSubmit={() => labPartner && reference.trim().length >= 3 && mutation.mutate({ exam, labPartner, labOrderReference: reference.trim() })}>
      <FailureAlert failure={failure} />
      <Select
        label="Lab partner"
        data={partners.data ?? []}
        placeholder={partners.isPending ? 'Loading…' : 'Choose a laboratory'}
        value={labPartner}
        onChange={setLabPartner}
        error={failure?.fields.labPartner}
        allowDeselect={false}
        data-autofocus
      />
      <TextInput
        label="Lab order reference"
        description="The number the laboratory gave the order"
        value={reference}
        onChange={(e) => setReference(e.currentTarget.value)}
        error={refError}
        maxLength={60}
      />
      <Actions label="Order exam" loading={mutation.isPending} disabled={!labPartner || reference.trim().length < 3} onCancel={onDone} />
    </StepForm>
  );
}

function ScheduleStep({ exam, onDone }: StepProps) {
  const [when, setWhen] = useState(exam.scheduledAt ? dayjs(exam.scheduledAt).format('YYYY-MM-DDTHH:mm') : '');
  const [location, setLocation] = useState(exam.location ?? '');
  const { failure, onError } = useFailure();
  const mutation = useScheduleExam({
    onSuccess: () => (notifySuccess('Appointment booked', `${EXAM_LABELS[exam.examType]} on ${dayjs(when).format('D MMM YYYY, HH:mm')}.`), onDone()),
    onError,
  });
  const at = when ? dayjs(when) : null;
  const past = at?.isValid() && at.isBefore(dayjs());
  return (
    <StepForm onSubmit={() => at?.isValid() && !past && location.trim().length >= 3 && mutation.mutate({ exam, scheduledAt: at.toISOString(), location: location.trim() })}>
      <FailureAlert failure={failure} />
      <TextInput
        type="datetime-local"
        label="Date and time"
        value={when}
        onChange={(e) => setWhen(e.currentTarget.value)}
        error={past ? 'Choose a time in the future' : failure?.fields.scheduledAt}
        data-autofocus
      />
      <TextInput
        label="Place"
        placeholder="Clinic and address, or the customer's home"
        value={location}
        onChange={(e) => setLocation(e.currentTarget.value)}
        error={failure?.fields.location}
        maxLength={300}
      />
      <Actions
        label={exam.status === 'scheduled' ? 'Rebook' : 'Book'}
        loading={mutation.isPending}
        disabled={!at?.isValid() || past || location.trim().length < 3}
        onCancel={onDone}
      />
    </StepForm>
  );
}

function CompleteStep({ exam, onDone }: StepProps) {
  const [completedOn, setCompletedOn] = useState(dayjs().format('YYYY-MM-DD'));
  const { failure, onError } = useFailure();
  const mutation = useCompleteExam({ onSuccess: () => (notifySuccess('Exam done', 'Record the results when the lab sends them.'), onDone()), onError });
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(completedOn);
  return (
    <StepForm onSubmit={() => valid && mutation.mutate({ exam, completedOn })}>
      <FailureAlert failure={failure} />
      <TextInput
        label="Took place on"
        placeholder="YYYY-MM-DD"
        maxLength={10}
        value={completedOn}
        onChange={(e) => setCompletedOn(e.currentTarget.value)}
        error={completedOn.trim() === '' ? 'Required' : !valid ? 'Use the format YYYY-MM-DD' : failure?.fields.completedOn}
        required
        data-autofocus
      />
      <Actions label="Mark as done" loading={mutation.isPending} disabled={!valid} onCancel={onDone} />
    </StepForm>
  );
}

interface ResultRow {
  key: number;
  name: string;
  value: string;
  unit: string;
  abnormal: boolean;
}

function ResultsStep({ exam, documents = [], onDone }: StepProps) {
  const [rows, setRows] = useState<ResultRow[]>([{ key: 0, name: '', value: '', unit: '', abnormal: false }]);
  const [documentId, setDocumentId] = useState<string | null>(null);
  const { failure, onError } = useFailure();
  const mutation = useRecordExamResults({ onSuccess: () => (notifySuccess('Results recorded', `${EXAM_LABELS[exam.examType]}: results received.`), onDone()), onError });
  const filled = rows.filter((r) => r.name.trim() && r.value.trim());
  const set = (key: number, change: Partial<ResultRow>) => setRows((current) => current.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const uploaded = documents.filter((d) => d.document).map((d) => ({ value: d.document!.id, label: `${d.name} — ${d.document!.filename}` }));
  return (
    <StepForm
      onSubmit={() =>
        filled.length > 0 &&
        mutation.mutate({
          exam,
          keyResults: filled.map((r) => ({
            name: r.name.trim(),
            value: r.value.trim(),
            ...(r.unit.trim() ? { unit: r.unit.trim() } : {}),
            ...(r.abnormal ? { abnormal: true } : {}),
          })),
          ...(documentId ? { resultDocumentId: documentId } : {}),
        })
      }
    >
      <FailureAlert failure={failure} />
      <Text size="sm">The key figures from the lab report, e.g. “Blood pressure 128/82 mmHg”.</Text>
      {rows.map((row, index) => (
        <Group key={row.key} gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            label={index === 0 ? 'Result' : undefined}
            aria-label={`Result ${index + 1} name`}
            placeholder="Cholesterol"
            value={row.name}
            onChange={(e) => set(row.key, { name: e.currentTarget.value })}
            style={{ flex: 2 }}
          />
          <TextInput
            label={index === 0 ? 'Value' : undefined}
            aria-label={`Result ${index + 1} value`}
            placeholder="190"
            value={row.value}
            onChange={(e) => set(row.key, { value: e.currentTarget.value })}
            style={{ flex: 1 }}
          />
          <TextInput
            label={index === 0 ? 'Unit' : undefined}
            aria-label={`Result ${index + 1} unit`}
            placeholder="mg/dL"
            value={row.unit}
            onChange={(e) => set(row.key, { unit: e.currentTarget.value })}
            style={{ flex: 1 }}
          />
          <Checkbox label="Abnormal" checked={row.abnormal} onChange={(e) => set(row.key, { abnormal: e.currentTarget.checked })} mb={8} />
          <ActionIcon
            variant="subtle"
            color="red"
            mb={4}
            aria-label={`Remove result ${index + 1}`}
            disabled={rows.length === 1}
            onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => setRows((current) => [...current, { key: Date.now(), name: '', value: '', unit: '', abnormal: false }])}
        >
          Add a result
        </Button>
      </Group>
      {uploaded.length > 0 && (
        <Select
          label="Lab report"
          description="Optional: a document uploaded to this application"
          data={uploaded}
          value={documentId}
          onChange={setDocumentId}
          clearable
          error={failure?.fields.resultDocumentId}
        />
      )}
      <Actions label="Record results" loading={mutation.isPending} disabled={filled.length === 0} onCancel={onDone} />
    </StepForm>
  );
}

function ReasonStep({ exam, onDone, step }: StepProps & { step: 'cancel' | 'waive' }) {
  const [reason, setReason] = useState('');
  const { failure, onError } = useFailure();
  const onSuccess = () => (notifySuccess(step === 'waive' ? 'Exam waived' : 'Lab order cancelled', EXAM_LABELS[exam.examType]), onDone());
  const cancel = useCancelExam({ onSuccess, onError });
  const waive = useWaiveExam({ onSuccess, onError });
  const mutation = step === 'waive' ? waive : cancel;
  const ok = isReasonLongEnough(reason);
  return (
    <StepForm onSubmit={() => ok && mutation.mutate({ exam, reason: reason.trim() })}>
      <FailureAlert failure={failure} />
      <Text size="sm">
        {step === 'waive'
          ? 'A waived exam no longer holds the approval back. Say why it is not needed.'
          : 'The lab order is cancelled; the exam can be ordered again (or waived by an underwriter).'}
      </Text>
      <ReasonField label="Reason" value={reason} onChange={setReason} error={failure?.fields.reason} data-autofocus />
      <Actions
        label={step === 'waive' ? 'Waive exam' : 'Cancel lab order'}
        color={step === 'cancel' ? 'red' : undefined}
        loading={mutation.isPending}
        disabled={!ok}
        onCancel={onDone}
      />
    </StepForm>
  );
}

interface ExamStepDialogProps extends Omit<StepProps, 'onDone'> {
  step: ExamStepName | null;
  onClose: () => void;
}

/** One step of an exam's way from "to be ordered" to "results received", in a dialog. */
export function ExamStepDialog({ exam, documents, step, onClose }: ExamStepDialogProps) {
  return (
    <Modal
      opened={step !== null}
      onClose={onClose}
      title={step ? `${EXAM_STEP_TITLES[step]} — ${EXAM_LABELS[exam.examType]}` : ''}
      centered
      size={step === 'results' ? 'lg' : 'md'}
    >
      {step === 'order' && <OrderStep exam={exam} onDone={onClose} />}
      {step === 'schedule' && <ScheduleStep exam={exam} onDone={onClose} />}
      {step === 'complete' && <CompleteStep exam={exam} onDone={onClose} />}
      {step === 'results' && <ResultsStep exam={exam} documents={documents} onDone={onClose} />}
      {(step === 'cancel' || step === 'waive') && <ReasonStep exam={exam} step={step} onDone={onClose} />}
    </Modal>
  );
}
