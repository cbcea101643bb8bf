import { CUSTOMER_NON_RENEWAL_REASONS, INSURER_NON_RENEWAL_REASONS, type NonRenewalReason, type PolicyTransaction } from '@contracts/policies';
import { Alert, Button, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { ApiError, describeError } from '@/lib/api-error';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { useRenewalStep } from '../api/renewals';

export const NON_RENEWAL_LABELS: Record<NonRenewalReason, string> = {
  customer_declined: 'The customer does not want to renew',
  premium_too_high: 'The new premium is too high',
  replaced_elsewhere: 'Replaced by another insurer',
  no_longer_needed: 'No longer needed',
  no_response: 'No response by the renewal date',
  other: 'Other',
  claims_experience: 'Claims experience (insurer)',
  underwriting: 'Underwriting decision (insurer)',
  product_withdrawn: 'Product withdrawn (insurer)',
  not_eligible: 'No longer eligible (insurer)',
};

type Failure = { title: string; detail?: string };
function problem(error: unknown): Failure {
  if (error instanceof ApiError && error.code === 'POLICY_TRANSACTION_STALE') return { title: 'The policy changed meanwhile', detail: error.detail };
  const { title, detail } = describeError(error);
  return { title, detail };
}

/** What an offered renewal needs from the agent: accept it on the customer's instruction, or record why it is not renewed. */
export function RenewalDecision({
  tx,
  currency,
  policyNumber,
  onDone,
}: {
  tx: Pick<PolicyTransaction, 'id' | 'version' | 'effectiveDate'> & { newAnnualPremium: number | null };
  currency: string;
  policyNumber: string;
  onDone: () => void;
}) {
  const step = useRenewalStep();
  const [declining, setDeclining] = useState(false);
  const [by, setBy] = useState<'policyholder' | 'insurer'>('policyholder');
  const [reason, setReason] = useState<NonRenewalReason | null>(null);
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const sent = useRef(false);
  const reasons = (by === 'insurer' ? INSURER_NON_RENEWAL_REASONS : CUSTOMER_NON_RENEWAL_REASONS).map((value) => ({ value, label: NON_RENEWAL_LABELS[value] }));

  const run = (decline: boolean) => {
    if (sent.current) return;
    sent.current = true;
    setFailure(null);
    // mutateAsync: its callbacks run even when the change unmounts this component (the page re-renders the policy's new state first).
    void step.mutateAsync({ tx, decline: decline ? { requestedBy: by, reasonCode: reason!, ...(note.trim() ? { note: note.trim() } : {}) } : undefined }).then(
      (done) => {
        if (decline) notifySuccess(`${policyNumber} will not renew`, `It runs to its end date and then expires.`);
        else notifySuccess(`${policyNumber} renewed`, `Version ${done.resultTermsVersion} of the terms from ${formatDate(done.effectiveDate)}.`);
        onDone();
      },
      (error: unknown) => {
        sent.current = false;
        setFailure(problem(error));
      },
    );
  };

  if (declining) {
    return (
      <Stack gap="xs" aria-label="Non-renewal">
        <SegmentedControl
          size="xs"
          value={by}
          onChange={(v) => {
            setBy(v as 'policyholder' | 'insurer');
            setReason(null);
          }}
          data={[
            { value: 'policyholder', label: 'The customer declines' },
            { value: 'insurer', label: 'The insurer does not renew' },
          ]}
        />
        <Select label="Reason" placeholder="Choose a reason" data={reasons} value={reason} onChange={(v) => setReason(v as NonRenewalReason | null)} allowDeselect={false} />
        <TextInput label="Note (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={500} />
        <FailureAlert failure={failure} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => setDeclining(false)}>
            Back
          </Button>
          <Button color="red" disabled={!reason || (note.trim() !== '' && note.trim().length < 3)} onClick={() => run(true)} loading={step.isPending}>
            Record non-renewal
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Stack gap="xs">
      <Alert variant="light" color="blue">
        <Text size="sm">
          Renew from {formatDate(tx.effectiveDate)} at {tx.newAnnualPremium === null ? '—' : formatMoney(tx.newAnnualPremium, currency)} a year, on the customer’s instruction.
        </Text>
      </Alert>
      <FailureAlert failure={failure} />
      <Group justify="flex-end">
        <Button variant="default" color="red" onClick={() => setDeclining(true)}>
          Decline…
        </Button>
        <Button onClick={() => run(false)} loading={step.isPending}>
          Accept renewal
        </Button>
      </Group>
    </Stack>
  );
}
