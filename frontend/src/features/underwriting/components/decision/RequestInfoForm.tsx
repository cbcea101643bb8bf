import { Textarea } from '@mantine/core';
import { IconMessageQuestion } from '@tabler/icons-react';
import { notifySuccess } from '@/lib/notify';
import { useRequestInfo } from '../../api/request-info';
import { decisionProblem } from '../../decision-problems';
import { DecisionButton } from './decision-parts';
import type { DecisionFormProps } from './decision-parts';

/** Send the application back to the agent with what is needed; no confirmation (nothing is final). */
export function RequestInfoForm({ order, draft, onChange, onProblem, problem, busy }: DecisionFormProps) {
  const requestInfo = useRequestInfo({
    onSuccess: (saved) => notifySuccess('Information requested', `${saved.orderNumber} is back with ${saved.agent.name}, in their work list.`),
    onError: (error) => onProblem(decisionProblem(error)),
  });
  const reason = draft.infoText.trim();
  const ready = reason.length >= 3;

  return (
    <>
      <Textarea
        label="What is needed"
        description="The agent sees this on the application and in their work list."
        placeholder="e.g. A letter from the cardiologist about the 2023 treatment."
        autosize
        minRows={3}
        maxLength={2000}
        value={draft.infoText}
        onChange={(event) => onChange({ infoText: event.currentTarget.value })}
      />
      {problem}

      <DecisionButton
        color="yellow"
        icon={<IconMessageQuestion size={18} />}
        disabled={!ready}
        busy={busy}
        onClick={() => {
          onProblem(null);
          if (ready) requestInfo.mutate({ order, reason });
        }}
      >
        Send to the agent
      </DecisionButton>
    </>
  );
}
