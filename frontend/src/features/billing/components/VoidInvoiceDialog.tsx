import { VoidInvoiceBody, type Invoice } from '@contracts/billing';
import { Modal, Text } from '@mantine/core';
import { useState } from 'react';
import { ConfirmWithReasonForm, isReasonLongEnough, ReasonField } from '@/components/ConfirmWithReasonDialog';
import { FailureAlert } from '@/components/FailureAlert';
import { ApiError } from '@/lib/api-error';
import { formatMoney } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { useReasonForm } from '@/lib/use-reason-form';
import { useVoidInvoice } from '../api/void-invoice';

interface VoidInvoiceDialogProps {
  policyId: string;
  currency: string;
  /** The invoice being voided; null while the dialog is closed. */
  invoice: Pick<Invoice, 'id' | 'invoiceNumber' | 'total'> | null;
  onClose: () => void;
}

function VoidInvoiceForm({ policyId, currency, invoice, onClose }: VoidInvoiceDialogProps & { invoice: NonNullable<VoidInvoiceDialogProps['invoice']> }) {
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const { reason, setReason, reasonError, failure, setFailure, checked, refused } = useReasonForm(VoidInvoiceBody);
  const mutation = useVoidInvoice(policyId);

  const submit = () => {
    const body = checked();
    if (!body) return;
    mutation.mutate(
      { invoiceId: invoice.id, reason: body.reason, idempotencyKey },
      {
        onSuccess: () => {
          notifySuccess(`${invoice.invoiceNumber} voided`, `Its ${formatMoney(invoice.total, currency)} is no longer owed, and it will not be raised again.`);
          onClose();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.code === 'INVOICE_NOT_VOIDABLE')
            setFailure({ title: 'This invoice cannot be voided', detail: `${error.detail} Re-allocate a payment elsewhere first, or write off or waive instead.` });
          else refused(error);
        },
      },
    );
  };

  return (
    <ConfirmWithReasonForm
      formLabel="Void invoice"
      confirmLabel="Void invoice"
      loading={mutation.isPending}
      confirmDisabled={!isReasonLongEnough(reason)}
      onConfirm={submit}
      onCancel={onClose}
    >
      <Text size="sm">
        {invoice.invoiceNumber} ({formatMoney(invoice.total, currency)}) was raised in error: its charges are reversed in the ledger and the customer owes nothing on it. Only an
        invoice no money has paid can be voided. This cannot be undone.
      </Text>
      <FailureAlert failure={failure} />
      <ReasonField
        label="Why is it voided?"
        placeholder="e.g. Raised before the start date was corrected."
        value={reason}
        onChange={setReason}
        error={reasonError}
        maxLength={500}
        withAsterisk
        data-autofocus
      />
    </ConfirmWithReasonForm>
  );
}

/** Asks why an invoice is voided (a reason is required), then voids it; starts afresh each time it opens. */
export function VoidInvoiceDialog({ invoice, onClose, ...props }: VoidInvoiceDialogProps) {
  return (
    <Modal opened={invoice !== null} onClose={onClose} title="Void invoice" centered>
      {invoice && <VoidInvoiceForm key={invoice.id} invoice={invoice} onClose={onClose} {...props} />}
    </Modal>
  );
}
