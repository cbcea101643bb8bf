import type { KycVerification } from '@contracts/customers';
import { Modal } from '@mantine/core';
import { useState } from 'react';
import type { ComponentType } from 'react';
import { describeError } from '@/lib/api-error';
import type { ErrorDescription } from '@/lib/api-error';
import { isVersionConflict } from '@/lib/concurrency';
import { notifySuccess, notifyVersionConflict } from '@/lib/notify';

/**
 * What a verify or reject does with the answer: on success it says so and closes; a refusal stays in
 * the dialog; a stale verification (someone else decided meanwhile) closes it with a toast.
 */
export function useKycDecisionOutcome(onClose: () => void, success: { title: string; message: string }) {
  const [failure, setFailure] = useState<ErrorDescription | null>(null);
  const callbacks = {
    onSuccess: () => {
      notifySuccess(success.title, success.message);
      onClose();
    },
    onError: (error: Error) => {
      if (!isVersionConflict(error)) return setFailure(describeError(error));
      notifyVersionConflict();
      onClose();
    },
  };
  return { failure, clearFailure: () => setFailure(null), callbacks };
}

/** What the verify and reject dialogs take. */
export interface KycDialogProps {
  customerId: string;
  /** Kept after closing, so the dialog keeps its content while it animates out. */
  verification: KycVerification | null;
  opened: boolean;
  onClose: () => void;
}

/** What the verify and reject forms take: the verification the dialog opened for. */
export interface KycFormProps {
  customerId: string;
  verification: KycVerification;
  onClose: () => void;
}

/** The dialog that verifies or rejects one identity document; its form starts afresh each time it opens. */
export function KycDecisionDialog({ title, form: Form, customerId, verification, opened, onClose }: KycDialogProps & { title: string; form: ComponentType<KycFormProps> }) {
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      {verification && <Form key={verification.id} customerId={customerId} verification={verification} onClose={onClose} />}
    </Modal>
  );
}
