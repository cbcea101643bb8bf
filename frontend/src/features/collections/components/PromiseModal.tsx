import { CreatePromiseBody, PROMISE_CHANNELS, type WorklistRow } from '@contracts/collections';
import { Modal, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { ModalFormActions } from '@/components/ModalFormActions';
import { ApiError, describeError } from '@/lib/api-error';
import { serverFieldErrors } from '@/lib/form-errors';
import { schemaFieldErrors } from '@/lib/form-schema';
import { formatMoney, toMajorUnits, typedMinorUnits } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { useCreatePromise } from '../api/collections';

const FIELDS = ['amount', 'promisedFor', 'channel', 'note'] as const;
type FieldErrors = Partial<Record<string, string>>;

const CHANNEL_LABELS: Record<(typeof PROMISE_CHANNELS)[number], string> = {
  phone: 'Phone',
  email: 'Email',
  sms: 'Text message',
  chat: 'Chat',
  in_person: 'In person',
  letter: 'Letter',
};

/** Why the server refused the promise, in plain words. */
function promiseProblem(error: unknown, currency: string) {
  const base = describeError(error);
  if (!(error instanceof ApiError)) return base;
  if (error.code === 'PROMISE_EXCEEDS_AMOUNT_DUE' && typeof error.extensions.openAmount === 'number')
    return { title: 'More than is due', detail: `At most ${formatMoney(error.extensions.openAmount, currency)} is due on this invoice.` };
  if (error.code === 'PROMISE_ALREADY_OPEN') return { title: 'A promise is already open', detail: 'This invoice already has an open promise to pay.' };
  if (error.code === 'PROMISE_INVOICE_NOT_OVERDUE') return { title: 'Not overdue any more', detail: 'The invoice has been paid or is no longer overdue.' };
  return base;
}

function PromiseForm({ row, onDone }: { row: WorklistRow; onDone: () => void }) {
  const [invoiceId, setInvoiceId] = useState(row.overdueInvoices[0]!.id);
  const invoice = row.overdueInvoices.find((i) => i.id === invoiceId)!;
  const [amount, setAmount] = useState<number | string>(toMajorUnits(invoice.openAmount));
  const [promisedFor, setPromisedFor] = useState('');
  const [channel, setChannel] = useState<string>('phone');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<{ title: string; detail?: string } | null>(null);
  const mutation = useCreatePromise();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const input = { amount: typedMinorUnits(amount), promisedFor, channel, ...(note.trim() ? { note } : {}) };
    const local: FieldErrors = schemaFieldErrors(CreatePromiseBody, input);
    if (!local.amount && input.amount !== undefined && input.amount > invoice.openAmount) local.amount = `At most the ${formatMoney(invoice.openAmount, row.currency)} due`;
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    mutation.mutate(
      { invoiceId, body: CreatePromiseBody.parse(input) },
      {
        onSuccess: (promise) => {
          notifySuccess('Promise to pay recorded', `${formatMoney(promise.amount, promise.currency)} by ${promise.promisedFor}. Reminders pause until then.`);
          onDone();
        },
        onError: (error) => {
          const { byField, unplaced } = serverFieldErrors(error, FIELDS);
          setErrors(byField);
          if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(promiseProblem(error, row.currency));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Promise to pay">
      <Stack gap="sm">
        <Text size="sm">
          {row.customer.name}, policy <b>{row.policyNumber}</b>: {formatMoney(row.overdueAmount, row.currency)} overdue for {row.daysPastDue} days.
        </Text>
        <Select
          label="Invoice"
          allowDeselect={false}
          data={row.overdueInvoices.map((i) => ({ value: i.id, label: `${i.invoiceNumber} — ${formatMoney(i.openAmount, row.currency)} due ${i.dueDate}` }))}
          value={invoiceId}
          onChange={(value) => value && setInvoiceId(value)}
        />
        <NumberInput
          label={`Amount (${row.currency})`}
          value={amount}
          onChange={setAmount}
          decimalScale={2}
          fixedDecimalScale
          thousandSeparator=","
          error={errors.amount}
          data-autofocus
        />
        <TextInput label="Pays by" type="date" value={promisedFor} onChange={(e) => setPromisedFor(e.currentTarget.value)} error={errors.promisedFor} />
        <Select
          label="Promised by"
          allowDeselect={false}
          data={PROMISE_CHANNELS.map((value) => ({ value, label: CHANNEL_LABELS[value] }))}
          value={channel}
          onChange={(value) => value && setChannel(value)}
          error={errors.channel}
        />
        <Textarea label="Note" autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} maxLength={500} />
        <FailureAlert failure={failure} />
        <ModalFormActions submitLabel="Record promise" onCancel={onDone} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

export function PromiseModal({ row, onClose }: { row: WorklistRow | null; onClose: () => void }) {
  return (
    <Modal opened={row !== null} onClose={onClose} title="Promise to pay">
      {row && <PromiseForm row={row} onDone={onClose} />}
    </Modal>
  );
}
