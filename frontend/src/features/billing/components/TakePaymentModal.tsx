import { CreatePaymentBody } from '@contracts/billing';
import type { PaymentMethodKind, PaymentResult } from '@contracts/billing';
import { Alert, Modal, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ModalFormActions } from '@/components/ModalFormActions';
import { FailureAlert } from '@/components/FailureAlert';
import { describeError, type ErrorDescription } from '@/lib/api-error';
import { serverFieldErrors } from '@/lib/form-errors';
import { schemaFieldErrors } from '@/lib/form-schema';
import { formatMoney, toMajorUnits, typedMinorUnits } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { useTakePayment } from '../api/take-payment';
import { PAYMENT_METHOD_LABELS } from '../billing-labels';

interface TakePaymentProps {
  policyId: string;
  currency: string;
  amountDue: number;
  /** The policy has a card on file (the only card a payment may use). */
  cardLast4: string | null;
  onDone: () => void;
}

const FIELDS = ['method', 'amount', 'checkNumber', 'reference'] as const;
type FieldErrors = Partial<Record<string, string>>;

function TakePaymentForm({ policyId, currency, amountDue, cardLast4, onDone }: TakePaymentProps) {
  // One key for the form's lifetime: a double click or a retry after a lost answer replays the
  // first request instead of charging again. A new key only after a definite answer.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [method, setMethod] = useState<PaymentMethodKind>(cardLast4 ? 'card' : 'bank_transfer');
  const [amount, setAmount] = useState<number | string>(amountDue > 0 ? toMajorUnits(amountDue) : '');
  const [checkNumber, setCheckNumber] = useState('');
  const [reference, setReference] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<Pick<ErrorDescription, 'title' | 'detail'> | null>(null);
  const mutation = useTakePayment(policyId);

  const methods = (Object.keys(PAYMENT_METHOD_LABELS) as PaymentMethodKind[])
    .filter((m) => m !== 'card' || cardLast4)
    .map((m) => ({ value: m, label: m === 'card' ? `Card on file ending ${cardLast4}` : PAYMENT_METHOD_LABELS[m] }));

  const settled = (payment: PaymentResult) => {
    setIdempotencyKey(crypto.randomUUID());
    if (payment.status === 'failed') {
      setFailure({ title: 'The card was declined', detail: payment.failureMessage ?? `The gateway answered ${payment.failureCode}.` });
      return;
    }
    const applied = payment.allocations.map((a) => `${a.invoiceNumber} (${formatMoney(a.amount, currency)})`).join(', ');
    notifySuccess(
      payment.status === 'pending' ? `Payment ${payment.paymentNumber} is pending` : `Payment ${payment.paymentNumber} received`,
      applied ? `Applied to ${applied}.` : 'Kept as the customer’s credit.',
    );
    onDone();
  };

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const body = {
      policyId,
      method,
      amount: typedMinorUnits(amount),
      currency,
      ...(method === 'check' ? { checkNumber: checkNumber.trim() || undefined } : {}),
      ...(method === 'bank_transfer' || method === 'direct_debit' ? { reference: reference.trim() || undefined } : {}),
    };
    // The API's own schema (an amount above zero, the check number or bank reference the method needs), every field at once.
    const local = schemaFieldErrors(CreatePaymentBody, body);
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) {
      if (Object.keys(local).some((field) => !(FIELDS as readonly string[]).includes(field)))
        setFailure({ title: 'The payment cannot be taken', detail: Object.values(local).join(' ') });
      return;
    }
    const parsed = CreatePaymentBody.parse(body);
    mutation.mutate(
      {
        idempotencyKey,
        body: parsed,
      },
      {
        onSuccess: settled,
        onError: (error) => {
          const { byField, unplaced } = serverFieldErrors(error, FIELDS);
          setErrors(byField);
          if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(describeError(error));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Take a payment">
      <Stack gap="sm">
        <Text size="sm">
          Amount due now: <b>{formatMoney(amountDue, currency)}</b>. The payment pays the oldest open invoices first; anything over becomes the customer’s credit.
        </Text>
        <Select label="Method" data={methods} value={method} onChange={(v) => v && setMethod(v as PaymentMethodKind)} allowDeselect={false} error={errors.method} />
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
        {method === 'check' && <TextInput label="Check number" value={checkNumber} onChange={(e) => setCheckNumber(e.currentTarget.value)} error={errors.checkNumber} />}
        {(method === 'bank_transfer' || method === 'direct_debit') && (
          <TextInput label="Bank reference" value={reference} onChange={(e) => setReference(e.currentTarget.value)} error={errors.reference} />
        )}
        {method === 'card' && (
          <Alert variant="light" p="xs">
            The card on file is charged now.
          </Alert>
        )}
        <FailureAlert failure={failure} />
        <ModalFormActions submitLabel={method === 'card' ? 'Charge card' : 'Record payment'} onCancel={onDone} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

export function TakePaymentModal({ opened, onClose, ...props }: Omit<TakePaymentProps, 'onDone'> & { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Take a payment">
      <TakePaymentForm {...props} onDone={onClose} />
    </Modal>
  );
}
