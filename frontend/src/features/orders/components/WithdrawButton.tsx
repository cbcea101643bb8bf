import type { Order } from '@contracts/orders';
import { Alert, Button, Text } from '@mantine/core';
import { useState } from 'react';
import { ConfirmWithReasonDialog, isReasonLongEnough, ReasonField } from '@/components/ConfirmWithReasonDialog';
import { notifySuccess } from '@/lib/notify';
import { useWithdrawOrder } from '../api/withdraw-order';
import { stepProblem } from '../submit-problems';
import type { StepProblem } from '../submit-problems';

/** Withdraw (draft, submitted, information requested): irreversible, so it asks why and confirms. */
export function WithdrawButton({ order }: { order: Order }) {
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<StepProblem | null>(null);
  const mutation = useWithdrawOrder({
    onSuccess: (saved) => {
      setOpened(false);
      notifySuccess('Application withdrawn', `${saved.orderNumber} is withdrawn; the quote can be applied for again.`);
    },
    onError: (error) => setProblem(stepProblem(error)),
  });
  const ok = isReasonLongEnough(reason);
  return (
    <>
      <Button variant="default" color="red" onClick={() => (setProblem(null), setOpened(true))}>
        Withdraw
      </Button>
      <ConfirmWithReasonDialog
        opened={opened}
        onClose={() => setOpened(false)}
        title={`Withdraw ${order.orderNumber}?`}
        centered
        confirmLabel="Withdraw application"
        cancelLabel="Keep it"
        color="red"
        loading={mutation.isPending}
        confirmDisabled={!ok}
        onConfirm={() => ok && mutation.mutate({ order, reason: reason.trim() })}
      >
        <Text size="sm">The application stops here and cannot be reopened. The customer can apply again from the same quote while it is valid.</Text>
        {problem && (
          <Alert color="red" variant="light" title={problem.title}>
            {problem.detail}
          </Alert>
        )}
        <ReasonField label="Why is it withdrawn?" placeholder="e.g. The customer chose another product." value={reason} onChange={setReason} data-autofocus />
      </ConfirmWithReasonDialog>
    </>
  );
}
