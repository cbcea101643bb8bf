import type { Order } from '@contracts/orders';
import type { DeclarationQuestion } from '@contracts/products';
import { Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconSend, IconX } from '@tabler/icons-react';
import { useId } from 'react';
import { notifySuccess } from '@/lib/notify';
import { useSubmitOrder } from '../api/submit-order';
import { applicationProgress } from '../application-progress';
import { stepProblem } from '../submit-problems';
import type { StepProblem } from '../submit-problems';
import { StepProblemAlert } from './StepProblemAlert';

interface SubmitPanelProps {
  order: Order;
  questions: DeclarationQuestion[] | undefined;
  /** Unsaved changes in the form: only what is saved is submitted. */
  dirty: boolean;
  problem: StepProblem | null;
  onProblem: (problem: StepProblem | null) => void;
}

/** The draft's way to underwriting: what is done, what is not, and the Submit button. */
export function SubmitPanel({ order, questions, dirty, problem, onProblem }: SubmitPanelProps) {
  const titleId = useId();
  const steps = applicationProgress(order, questions);
  const remaining = steps.filter((s) => !s.done).length;
  const mutation = useSubmitOrder({
    onSuccess: (saved) => {
      onProblem(null);
      notifySuccess('Application submitted', `${saved.orderNumber} is with underwriting. You will see their decision, or a request for information, here.`);
    },
    onError: (error) => onProblem(stepProblem(error)),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} shadow="xs">
      <Stack gap="sm">
        <Title id={titleId} order={2} size="h4">
          Submit for underwriting
        </Title>
        <Stack gap={6}>
          {steps.map((step) => (
            <Group key={step.key} gap="sm" wrap="nowrap" align="flex-start">
              <ThemeIcon size={22} radius="xl" color={step.done ? 'teal' : 'gray'} variant={step.done ? 'filled' : 'light'} aria-hidden>
                {step.done ? <IconCheck size={14} /> : <IconX size={14} />}
              </ThemeIcon>
              <div>
                <Text size="sm" fw={500}>
                  {step.label}
                  <Text span size="sm" c="dimmed" fw={400}>
                    {' '}
                    — {step.detail}
                  </Text>
                </Text>
              </div>
            </Group>
          ))}
        </Stack>
        {problem && <StepProblemAlert problem={problem} customerId={order.customer.id} onClose={() => onProblem(null)} />}
        {dirty ? (
          <Text size="sm" c="orange.8">
            Save your changes first: only what is saved is submitted.
          </Text>
        ) : (
          remaining > 0 && (
            <Text size="sm" c="dimmed">
              {remaining === 1 ? 'One part is still open.' : `${remaining} parts are still open.`} You can submit anyway to see exactly what the server needs.
            </Text>
          )
        )}
        <Button
          size="md"
          leftSection={<IconSend size={18} />}
          disabled={dirty}
          loading={mutation.isPending}
          onClick={() => {
            onProblem(null);
            mutation.mutate({ order });
          }}
        >
          Submit application
        </Button>
      </Stack>
    </Paper>
  );
}
