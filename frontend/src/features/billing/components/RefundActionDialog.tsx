import type { Refund } from '@contracts/billing';
import { Modal, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { ModalFormActions } from '@/components/ModalFormActions';
import { isVersionConflict } from '@/lib/concurrency';
import { serverFieldErrors } from '@/lib/form-errors';
import { formatMoney } from '@/lib/money';
import { notifySuccess, notifyVersionConflict } from '@/lib/notify';
import { useRefundStep } from '../api/refunds';
import { PAYMENT_METHOD_LABELS } from '../billing-labels';
import { refundProblem, type RefundProblem } from '../refund-problems';

export type RefundAction = 'approve' | 'reject' | 'cancel' | 'paid' | 'failed';

const TEXT: Record<RefundAction, { title: string; submit: string; field: 'note' | 'reason' | 'reference'; label: string; done: string; color?: string }> = {
  approve: { title: 'Approve refund', submit: 'Approve refund', field: 'note', label: 'Note (optional)', done: 'approved' },
  reject: { title: 'Reject refund', submit: 'Reject refund', field: 'reason', label: 'Why is it rejected?', done: 'rejected', color: 'red' },
  cancel: { title: 'Cancel refund request', submit: 'Cancel request', field: 'reason', label: 'Why is it cancelled?', done: 'cancelled', color: 'red' },
  paid: { title: 'Record payout', submit: 'Record payout', field: 'reference', label: 'Payout reference (transfer, check number, receipt)', done: 'paid out' },
  failed: { title: 'Payout failed', submit: 'Record failure', field: 'reason', label: 'What happened?', done: 'marked failed', color: 'red' },
};

function RefundActionForm({ refund, action, onDone }: { refund: Refund; action: RefundAction; onDone: () => void }) {
  const text = TEXT[action];
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [failure, setFailure] = useState<RefundProblem | null>(null);
  const mutation = useRefundStep();
  const money = formatMoney(refund.amount, refund.currency);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (text.field === 'reason' && trimmed.length < 3) return setError('Say why (at least 3 characters)');
    if (text.field === 'reference' && !trimmed) return setError('Give the payout reference');
    setError(undefined);
    setFailure(null);
    const step =
      action === 'approve'
        ? ({ action, body: trimmed ? { note: trimmed } : {} } as const)
        : action === 'paid'
          ? ({ action, body: { reference: trimmed } } as const)
          : ({ action, body: { reason: trimmed } } as const);
    mutation.mutate(
      { refund, ...step },
      {
        onSuccess: (moved) => {
          notifySuccess(`Refund ${moved.refundNumber} ${moved.status === 'paid' && action === 'approve' ? 'approved and paid back' : text.done}`, `${money} to the customer.`);
          onDone();
        },
        onError: (err) => {
          if (isVersionConflict(err)) {
            notifyVersionConflict();
            return onDone();
          }
          const { byField } = serverFieldErrors(err, [text.field]);
          if (byField[text.field]) setError(byField[text.field]);
          else setFailure(refundProblem(err, refund.currency));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label={text.title}>
      <Stack gap="sm">
        <Text size="sm">
          {refund.refundNumber}: <b>{money}</b> {refund.source === 'payment' ? `of payment ${refund.paymentNumber}` : 'of the customer’s credit'}, by{' '}
          {PAYMENT_METHOD_LABELS[refund.method].toLowerCase()}. Reason: {refund.reason}
        </Text>
        {action === 'approve' && <Text size="sm">{refund.method === 'card' ? 'The card is refunded at once.' : 'After approval the payout is made and recorded.'}</Text>}
        {text.field === 'reference' ? (
          <TextInput label={text.label} value={value} onChange={(e) => setValue(e.currentTarget.value)} error={error} maxLength={140} data-autofocus />
        ) : (
          <Textarea label={text.label} autosize minRows={2} value={value} onChange={(e) => setValue(e.currentTarget.value)} error={error} maxLength={500} data-autofocus />
        )}
        <FailureAlert failure={failure} />
        <ModalFormActions submitLabel={text.submit} color={text.color} onCancel={onDone} cancelLabel={action === 'cancel' ? 'Keep it' : 'Cancel'} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

/** Approve, reject, cancel, or record the payout of a refund: each asks before it acts. */
export function RefundActionDialog({ refund, action, onClose }: { refund: Refund | null; action: RefundAction | null; onClose: () => void }) {
  return (
    <Modal opened={!!refund && !!action} onClose={onClose} title={action ? TEXT[action].title : ''}>
      {refund && action && <RefundActionForm refund={refund} action={action} onDone={onClose} />}
    </Modal>
  );
}
