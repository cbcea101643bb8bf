import type { Claim } from '@contracts/claims';
import { Alert, Badge, Button, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconFlag } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmWithReasonDialog, isReasonLongEnough, ReasonField } from '@/components/ConfirmWithReasonDialog';
import { Panel } from '@/components/Panel';
import { useAuth } from '@/lib/auth/auth-context';
import { isVersionConflict } from '@/lib/concurrency';
import { formatDateTime } from '@/lib/format-date';
import { notifyProblem, notifySuccess, notifyVersionConflict } from '@/lib/notify';
import { useDecideReferral } from '../api/claim-referrals';
import { availableClaimActions } from '../claim-actions';
import { FRAUD_RULE_LABELS, REFERRAL_STATUS_COLORS, REFERRAL_STATUS_LABELS } from '../claim-labels';

function ReferralDecision({ claim, decision, onClose }: { claim: Claim; decision: 'clear' | 'uphold' | null; onClose: () => void }) {
  const [note, setNote] = useState('');
  const decide = useDecideReferral({
    onSuccess: (saved) => {
      setNote('');
      onClose();
      notifySuccess(
        saved.referral?.status === 'cleared' ? `${saved.claimNumber}: referral cleared` : `${saved.claimNumber} rejected`,
        saved.referral?.status === 'cleared' ? 'It may be approved and paid.' : 'The fraud referral was upheld: its reserves are released.',
      );
    },
    onError: (error) => (isVersionConflict(error) ? notifyVersionConflict() : notifyProblem(error, 'Could not decide the referral')),
  });
  const uphold = decision === 'uphold';
  return (
    <ConfirmWithReasonDialog
      opened={decision !== null}
      onClose={onClose}
      title={uphold ? `Uphold the referral of ${claim.claimNumber}?` : `Clear the referral of ${claim.claimNumber}`}
      centered
      confirmLabel={uphold ? 'Uphold and reject the claim' : 'Clear referral'}
      color={uphold ? 'red' : 'teal'}
      loading={decide.isPending}
      confirmDisabled={!isReasonLongEnough(note)}
      onConfirm={() => decision && isReasonLongEnough(note) && !decide.isPending && decide.mutate({ claim, decision, note: note.trim() })}
    >
      <Text size="sm">
        {uphold
          ? 'The claim is rejected with your note as the reason and its reserves are released; what was paid before stays paid.'
          : 'The claim can then be approved and paid as it is assessed.'}
      </Text>
      <ReasonField
        label="Your reasons"
        placeholder={uphold ? 'e.g. The policy was bought the day of the death; the medical records contradict the claim.' : 'e.g. Hospital records confirm the date and cause.'}
        minRows={3}
        value={note}
        onChange={setNote}
        data-autofocus
      />
    </ConfirmWithReasonDialog>
  );
}

/** The fraud rules' verdict at submission, each indicator with its reason, and the referral to a manager (decided here). */
export function FraudPanel({ claim }: { claim: Claim }) {
  const { can } = useAuth();
  const [decision, setDecision] = useState<'clear' | 'uphold' | null>(null);
  const { fraud, referral } = claim;
  if (!fraud && !referral) return null; // a draft: the rules run at submission
  const canDecide = availableClaimActions(claim, can).includes('decide-referral');
  return (
    <Panel title="Fraud indicators" aside={fraud && <Text size="sm">{`Score ${fraud.score} · referred from ${fraud.threshold}`}</Text>}>
      <Stack gap="sm">
        {referral && (
          <Alert color={REFERRAL_STATUS_COLORS[referral.status]} variant="light" p="sm" icon={<IconFlag size={18} />} title={REFERRAL_STATUS_LABELS[referral.status]}>
            <Stack gap={4}>
              <Text size="sm">{referral.reason}</Text>
              <Text size="xs" c="dimmed">
                {referral.source === 'rules' ? 'By the fraud rules' : `By ${referral.referredBy.name}`} · {formatDateTime(referral.referredAt)}
              </Text>
              {referral.decidedBy && (
                <Text size="sm">
                  {referral.status === 'cleared' ? 'Cleared' : 'Upheld'} by {referral.decidedBy.name} · {formatDateTime(referral.decidedAt!)}: {referral.decisionNote}
                </Text>
              )}
              {referral.status === 'open' && (
                <Text size="sm" fw={500}>
                  Until a manager clears it, the claim is neither approved nor paid.
                </Text>
              )}
              {canDecide && (
                <Group gap="xs" mt={4}>
                  <Button size="xs" color="teal" onClick={() => setDecision('clear')}>
                    Clear referral
                  </Button>
                  <Button size="xs" color="red" variant="light" onClick={() => setDecision('uphold')}>
                    Uphold…
                  </Button>
                </Group>
              )}
            </Stack>
          </Alert>
        )}
        {fraud && fraud.indicators.length === 0 && (
          <Text size="sm" c="dimmed">
            No indicator fired at submission.
          </Text>
        )}
        {fraud?.indicators.map((i) => (
          <Group key={i.code} gap="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon size="sm" radius="xl" color={i.severe ? 'red' : 'orange'} variant="light" aria-hidden>
              <IconAlertTriangle size={14} />
            </ThemeIcon>
            <div>
              <Group gap={6}>
                <Text size="sm" fw={500}>
                  {FRAUD_RULE_LABELS[i.code]}
                </Text>
                <Badge size="xs" variant="light" color={i.severe ? 'red' : 'gray'}>
                  {i.severe ? 'severe' : `+${i.weight}`}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {i.reason}
              </Text>
            </div>
          </Group>
        ))}
      </Stack>
      <ReferralDecision claim={claim} decision={decision} onClose={() => setDecision(null)} />
    </Panel>
  );
}
