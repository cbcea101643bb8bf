import { RejectKycBody } from '@contracts/customers';
import { Text, Textarea } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { ConfirmWithReasonForm } from '@/components/ConfirmWithReasonDialog';
import { FailureAlert } from '@/components/FailureAlert';
import { useRejectKycVerification } from '../api/reject-kyc-verification';
import { DOCUMENT_TYPE_LABELS } from '../customer-labels';
import { KycDecisionDialog, useKycDecisionOutcome } from './KycDecisionDialog';
import type { KycDialogProps, KycFormProps } from './KycDecisionDialog';

function RejectKycForm({ customerId, verification, onClose }: KycFormProps) {
  const outcome = useKycDecisionOutcome(onClose, { title: 'Document rejected', message: 'The reason is kept with the verification.' });
  const form = useForm<{ reason: string; notes: string }>({
    mode: 'controlled',
    initialValues: { reason: '', notes: '' },
    validate: schemaResolver(RejectKycBody, { sync: true }),
  });
  const mutation = useRejectKycVerification(outcome.callbacks);
  return (
    <ConfirmWithReasonForm
      formLabel="Reject document"
      confirmLabel="Reject"
      color="red"
      loading={mutation.isPending}
      onCancel={onClose}
      onConfirm={form.onSubmit(({ reason, notes }) => {
        outcome.clearFailure();
        mutation.mutate({ customerId, verification, body: notes.trim() ? { reason, notes } : { reason } });
      })}
    >
      <FailureAlert failure={outcome.failure} />
      <Text size="sm">
        The {DOCUMENT_TYPE_LABELS[verification.documentType].toLowerCase()} {verification.documentNumberMasked} does not prove who the customer is.
      </Text>
      <Textarea label="Reason" description="e.g. “Photo does not match”, “Document damaged”" autosize minRows={2} maxRows={4} data-autofocus {...form.getInputProps('reason')} />
      <Textarea label="Notes" placeholder="Optional" autosize minRows={2} maxRows={5} {...form.getInputProps('notes')} />
    </ConfirmWithReasonForm>
  );
}

export function RejectKycDialog(props: KycDialogProps) {
  return <KycDecisionDialog title="Reject this document?" form={RejectKycForm} {...props} />;
}
