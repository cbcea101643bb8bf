import type { AccountingPeriod } from '@contracts/finance';
import { Modal, Text, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import { ConfirmWithReasonForm } from '@/components/ConfirmWithReasonDialog';
import { FailureAlert } from '@/components/FailureAlert';
import { describeError } from '@/lib/api-error';
import { notifySuccess } from '@/lib/notify';
import { usePeriodStep } from '../api/finance';
import { monthLabel } from '../finance-format';

const REOPEN_REASON_MIN = 10;

/** Close a month (an optional note), or reopen the latest closed one (a reason, at least 10 characters). */
export function PeriodStepDialog({ period, action, onClose }: { period: AccountingPeriod; action: 'close' | 'reopen'; onClose: () => void }) {
  const step = usePeriodStep();
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<{ title: string; detail?: string } | null>(null);
  const sent = useRef(false);
  const reopening = action === 'reopen';
  const tooShort = reopening && text.trim().length < REOPEN_REASON_MIN;
  const confirm = () => {
    if (tooShort || sent.current) return;
    sent.current = true;
    setFailure(null);
    const body = reopening ? { reason: text.trim() } : text.trim() ? { note: text.trim() } : {};
    void step.mutateAsync({ period, action, body }).then(
      () => {
        notifySuccess(
          `${monthLabel(period.month)} ${reopening ? 'reopened' : 'closed'}`,
          reopening ? 'Entries dated in it are accepted again.' : 'Nothing is posted dated in it any more.',
        );
        onClose();
      },
      (error: unknown) => {
        sent.current = false;
        setFailure(describeError(error));
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={`${reopening ? 'Reopen' : 'Close'} ${monthLabel(period.month)}`}>
      <ConfirmWithReasonForm
        formLabel={`${reopening ? 'Reopen' : 'Close'} the month`}
        confirmLabel={reopening ? 'Reopen the month' : 'Close the month'}
        color={reopening ? 'orange' : undefined}
        loading={step.isPending}
        confirmDisabled={tooShort}
        onConfirm={confirm}
        onCancel={onClose}
      >
        <Text size="sm">
          {reopening
            ? 'Entries dated in the month are accepted again until it is closed anew. Another finance manager than the one who closed it must reopen it; the reason stays in its history and the audit trail.'
            : `The ledger is checked first: it must balance. Afterwards nothing is posted dated from ${period.from} to ${period.to}; a late entry is dated on the first open day and says what it was for.`}
        </Text>
        <Textarea
          label={reopening ? 'Why' : 'Note (optional)'}
          required={reopening}
          autosize
          minRows={2}
          maxLength={500}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={reopening && text.length > 0 && tooShort ? `At least ${REOPEN_REASON_MIN} characters` : undefined}
        />
        <FailureAlert failure={failure} />
      </ConfirmWithReasonForm>
    </Modal>
  );
}
