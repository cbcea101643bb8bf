import type { Order } from '@contracts/orders';
import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconMessageQuestion, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDateTime } from '@/lib/format-date';
import { notifySuccess } from '@/lib/notify';
import { useSubmitOrder } from '../api/submit-order';
import { stepProblem } from '../submit-problems';
import type { StepProblem } from '../submit-problems';
import { StepProblemAlert } from './StepProblemAlert';

interface InfoRequestBannerProps {
  order: Order;
  dirty: boolean;
  problem: StepProblem | null;
  onProblem: (problem: StepProblem | null) => void;
}

/**
 * What the underwriter asked for, at the top of the application. The agent answers here (after
 * changing the application below if needed) and resubmits; the answer goes into the status history.
 */
export function InfoRequestBanner({ order, dirty, problem, onProblem }: InfoRequestBannerProps) {
  const { can } = useAuth();
  const [response, setResponse] = useState('');
  const asked = [...order.history].reverse().find((h) => h.toStatus === 'info_requested');
  const mutation = useSubmitOrder({
    onSuccess: (saved) => {
      onProblem(null);
      setResponse('');
      notifySuccess('Resubmitted', `${saved.orderNumber} is back with underwriting, with your answer.`);
    },
    onError: (error) => onProblem(stepProblem(error)),
  });
  const answers = can('orders:create');
  return (
    <Alert color="yellow" variant="light" icon={<IconMessageQuestion />} title="The underwriter needs more information" role="region">
      <Stack gap="sm">
        <div>
          <Text size="md" fw={500} style={{ whiteSpace: 'pre-line' }}>
            “{order.infoRequest}”
          </Text>
          {asked && (
            <Text size="xs" c="dimmed">
              {asked.changedBy?.name ?? 'Automatic'} · {formatDateTime(asked.changedAt)}
            </Text>
          )}
        </div>
        {answers ? (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              if (!response.trim() || dirty) return;
              onProblem(null);
              mutation.mutate({ order, response: response.trim() });
            }}
          >
            <Stack gap="xs">
              <Textarea
                label="Your answer"
                description="Change the application below first if needed (and save); then answer and resubmit."
                autosize
                minRows={2}
                maxRows={8}
                maxLength={4000}
                value={response}
                onChange={(event) => setResponse(event.currentTarget.value)}
              />
              {problem && <StepProblemAlert problem={problem} customerId={order.customer.id} onClose={() => onProblem(null)} />}
              <Group justify="space-between">
                <Text size="sm" c="orange.8">
                  {dirty ? 'Save your changes below before resubmitting.' : ''}
                </Text>
                <Button type="submit" leftSection={<IconSend size={16} />} disabled={!response.trim() || dirty} loading={mutation.isPending}>
                  Answer and resubmit
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Text size="sm">Waiting for {order.agent.name} to answer.</Text>
        )}
      </Stack>
    </Alert>
  );
}
