import { REVERSIBLE_PAYMENT_METHODS, ReversePaymentBody, type Payment, type PaymentMethodKind } from '@contracts/billing';
import { Modal, Text } from '@mantine/core';
import { ConfirmWithReasonForm, isReasonLongEnough, ReasonField } from '@/components/ConfirmWithReasonDialog';
import { FailureAlert } from '@/components/FailureAlert';
import { formatMoney } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { useReasonForm } from '@/lib/use-reason-form';
import { useReversePayment } from '../api/reverse-payment';

/** Whether staff may mark this payment bounced: a succeeded check or direct debit (a card's chargeback comes from the gateway). */
export const isReversible = (p: Pick<Payment, 'status' | 'method'>): boolean =>
  p.status === 'succeeded' && (REVERSIBLE_PAYMENT_METHODS as readonly PaymentMethodKind[]).includes(p.method);

interface ReversePaymentDialogProps {
  currency: string;
  /** The payment being marked bounced; null while the dialog is closed. */
  payment: Payment | null;
  onClose: () => void;
}

const REASON_MAX_LENGTH = 500;

function ReversePaymentForm({ currency, payment, onClose }: ReversePaymentDialogProps & { payment: Payment }) {
  const { reason, setReason, reasonError, failure, checked, refused } = useReasonForm(ReversePaymentBody);
  const mutation = useReversePayment();
  const what = payment.method === 'check' ? `check${payment.checkNumber ? ` ${payment.checkNumber}` : ''}` : 'direct debit';

  const submit = () => {
    // The API's own schema: trimmed, 3 to 500 characters.
    const body = checked();
    if (!body) return;
    mutation.mutate(
      { paymentId: payment.id, version: payment.version, reason: body.reason },
      {
        onSuccess: (reversal) => {
          const reopened = reversal.reopened.map((r) => `${r.invoiceNumber} (${formatMoney(r.amount, currency)})`).join(', ');
          notifySuccess(
            'Payment reversed',
            `${payment.paymentNumber} is reversed.${reopened ? ` Owed again: ${reopened}.` : ' Its money was still credit; no invoice is owed again.'}`,
          );
          onClose();
        },
        onError: refused,
      },
    );
  };

  return (
    <ConfirmWithReasonForm
      formLabel="Mark payment bounced"
      confirmLabel="Reverse payment"
      loading={mutation.isPending}
      confirmDisabled={!isReasonLongEnough(reason)}
      onConfirm={submit}
      onCancel={onClose}
    >
      <Text size="sm">
        {payment.paymentNumber}, {formatMoney(payment.amount, currency)} by {what}, did not arrive. It is reversed in the ledger: its money leaves the customer’s credit and the
        invoices it paid are owed again (overdue if past due). This cannot be undone.
      </Text>
      <FailureAlert failure={failure} />
      <ReasonField
        label="Why did it bounce?"
        placeholder="e.g. Returned by the bank: insufficient funds."
        value={reason}
        onChange={setReason}
        error={reasonError}
        maxLength={REASON_MAX_LENGTH}
        withAsterisk
        data-autofocus
      />
    </ConfirmWithReasonForm>
  );
}

/** Asks why a check or direct debit bounced (a reason is required), then reverses the payment; starts afresh each time it opens. */
export function ReversePaymentDialog({ payment, onClose, ...props }: ReversePaymentDialogProps) {
  return (
    <Modal opened={payment !== null} onClose={onClose} title="Mark payment bounced" centered>
      {payment && <ReversePaymentForm key={payment.id} payment={payment} onClose={onClose} {...props} />}
    </Modal>
  );
}
