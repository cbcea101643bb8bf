import { CLAIM_TRANSITIONS } from '@contracts/claims';
import type { Claim } from '@contracts/claims';
import { Modal, Text } from '@mantine/core';
import { useState } from 'react';
import { ConfirmWithReasonForm, isReasonLongEnough, ReasonField } from '@/components/ConfirmWithReasonDialog';
import { FailureAlert } from '@/components/FailureAlert';
import { formatMoney } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { useTransitionClaim } from '../api/transition-claim';
import type { TransitionClaimInput } from '../api/transition-claim';
import { CLAIM_STATUS_LABELS } from '../claim-labels';
import { claimProblem } from '../claim-problems';
import type { ClaimProblem } from '../claim-problems';

/** The transitions confirmed in a dialog (submit and starting the investigation are one click). */
export type DialogTransition = Exclude<TransitionClaimInput['action'], 'submit' | 'start-investigation'>;

interface Wording {
  title: string;
  what: string;
  confirm: string;
  reasonLabel?: string;
  placeholder?: string;
  red?: boolean;
}

function wording(claim: Claim, action: DialogTransition): Wording {
  const total = claim.assessment ? formatMoney(claim.assessment.total, claim.currency) : '';
  const firstOfTwo = claim.assessment !== null && claim.assessment.approvalsRequired > 1 && claim.assessment.approvals.length === 0;
  switch (action) {
    case 'withdraw':
      return {
        title: `Withdraw ${claim.claimNumber}?`,
        what: 'The claim stops here and cannot be reopened; a new notice is recorded if the loss is reported again.',
        confirm: 'Withdraw claim',
        reasonLabel: 'Why is it withdrawn?',
        placeholder: 'e.g. The policyholder settled with the other driver.',
        red: true,
      };
    case 'approve':
      return {
        title: `Approve ${claim.claimNumber}`,
        what: firstOfTwo
          ? `${total} as assessed. Above the manager’s limit a claim takes two approvals: yours is the first, another person with the limit gives the second.`
          : `${total} as assessed. The claim can then be paid.`,
        confirm: `Approve ${total}`,
      };
    case 'partially-approve':
      return {
        title: `Approve ${claim.claimNumber} in part`,
        what: `${total} as assessed, less than the loss claimed.`,
        confirm: `Approve ${total}`,
        reasonLabel: 'Why only part?',
        placeholder: 'e.g. The deductible applies; the stereo is not covered.',
      };
    case 'reject':
      return {
        title: `Reject ${claim.claimNumber}?`,
        what: 'Nothing is paid. The policyholder is told why, with the clause.',
        confirm: 'Reject claim',
        reasonLabel: 'The clause, and why it applies',
        placeholder: 'e.g. Clause 4.2: the driver was not licensed.',
        red: true,
      };
    case 'close':
      return { title: `Close ${claim.claimNumber}?`, what: 'Nothing more happens on a closed claim; it is reopened only with a reason.', confirm: 'Close claim' };
    case 'reopen':
      return {
        title: `Reopen ${claim.claimNumber}`,
        what: 'The claim is investigated and assessed again; earlier approvals do not carry.',
        confirm: 'Reopen claim',
        reasonLabel: 'Why is it reopened?',
        placeholder: 'e.g. A further invoice for the same loss arrived.',
      };
  }
}

function TransitionForm({ claim, action, onClose }: { claim: Claim; action: DialogTransition; onClose: () => void }) {
  const w = wording(claim, action);
  const needsReason = CLAIM_TRANSITIONS[action].reasonRequired;
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<ClaimProblem | null>(null);
  const mutation = useTransitionClaim({
    onSuccess: (saved) => {
      notifySuccess(`${saved.claimNumber}: ${CLAIM_STATUS_LABELS[saved.status].toLowerCase()}`, w.what);
      onClose();
    },
    onError: (error) => setFailure(claimProblem(error, claim.currency)),
  });
  const ok = !needsReason || isReasonLongEnough(reason);
  return (
    <ConfirmWithReasonForm
      formLabel={w.title}
      confirmLabel={w.confirm}
      color={w.red ? 'red' : undefined}
      loading={mutation.isPending}
      confirmDisabled={!ok}
      onCancel={onClose}
      onConfirm={() => {
        if (!ok || mutation.isPending) return;
        setFailure(null);
        mutation.mutate({ claim, action, reason: needsReason ? reason.trim() : undefined });
      }}
    >
      <Text size="sm">{w.what}</Text>
      {needsReason && <ReasonField label={w.reasonLabel} placeholder={w.placeholder} value={reason} onChange={setReason} required data-autofocus />}
      <FailureAlert failure={failure} />
    </ConfirmWithReasonForm>
  );
}

/** Confirms a transition of the claim (with its reason where one is required), sent with the claim's version. */
export function ClaimTransitionDialog({ claim, action, opened, onClose }: { claim: Claim; action: DialogTransition | null; opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened && action !== null} onClose={onClose} title={action ? wording(claim, action).title : ''} centered>
      {action && <TransitionForm claim={claim} action={action} onClose={onClose} />}
    </Modal>
  );
}
