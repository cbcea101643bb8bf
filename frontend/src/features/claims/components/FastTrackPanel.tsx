import type { Claim, FastTrackReasonCode } from '@contracts/claims';
import { Alert, Badge, Button, Group, List, Stack, Text } from '@mantine/core';
import { IconBolt, IconInbox } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmWithReasonDialog, isReasonLongEnough, ReasonField } from '@/components/ConfirmWithReasonDialog';
import { Panel } from '@/components/Panel';
import { useAuth } from '@/lib/auth/auth-context';
import { isVersionConflict } from '@/lib/concurrency';
import { formatDateTime } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { notifyProblem, notifySuccess, notifyVersionConflict } from '@/lib/notify';
import { useReviewFastTrack } from '../api/review-fast-track';
import { LOSS_TYPE_LABELS } from '../claim-labels';

export const FAST_TRACK_REASON_LABELS: Record<FastTrackReasonCode, string> = {
  NOT_CONFIGURED: 'No fast-track rule',
  SWITCHED_OFF: 'Switched off for the product',
  LOSS_TYPE_NOT_ADMITTED: 'Kind of loss not admitted',
  NO_AMOUNT: 'No amount claimed',
  ABOVE_MAXIMUM: 'Above the maximum',
  COVERAGE_NOT_CONFIRMED: 'Coverage not confirmed',
  FRAUD_INDICATOR: 'Fraud indicator',
  OPEN_CLAIM_ON_POLICY: 'Another open claim',
  IDENTITY_NOT_VERIFIED: 'Identity not verified',
  ABOVE_SYSTEM_LIMIT: 'Above the automatic approval limit',
  NOTHING_PAYABLE: 'Nothing payable',
  RESERVE_PENDING: 'Reserve waiting for approval',
  STRAIGHT_THROUGH_FAILED: 'Stopped on the way',
};

const STATUS = {
  paid: { color: 'teal', title: 'Fast-tracked: approved and paid straight through' },
  pending: { color: 'blue', title: 'Fast-track admitted: being paid' },
  refused: { color: 'gray', title: 'Not fast-tracked: in the adjusters’ queue' },
} as const;

/** The fast-track outcome at submission: paid straight through under the rule shown, or why not; the day's review of a sampled claim. */
export function FastTrackPanel({ claim }: { claim: Claim }) {
  const { can } = useAuth();
  const [reviewing, setReviewing] = useState(false);
  const [note, setNote] = useState('');
  const review = useReviewFastTrack({
    onSuccess: (saved) => {
      setNote('');
      setReviewing(false);
      notifySuccess(`${saved.claimNumber} reviewed`, 'The fast-track review is recorded.');
    },
    onError: (error) => (isVersionConflict(error) ? notifyVersionConflict() : notifyProblem(error, 'Could not record the review')),
  });
  const ft = claim.fastTrack;
  if (!ft) return null; // a draft: fast-track weighs the claim at submission
  const status = STATUS[ft.status];
  const rule = ft.rule;
  return (
    <Panel
      title="Fast-track"
      aside={
        <Badge color={status.color} variant="light">
          {ft.status === 'paid' ? 'Paid straight through' : ft.status === 'pending' ? 'Pending' : 'Not fast-tracked'}
        </Badge>
      }
    >
      <Stack gap="sm">
        <Alert color={status.color} variant="light" p="sm" icon={ft.status === 'refused' ? <IconInbox size={18} /> : <IconBolt size={18} />} title={status.title}>
          {ft.status === 'refused' ? (
            <List size="sm" spacing={4} aria-label="Why the claim was not fast-tracked">
              {ft.reasons.map((r) => (
                <List.Item key={r.code}>
                  <Text span size="sm" fw={500}>
                    {FAST_TRACK_REASON_LABELS[r.code]}:
                  </Text>{' '}
                  {r.reason}
                </List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm">{ft.paymentNumber ? `Paid to the policyholder by ${ft.paymentNumber}.` : 'The payment is being made; the page updates when it is posted.'}</Text>
          )}
        </Alert>
        <Text size="xs" c="dimmed">
          {ft.productVersion.productName} version {ft.productVersion.versionNumber} ·{' '}
          {rule ? `rule: ${rule.lossTypes.map((t) => LOSS_TYPE_LABELS[t]).join(', ')} up to ${formatMoney(rule.maxAmount, claim.currency)}` : 'no rule configured'}
          {ft.suspended ? ' · switched off for the product' : ''} · weighed {formatDateTime(ft.evaluatedAt)}
        </Text>
        {ft.review && (
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <Badge color={ft.review.status === 'pending' ? 'orange' : 'teal'} variant="light">
              {ft.review.status === 'pending' ? 'In review sample' : 'Reviewed'}
            </Badge>
            <Text size="sm">
              {ft.review.status === 'pending'
                ? `Waiting for ${ft.review.reviewer?.name ?? 'an adjuster'} to review it.`
                : `${ft.review.reviewer?.name ?? 'An adjuster'}: ${ft.review.note}`}
            </Text>
          </Group>
        )}
        {ft.review?.status === 'pending' && can('claims:investigate') && (
          <Group>
            <Button size="xs" onClick={() => setReviewing(true)}>
              Record review…
            </Button>
          </Group>
        )}
      </Stack>
      <ConfirmWithReasonDialog
        opened={reviewing}
        onClose={() => setReviewing(false)}
        title={`Review fast-tracked ${claim.claimNumber}`}
        centered
        confirmLabel="Record review"
        loading={review.isPending}
        confirmDisabled={!isReasonLongEnough(note)}
        onConfirm={() => isReasonLongEnough(note) && !review.isPending && review.mutate({ claim, note: note.trim() })}
      >
        <Text size="sm">Look at the claim, its documents and the payment as the rule made it; if something is wrong, refer it to a manager after recording this.</Text>
        <ReasonField label="What you found" placeholder="e.g. Photos and repair invoice match the amount paid." minRows={3} value={note} onChange={setNote} data-autofocus />
      </ConfirmWithReasonDialog>
    </Panel>
  );
}
