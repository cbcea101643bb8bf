import { RequestRefundBody } from '@contracts/billing';
import type { Payment } from '@contracts/billing';
import { Modal, NumberInput, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { ModalFormActions } from '@/components/ModalFormActions';
import { serverFieldErrors } from '@/lib/form-errors';
import { schemaFieldErrors } from '@/lib/form-schema';
import { formatMoney, toMajorUnits, typedMinorUnits } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { useRequestRefund } from '../api/refunds';
import { CREDIT_REFUND_METHOD_LABELS, PAYMENT_METHOD_LABELS } from '../billing-labels';
import { refundProblem, type RefundProblem } from '../refund-problems';

/** What is refunded: (part of) a payment, to its own method, or the customer's credit. */
export type RefundSource = { kind: 'payment'; payment: Payment; refundable: number } | { kind: 'credit'; available: number };

interface RequestRefundProps {
  policyId: string;
  currency: string;
  source: RefundSource;
  onDone: () => void;
}

const FIELDS = ['amount', 'reason', 'method'] as const;
type FieldErrors = Partial<Record<string, string>>;
type CreditMethod = keyof typeof CREDIT_REFUND_METHOD_LABELS;

function RequestRefundForm({ policyId, currency, source, onDone }: RequestRefundProps) {
  // One key for the form's lifetime: a double click or a retry after a lost answer replays the first request.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const most = source.kind === 'payment' ? source.refundable : source.available;
  const [amount, setAmount] = useState<number | string>(most > 0 ? toMajorUnits(most) : '');
  const [reason, setReason] = useState('');
  const [method, setMethod] = useState<CreditMethod>('bank_transfer');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<RefundProblem | null>(null);
  const mutation = useRequestRefund();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const minor = typedMinorUnits(amount);
    const typed = source.kind === 'payment' ? { paymentId: source.payment.id, amount: minor, reason } : { policyId, method, amount: minor, reason };
    // The API's own schema (an amount above zero, a reason), and what is left to refund: every field at once.
    const local: FieldErrors = schemaFieldErrors(RequestRefundBody, typed);
    if (!local.amount && minor !== undefined && minor > most) local.amount = `At most ${formatMoney(most, currency)}`;
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    const body = RequestRefundBody.parse(typed);
    mutation.mutate(
      { idempotencyKey, body },
      {
        onSuccess: (refund) => {
          notifySuccess(`Refund ${refund.refundNumber} requested`, 'Another person must approve it before the money goes back.');
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
    <form onSubmit={submit} noValidate aria-label="Request a refund">
      <Stack gap="sm">
        {source.kind === 'payment' ? (
          <Text size="sm">
            Payment <b>{source.payment.paymentNumber}</b> of {formatMoney(source.payment.amount, currency)}; up to <b>{formatMoney(source.refundable, currency)}</b> can still be
            refunded, to the same method ({PAYMENT_METHOD_LABELS[source.payment.method].toLowerCase()}).
          </Text>
        ) : (
          <Text size="sm">
            The customer’s credit that can be refunded: <b>{formatMoney(source.available, currency)}</b>.
          </Text>
        )}
        {source.kind === 'credit' && (
          <Select
            label="Pay out by"
            data={Object.entries(CREDIT_REFUND_METHOD_LABELS).map(([value, label]) => ({ value, label }))}
            value={method}
            onChange={(v) => v && setMethod(v as CreditMethod)}
            allowDeselect={false}
            error={errors.method}
          />
        )}
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
        <Text size="xs" c="dimmed">
          Nothing is paid back until another person approves the refund.
        </Text>
        <FailureAlert failure={failure} />
        <ModalFormActions submitLabel="Request refund" onCancel={onDone} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

export function RequestRefundModal({
  opened,
  onClose,
  ...props
}: Omit<RequestRefundProps, 'onDone' | 'source'> & { source: RefundSource | null; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Request a refund">
      {props.source && <RequestRefundForm {...props} source={props.source} onDone={onClose} />}
    </Modal>
  );
}
