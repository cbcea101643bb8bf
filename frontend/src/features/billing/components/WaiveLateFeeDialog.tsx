import { WaiveLateFeeBody } from '@contracts/billing';
import { Modal, Text } from '@mantine/core';
import { ConfirmWithReasonForm, isReasonLongEnough, ReasonField } from '@/components/ConfirmWithReasonDialog';
import { FailureAlert } from '@/components/FailureAlert';
import { formatMoney } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { useReasonForm } from '@/lib/use-reason-form';
import { useWaiveLateFee } from '../api/waive-late-fee';

/** The fee to waive: its invoice and line. */
export interface FeeToWaive {
  invoiceId: string;
  invoiceNumber: string;
  lineId: string;
  amount: number;
}

interface WaiveLateFeeDialogProps {
  policyId: string;
  currency: string;
  /** The fee being waived; null while the dialog is closed. */
  fee: FeeToWaive | null;
  onClose: () => void;
}

/** What the API accepts (trimmed). */
const REASON_MAX_LENGTH = 500;

function WaiveLateFeeForm({ policyId, currency, fee, onClose }: WaiveLateFeeDialogProps & { fee: FeeToWaive }) {
  const { reason, setReason, reasonError, failure, checked, refused } = useReasonForm(WaiveLateFeeBody);
  const mutation = useWaiveLateFee(policyId);

  const submit = () => {
    // The API's own schema: trimmed, 3 to 500 characters.
    const body = checked();
    if (!body) return;
    mutation.mutate(
      { invoiceId: fee.invoiceId, lineId: fee.lineId, reason: body.reason },
      {
        onSuccess: (waiver) => {
          notifySuccess(
            'Late fee waived',
            [
              `${formatMoney(fee.amount, currency)} on ${fee.invoiceNumber} waived.`,
              waiver.creditReturned > 0 ? `The ${formatMoney(waiver.creditReturned, currency)} already paid of it is the customer’s credit again.` : '',
              waiver.writeOffReleased > 0 ? `${formatMoney(waiver.writeOffReleased, currency)} of the invoice’s write-off is released.` : '',
            ]
              .filter(Boolean)
              .join(' '),
          );
          onClose();
        },
        onError: refused,
      },
    );
  };

  return (
    <ConfirmWithReasonForm
      formLabel="Waive late fee"
      confirmLabel="Waive fee"
      loading={mutation.isPending}
      confirmDisabled={!isReasonLongEnough(reason)}
      onConfirm={submit}
      onCancel={onClose}
    >
      <Text size="sm">
        The {formatMoney(fee.amount, currency)} late fee on {fee.invoiceNumber} is taken off the invoice and its ledger entry reversed. Anything the customer already paid of it
        becomes their credit; what a write-off had settled of it is released.
      </Text>
      <FailureAlert failure={failure} />
      <ReasonField
        label="Why is it waived?"
        placeholder="e.g. First late payment; the customer called ahead."
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

/** Asks why a late fee is waived (a reason is required), then waives it; starts afresh each time it opens. */
export function WaiveLateFeeDialog({ fee, onClose, ...props }: WaiveLateFeeDialogProps) {
  return (
    <Modal opened={fee !== null} onClose={onClose} title="Waive late fee" centered>
      {fee && <WaiveLateFeeForm key={fee.lineId} fee={fee} onClose={onClose} {...props} />}
    </Modal>
  );
}
