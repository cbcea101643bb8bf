import { VerifyKycBody } from '@contracts/customers';
import type { KycVerification } from '@contracts/customers';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { schemaResolver, useForm } from '@mantine/form';
import { useState } from 'react';
import { describeError } from '@/lib/api-error';
import type { ErrorDescription } from '@/lib/api-error';
import { isVersionConflict } from '@/lib/concurrency';
import { notifySuccess, notifyVersionConflict } from '@/lib/notify';
import { useVerifyKycVerification } from '../api/verify-kyc-verification';
import { DOCUMENT_TYPE_LABELS } from '../customer-labels';
import { KycDecisionFailure } from './KycDecisionFailure';

interface VerifyKycFormProps {
  customerId: string;
  verification: KycVerification;
  onClose: () => void;
}

function VerifyKycForm({ customerId, verification, onClose }: VerifyKycFormProps) {
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const form = useForm<{ notes: string }>({
    mode: 'controlled',
    initialValues: { notes: '' },
    validate: schemaResolver(VerifyKycBody, { sync: true }),
  });
  const mutation = useVerifyKycVerification({
    onSuccess: () => {
      notifySuccess('Identity verified', 'The customer is now KYC verified.');
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
      onSubmit={form.onSubmit(({ notes }) => {
        setFailure(null);
        mutation.mutate({ customerId, verification, body: notes.trim() ? { notes } : {} });
      })}
      noValidate
      aria-label="Verify document"
    >
      <Stack gap="sm">
        <KycDecisionFailure failure={failure} />
        <Text size="sm">
          You have checked the {DOCUMENT_TYPE_LABELS[verification.documentType].toLowerCase()}{' '}
          {verification.documentNumberMasked} against the customer: the customer becomes KYC verified.
        </Text>
        <Textarea
          label="Notes"
          placeholder="Optional"
          autosize
          minRows={2}
          maxRows={5}
          data-autofocus
          {...form.getInputProps('notes')}
        />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" color="teal" loading={mutation.isPending}>
            Verify
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface VerifyKycDialogProps {
  customerId: string;
  /** Kept after closing, so the dialog keeps its content while it animates out. */
  verification: KycVerification | null;
  opened: boolean;
  onClose: () => void;
}

export function VerifyKycDialog({ customerId, verification, opened, onClose }: VerifyKycDialogProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Verify this document?">
      {verification && (
        <VerifyKycForm key={verification.id} customerId={customerId} verification={verification} onClose={onClose} />
      )}
    </Modal>
  );
}
