import type { Order } from '@contracts/orders';
import { Divider, Paper, Radio, Stack, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { StepProblemAlert } from '@/features/orders';
import type { StepProblem } from '@/features/orders';
import { ApproveDecisionForm } from './decision/ApproveDecisionForm';
import { DeclineDecisionForm } from './decision/DeclineDecisionForm';
import { EMPTY_DECISION_DRAFT, useDecisionBusy } from './decision/decision-parts';
import type { DecisionDraft, DecisionFormProps } from './decision/decision-parts';
import { RequestInfoForm } from './decision/RequestInfoForm';

type Choice = 'approve' | 'rated' | 'decline' | 'info';

const CHOICES: { value: Choice; label: string; description: string }[] = [
  { value: 'approve', label: 'Approve as quoted', description: 'Issue the policy at the quoted premium' },
  { value: 'rated', label: 'Approve with rating', description: 'An extra premium and/or exclusions' },
  { value: 'decline', label: 'Decline', description: 'With a reason and a note' },
  { value: 'info', label: 'Request information', description: 'Ask the agent; it goes to their work list' },
];

/**
 * The underwriter's decision on an application in underwriting: approve (as quoted or rated, the new
 * premium previewed with the extended worksheet before confirming), decline, or ask for information.
 * One form per decision; what was typed stays while the underwriter switches between them.
 */
export function DecisionPanel({ order }: { order: Order }) {
  const titleId = useId();
  const [choice, setChoice] = useState<Choice>('approve');
  const [draft, setDraft] = useState<DecisionDraft>(EMPTY_DECISION_DRAFT);
  const [problem, setProblem] = useState<StepProblem | null>(null);
  const busy = useDecisionBusy(order);

  const formProps: DecisionFormProps = {
    order,
    draft,
    onChange: (change) => setDraft((current) => ({ ...current, ...change })),
    onProblem: setProblem,
    problem: problem && <StepProblemAlert problem={problem} customerId={order.customer.id} onClose={() => setProblem(null)} />,
    busy,
  };

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} shadow="xs">
      <Stack gap="sm">
        <Title id={titleId} order={2} size="h4">
          Decision
        </Title>
        <Radio.Group value={choice} onChange={(value) => (setProblem(null), setChoice(value as Choice))} aria-label="Decision">
          <Stack gap={8}>
            {CHOICES.map((c) => (
              <Radio key={c.value} value={c.value} label={c.label} description={c.description} />
            ))}
          </Stack>
        </Radio.Group>
        <Divider />

        {(choice === 'approve' || choice === 'rated') && <ApproveDecisionForm {...formProps} rated={choice === 'rated'} />}
        {choice === 'decline' && <DeclineDecisionForm {...formProps} />}
        {choice === 'info' && <RequestInfoForm {...formProps} />}
      </Stack>
    </Paper>
  );
}
