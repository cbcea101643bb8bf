import { WriteOffBody } from '@contracts/billing';
import type { Invoice } from '@contracts/billing';
import { Modal, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { ModalFormActions } from '@/components/ModalFormActions';
import { serverFieldErrors } from '@/lib/form-errors';
import { schemaFieldErrors } from '@/lib/form-schema';
import { formatMoney, toMajorUnits, typedMinorUnits } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { useWriteOff } from '../api/refunds';
import { refundProblem, type RefundProblem } from '../refund-problems';

interface WriteOffProps {
  invoice: Pick<Invoice, 'id' | 'invoiceNumber' | 'openAmount'>;
  currency: string;
  onDone: () => void;
}

const FIELDS = ['amount', 'reason'] as const;
type FieldErrors = Partial<Record<string, string>>;

function WriteOffForm({ invoice, currency, onDone }: WriteOffProps) {
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [amount, setAmount] = useState<number | string>(toMajorUnits(invoice.openAmount));
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<RefundProblem | null>(null);
  const mutation = useWriteOff();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const minor = typedMinorUnits(amount);
    // The API's own schema (an amount above zero, a reason), and what is open: every field at once.
    const local: FieldErrors = schemaFieldErrors(WriteOffBody, { amount: minor, reason });
    if (!local.amount && minor !== undefined && minor > invoice.openAmount) local.amount = `At most the open ${formatMoney(invoice.openAmount, currency)}`;
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    mutation.mutate(
      { invoiceId: invoice.id, idempotencyKey, body: WriteOffBody.parse({ amount: minor, reason }) },
      {
        onSuccess: (written) => {
          notifySuccess(
            `${formatMoney(written.amount, currency)} written off ${written.invoiceNumber}`,
            written.openAmount === 0 ? 'Nothing is left open on the invoice.' : `${formatMoney(written.openAmount, currency)} is still open.`,
          );
          onDone();
        },
        onError: (error) => {
          const { byField, unplaced } = serverFieldErrors(error, FIELDS);
          setErrors(byField);
          if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(refundProblem(error, currency));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Write off">
      <Stack gap="sm">
        <Text size="sm">
          Open on <b>{invoice.invoiceNumber}</b>: {formatMoney(invoice.openAmount, currency)}. A write-off is an expense and cannot be undone here; your write-off limit applies.
        </Text>
        <NumberInput
          label={`Amount (${currency})`}
          value={amount}
          onChange={setAmount}
          decimalScale={2}
          fixedDecimalScale
          thousandSeparator=","
          error={errors.amount}
          data-autofocus
        />
        <Textarea label="Reason" autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} maxLength={500} />
        <FailureAlert failure={failure} />
        <ModalFormActions submitLabel="Write off" color="red" onCancel={onDone} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

export function WriteOffModal({ opened, onClose, invoice, currency }: { opened: boolean; onClose: () => void; invoice: WriteOffProps['invoice'] | null; currency: string }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Write off">
      {invoice && <WriteOffForm invoice={invoice} currency={currency} onDone={onClose} />}
    </Modal>
  );
}
