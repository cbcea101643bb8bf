import type { Claim } from '@contracts/claims';
import { Button, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { ConfirmWithReasonDialog, isReasonLongEnough, ReasonField } from '@/components/ConfirmWithReasonDialog';
import { useAuth, useCurrentUser } from '@/lib/auth/auth-context';
import { isVersionConflict } from '@/lib/concurrency';
import { notifyProblem, notifySuccess, notifyVersionConflict } from '@/lib/notify';
import { useDialogTarget } from '@/lib/use-dialog-target';
import { useTransitionClaim } from '../api/transition-claim';
import { useReferClaim } from '../api/claim-referrals';
import { availableClaimActions, decisionTransition, fourEyesBlock, referralBlock } from '../claim-actions';
import { claimProblem } from '../claim-problems';
import { AssessClaimModal } from './AssessClaimModal';
import { AssignClaimModal } from './AssignClaimModal';
import { ClaimTransitionDialog } from './ClaimTransitionDialog';
import type { DialogTransition } from './ClaimTransitionDialog';
import { PayClaimModal } from './PayClaimModal';

type Form = 'assign' | 'assess' | 'pay' | 'refer';

const DECISION_LABELS = { approve: 'Approve', 'partially-approve': 'Approve in part', reject: 'Reject' } as const;

/**
 * The claim's next steps, in the page header: only those the user's permissions and the claim's
 * status allow; the step that moves the claim on is the filled button. Reserves and notes are
 * changed from their own panels.
 */
export function ClaimActionBar({ claim }: { claim: Claim }) {
  const { can } = useAuth();
  const me = useCurrentUser();
  const actions = availableClaimActions(claim, can);
  const transition = useDialogTarget<DialogTransition>();
  const [form, setForm] = useState<Form | null>(null);
  const oneClick = useTransitionClaim({
    onSuccess: (saved) =>
      notifySuccess(
        `${saved.claimNumber} ${saved.status === 'submitted' ? 'submitted' : 'under investigation'}`,
        saved.assignee ? `Handled by ${saved.assignee.name}.` : 'It waits for an adjuster.',
      ),
    onError: (error) => (isVersionConflict(error) ? notifyVersionConflict() : notifyProblem(error, claimProblem(error, claim.currency).title)),
  });
  const run = (action: 'submit' | 'start-investigation') => !oneClick.isPending && oneClick.mutate({ claim, action });
  const decision = decisionTransition(claim);
  // A fraud referral open or upheld stops approval and payment (a rejection stays possible).
  const referred = referralBlock(claim);
  const blocked = fourEyesBlock(claim, me.id) ?? (decision === 'reject' ? null : referred);
  const [referReason, setReferReason] = useState('');
  const refer = useReferClaim({
    onSuccess: (saved) => {
      setForm(null);
      setReferReason('');
      notifySuccess(`${saved.claimNumber} referred to a manager`, 'It is neither approved nor paid until the referral is cleared.');
    },
    onError: (error) => (isVersionConflict(error) ? notifyVersionConflict() : notifyProblem(error, claimProblem(error, claim.currency).title)),
  });
  return (
    <>
      {actions.includes('submit') && (
        <Button onClick={() => run('submit')} loading={oneClick.isPending}>
          Submit claim
        </Button>
      )}
      {actions.includes('start-investigation') && (
        <Button onClick={() => run('start-investigation')} loading={oneClick.isPending}>
          Start investigation
        </Button>
      )}
      {actions.includes('assess') && <Button onClick={() => setForm('assess')}>Assess</Button>}
      {actions.includes('decide') && decision && (
        <Tooltip label={blocked} disabled={!blocked} multiline w={260}>
          {/* data-disabled rather than disabled: a disabled button gets no hover or focus, so no tooltip. */}
          <Button
            color={decision === 'reject' ? 'red' : undefined}
            data-disabled={blocked !== null || undefined}
            aria-disabled={blocked !== null}
            onClick={(event) => (blocked ? event.preventDefault() : transition.open(decision))}
          >
            {DECISION_LABELS[decision]}
          </Button>
        </Tooltip>
      )}
      {actions.includes('pay') && (
        <Tooltip label={referred} disabled={!referred} multiline w={260}>
          <Button data-disabled={referred !== null || undefined} aria-disabled={referred !== null} onClick={(event) => (referred ? event.preventDefault() : setForm('pay'))}>
            Pay
          </Button>
        </Tooltip>
      )}
      {actions.includes('close') && (
        <Button variant="default" onClick={() => transition.open('close')}>
          Close claim
        </Button>
      )}
      {actions.includes('reopen') && (
        <Button variant="default" onClick={() => transition.open('reopen')}>
          Reopen
        </Button>
      )}
      {actions.includes('assign') && (
        <Button variant="default" onClick={() => setForm('assign')}>
          Assign
        </Button>
      )}
      {actions.includes('refer') && (
        <Button variant="default" color="orange" onClick={() => setForm('refer')}>
          Refer to a manager
        </Button>
      )}
      {actions.includes('withdraw') && (
        <Button variant="default" color="red" onClick={() => transition.open('withdraw')}>
          Withdraw
        </Button>
      )}
      <ClaimTransitionDialog claim={claim} action={transition.target} opened={transition.opened} onClose={transition.close} />
      <AssignClaimModal claim={claim} opened={form === 'assign'} onClose={() => setForm(null)} />
      <AssessClaimModal claim={claim} opened={form === 'assess'} onClose={() => setForm(null)} />
      <PayClaimModal claim={claim} opened={form === 'pay'} onClose={() => setForm(null)} />
      <ConfirmWithReasonDialog
        opened={form === 'refer'}
        onClose={() => setForm(null)}
        title={`Refer ${claim.claimNumber} to a manager`}
        centered
        confirmLabel="Refer claim"
        color="orange"
        loading={refer.isPending}
        confirmDisabled={!isReasonLongEnough(referReason)}
        onConfirm={() => isReasonLongEnough(referReason) && !refer.isPending && refer.mutate({ claim, reason: referReason.trim() })}
      >
        <Text size="sm">Until a manager clears the referral, the claim is neither approved nor paid. Investigating and assessing go on.</Text>
        <ReasonField
          label="What looks wrong"
          placeholder="e.g. The bank account of the payee changed twice this week."
          minRows={3}
          value={referReason}
          onChange={setReferReason}
          data-autofocus
        />
      </ConfirmWithReasonDialog>
    </>
  );
}
