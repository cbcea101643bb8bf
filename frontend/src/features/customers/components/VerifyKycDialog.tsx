import { VerifyKycBody } from '@contracts/customers';
import { Text, Textarea } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { ConfirmWithReasonForm } from '@/components/ConfirmWithReasonDialog';
import { FailureAlert } from '@/components/FailureAlert';
import { useVerifyKycVerification } from '../api/verify-kyc-verification';
import { DOCUMENT_TYPE_LABELS } from '../customer-labels';
import { KycDecisionDialog, useKycDecisionOutcome } from './KycDecisionDialog';
import type { KycDialogProps, KycFormProps } from './KycDecisionDialog';

function VerifyKycForm({ customerId, verification, onClose }: KycFormProps) {
  const outcome = useKycDecisionOutcome(onClose, { title: 'Identity verified', message: 'The customer is now KYC verified.' });
  const form = useForm<{ notes: string }>({
    mode: 'controlled',
    initialValues: { notes: '' },
    validate: schemaResolver(VerifyKycBody, { sync: true }),
  });
  const mutation = useVerifyKycVerification(outcome.callbacks);
  return (
    <ConfirmWithReasonForm
      formLabel="Verify document"
      confirmLabel="Verify"
      color="teal"
      loading={mutation.isPending}
      onCancel={onClose}
      onConfirm={form.onSubmit(({ notes }) => {
        outcome.clearFailure();
        mutation.mutate({ customerId, verification, body: notes.trim() ? { notes } : {} });
      })}
    >
      <FailureAlert failure={outcome.failure} />
      <Text size="sm">
        You have checked the {DOCUMENT_TYPE_LABELS[verification.documentType].toLowerCase()} {verification.documentNumberMasked} against the customer: the customer becomes KYC
        verified.
      </Text>
      <Textarea label="Notes" placeholder="Optional" autosize minRows={2} maxRows={5} data-autofocus {...form.getInputProps('notes')} />
    </ConfirmWithReasonForm>
  );
}

export function VerifyKycDialog(props: KycDialogProps) {
  return <KycDecisionDialog title="Verify this document?" form={VerifyKycForm} {...props} />;
}
