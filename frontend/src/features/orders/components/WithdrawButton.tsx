import type { Order } from '@contracts/orders';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
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
  const ok = reason.trim().length >= 3;
  return (
    <>
      <Button variant="default" color="red" onClick={() => (setProblem(null), setOpened(true))}>
        Withdraw
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={`Withdraw ${order.orderNumber}?`} centered>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (ok) mutation.mutate({ order, reason: reason.trim() });
          }}
        >
          <Stack gap="sm">
            <Text size="sm">The application stops here and cannot be reopened. The customer can apply again from the same quote while it is valid.</Text>
            {problem && (
              <Alert color="red" variant="light" title={problem.title}>
                {problem.detail}
              </Alert>
            )}
            <Textarea
              label="Why is it withdrawn?"
              placeholder="e.g. The customer chose another product."
              autosize
              minRows={2}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={reason.length > 0 && !ok ? 'At least 3 characters' : undefined}
              data-autofocus
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpened(false)}>
                Keep it
              </Button>
              <Button type="submit" color="red" disabled={!ok} loading={mutation.isPending}>
                Withdraw application
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
