import { DECLINE_REASONS } from '@contracts/orders';
import { Button, Select, Text } from '@mantine/core';
import { IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { DECLINE_REASON_LABELS } from '@/features/orders';
import { notifySuccess } from '@/lib/notify';
import { useDeclineOrder } from '../../api/decline-order';
import { decisionProblem } from '../../decision-problems';
import { ConfirmModal, DecisionButton, NoteField } from './decision-parts';
import type { DecisionFormProps, DeclineReason } from './decision-parts';

const DECLINE_OPTIONS = DECLINE_REASONS.map((value) => ({ value, label: DECLINE_REASON_LABELS[value] }));

/** Decline the application, with a reason from the list and a note for the agent and the file. */
export function DeclineDecisionForm({ order, draft, onChange, onProblem, problem, busy }: DecisionFormProps) {
  const { declineReason } = draft;
  const [confirming, setConfirming] = useState(false);
  const decline = useDeclineOrder({
    onSuccess: (saved) => (setConfirming(false), notifySuccess('Application declined', `${saved.orderNumber} is declined; the agent sees the reason.`)),
    onError: (error) => {
      setConfirming(false);
      onProblem(decisionProblem(error));
    },
  });
  const trimmedNote = draft.note.trim();
  const ready = declineReason !== null && trimmedNote.length >= 3;

  return (
    <>
      <Select
        label="Reason"
        placeholder="Choose the reason"
        data={DECLINE_OPTIONS}
        value={declineReason}
        onChange={(value) => onChange({ declineReason: value as DeclineReason | null })}
        allowDeselect={false}
      />
      <NoteField required value={draft.note} onChange={(note) => onChange({ note })} />
      {problem}

      <DecisionButton
        color="red"
        icon={<IconX size={18} />}
        disabled={!ready}
        busy={busy}
        onClick={() => {
          onProblem(null);
          setConfirming(true);
        }}
      >
        Decline…
      </DecisionButton>

      <ConfirmModal
        opened={confirming}
        title={`Decline ${order.orderNumber}?`}
        onClose={() => setConfirming(false)}
        confirm={
          <Button color="red" loading={decline.isPending} onClick={() => declineReason && decline.mutate({ order, reasonCode: declineReason, note: trimmedNote })}>
            Decline application
          </Button>
        }
      >
        <Text size="sm">
          {order.customer.name}&apos;s application is declined ({declineReason ? DECLINE_REASON_LABELS[declineReason].toLowerCase() : ''}). This cannot be undone.
        </Text>
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
          “{trimmedNote}”
        </Text>
      </ConfirmModal>
    </>
  );
}
