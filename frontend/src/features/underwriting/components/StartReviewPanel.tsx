import type { Order } from '@contracts/orders';
import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { stepProblem, StepProblemAlert } from '@/features/orders';
import type { StepProblem } from '@/features/orders';
import { formatDateTime } from '@/lib/format-date';
import { notifySuccess } from '@/lib/notify';
import { useStartReview } from '../api/start-review';

/** A submitted application waits to be taken: the underwriter who starts the review owns the decision. */
export function StartReviewPanel({ order }: { order: Order }) {
  const [problem, setProblem] = useState<StepProblem | null>(null);
  const mutation = useStartReview({
    onSuccess: (saved) => notifySuccess('Review started', `${saved.orderNumber} is yours to decide.`),
    onError: (error) => setProblem(stepProblem(error)),
  });
  return (
    <Paper withBorder p="md" shadow="xs" component="section" aria-label="Start review">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Decision
        </Title>
        <Text size="sm">
          Submitted {order.submittedAt ? formatDateTime(order.submittedAt) : ''} by {order.agent.name}. Start the review to take it: you become its underwriter, and the decision
          panel opens here.
        </Text>
        {problem && <StepProblemAlert problem={problem} customerId={order.customer.id} onClose={() => setProblem(null)} />}
        <Button size="md" leftSection={<IconPlayerPlay size={18} />} loading={mutation.isPending} onClick={() => mutation.mutate({ order })}>
          Start review
        </Button>
      </Stack>
    </Paper>
  );
}
