import type { Policy } from '@contracts/policies';
import { Alert, Button, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { describeError } from '@/lib/api-error';
import { useAuth } from '@/lib/auth/auth-context';
import { notifySuccess } from '@/lib/notify';
import { useDecideLapseReview } from '../api/policy-standing';
import { usePolicyTransactions } from '../api/policy-transactions';
import { standingSentence } from '../standing-wording';
import { ReinstatePolicyModal } from './ReinstatePolicyModal';

/** A manager's decision on a grace period the job would not end alone: lapse now, or extend grace to a date. */
function LapseDecision({ policy }: { policy: Policy }) {
  const review = policy.standing!.lapseReview!;
  const decide = useDecideLapseReview(policy.id);
  const [note, setNote] = useState('');
  const [extendTo, setExtendTo] = useState('');
  const [failure, setFailure] = useState<{ title: string; detail?: string } | null>(null);
  const send = (decision: 'lapse' | 'extend') => {
    setFailure(null);
    decide.mutate(
      { version: review.version, body: decision === 'lapse' ? { decision, note: note.trim() } : { decision, note: note.trim(), extendTo } },
      {
        onSuccess: () => notifySuccess(decision === 'lapse' ? `${policy.policyNumber} lapsed` : `Grace extended to ${extendTo}`, note.trim()),
        onError: (error) => setFailure(describeError(error)),
      },
    );
  };
  return (
    <Stack gap="xs" mt="xs" aria-label="Lapse decision">
      <Text size="sm" fw={600}>
        Waiting for your decision: {review.reasons.join('; ')}
      </Text>
      <Group align="flex-end" gap="sm">
        <Textarea label="Note" placeholder="Why" value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={1} w={280} />
        <TextInput label="Extend grace to" type="date" value={extendTo} onChange={(e) => setExtendTo(e.currentTarget.value)} w={170} />
        <Button variant="default" onClick={() => send('extend')} disabled={!extendTo} loading={decide.isPending}>
          Extend grace
        </Button>
        <Button color="red" onClick={() => send('lapse')} loading={decide.isPending}>
          Lapse now
        </Button>
      </Group>
      <FailureAlert failure={failure} />
    </Stack>
  );
}

/** In grace or lapsed: what it means for the customer, and what the user can do about it. */
export function PolicyStandingBanner({ policy }: { policy: Policy }) {
  const { can } = useAuth();
  const transactions = usePolicyTransactions(policy.id);
  const [reinstating, setReinstating] = useState(false);
  const standing = policy.standing;
  if (!standing) return null;
  const lapsed = policy.status === 'lapsed';
  // A reinstatement quoted today (or waiting for an underwriter) is picked up where it was left.
  const open = transactions.data?.find((t) => t.type === 'reinstatement' && (t.status === 'quoted' || t.status === 'draft')) ?? null;
  return (
    <Alert
      variant="light"
      color={lapsed ? 'orange' : 'yellow'}
      icon={<IconAlertTriangle size={18} />}
      title={lapsed ? 'Lapsed: not covered' : 'In grace: premium overdue'}
      data-testid="policy-standing"
    >
      <Text size="sm">{standingSentence(standing)}</Text>
      {lapsed && can('policies:service') && (
        <Button mt="xs" size="xs" leftSection={<IconRefresh size={14} />} onClick={() => setReinstating(true)}>
          {open ? 'Continue the reinstatement' : 'Reinstate…'}
        </Button>
      )}
      {standing.lapseReview && can('policies:lapse-review') && <LapseDecision policy={policy} />}
      {reinstating && <ReinstatePolicyModal policy={policy} existing={open} onClose={() => setReinstating(false)} />}
    </Alert>
  );
}
