import { RejectKycBody } from '@contracts/customers';
import type { KycVerification } from '@contracts/customers';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useState } from 'react';
import { describeError } from '@/lib/api-error';
import type { ErrorDescription } from '@/lib/api-error';
import { isVersionConflict } from '@/lib/concurrency';
import { notifySuccess, notifyVersionConflict } from '@/lib/notify';
import { useRejectKycVerification } from '../api/reject-kyc-verification';
import { DOCUMENT_TYPE_LABELS } from '../customer-labels';
import { KycDecisionFailure } from './KycDecisionFailure';

interface RejectKycFormProps {
  customerId: string;
  verification: KycVerification;
  onClose: () => void;
}

function RejectKycForm({ customerId, verification, onClose }: RejectKycFormProps) {
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const form = useForm<{ reason: string; notes: string }>({
    mode: 'controlled',
    initialValues: { reason: '', notes: '' },
    validate: schemaResolver(RejectKycBody, { sync: true }),
  });
  const mutation = useRejectKycVerification({
    onSuccess: () => {
      notifySuccess('Document rejected', 'The reason is kept with the verification.');
      onClose();
    },
    onError: (error) => {
      if (!isVersionConflict(error)) return setFailure(describeError(error));
      notifyVersionConflict();
      onClose();
    },
  });
  return (
    <form
      onSubmit={form.onSubmit(({ reason, notes }) => {
        setFailure(null);
        mutation.mutate({ customerId, verification, body: notes.trim() ? { reason, notes } : { reason } });
      })}
      noValidate
      aria-label="Reject document"
    >
      <Stack gap="sm">
        <KycDecisionFailure failure={failure} />
        <Text size="sm">
          The {DOCUMENT_TYPE_LABELS[verification.documentType].toLowerCase()} {verification.documentNumberMasked} does
          not prove who the customer is.
        </Text>
        <Textarea
          label="Reason"
          description="e.g. “Photo does not match”, “Document damaged”"
          autosize
          minRows={2}
          maxRows={4}
          data-autofocus
          {...form.getInputProps('reason')}
        />
        <Textarea label="Notes" placeholder="Optional" autosize minRows={2} maxRows={5} {...form.getInputProps('notes')} />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={mutation.isPending}>
            Reject
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface RejectKycDialogProps {
  customerId: string;
  /** Kept after closing, so the dialog keeps its content while it animates out. */
  verification: KycVerification | null;
  opened: boolean;
  onClose: () => void;
}

export function RejectKycDialog({ customerId, verification, opened, onClose }: RejectKycDialogProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Reject this document?">
      {verification && (
        <RejectKycForm key={verification.id} customerId={customerId} verification={verification} onClose={onClose} />
      )}
    </Modal>
  );
}
