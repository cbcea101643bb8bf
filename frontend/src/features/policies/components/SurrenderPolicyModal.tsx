import type { Policy, PolicyTransaction } from '@contracts/policies';
import { Alert, Button, Group, Modal, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { ApiError, describeError } from '@/lib/api-error';
import { serverFieldErrors } from '@/lib/form-errors';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { usePolicyTransactionStep, useQuotePolicyChange } from '../api/policy-transactions';

interface Failure {
  title: string;
  detail?: string;
}

function surrenderProblem(error: unknown): Failure {
  if (error instanceof ApiError) {
    if (error.code === 'APPROVAL_LIMIT_EXCEEDED') return { title: 'Above your surrender limit', detail: `${error.detail} A manager approves it from this policy’s Changes panel.` };
    if (error.code === 'FOUR_EYES') return { title: 'Someone else must approve it', detail: 'You quoted this surrender: another person with a surrender limit approves it.' };
    if (error.code === 'POLICY_TRANSACTION_STALE') return { title: 'The policy changed meanwhile', detail: `${error.detail} Close this and quote again.` };
  }
  const { title, detail } = describeError(error);
  return { title, detail };
}

const today = () => new Date().toISOString().slice(0, 10);

/** The surrender value (cash value, charge, value paid) and the premium settlement; approve or discard. */
export function QuotedSurrender({ tx, policy, onDone }: { tx: PolicyTransaction; policy: Policy; onDone: () => void }) {
  const step = usePolicyTransactionStep(policy.id);
  const [failure, setFailure] = useState<Failure | null>(null);
  const sent = useRef(false);
  const q = tx.quote!;
  const s = q.surrender!;
  const currency = policy.currency;
  const run = (action: 'issue' | 'discard') => {
    if (sent.current) return;
    sent.current = true;
    // mutateAsync: its callbacks run even when the change unmounts this component (the page re-renders the policy's new state first).
    void step.mutateAsync({ tx, action, reason: action === 'discard' ? 'Not surrendered' : undefined }).then(
      () => {
        notifySuccess(
          action === 'issue' ? `${policy.policyNumber} surrendered` : 'Surrender discarded',
          action === 'issue' ? `From ${formatDate(tx.effectiveDate)}.` : 'The policy is unchanged.',
        );
        onDone();
      },
      (error: unknown) => {
        sent.current = false;
        setFailure(surrenderProblem(error));
      },
    );
  };
  const delta = q.premiumDelta;
  return (
    <Stack gap="sm" aria-label="Quoted surrender">
      <Table verticalSpacing={4} aria-label="Surrender value">
        <Table.Tbody>
          <Table.Tr>
            <Table.Td>
              Cash value on {formatDate(tx.effectiveDate)} ({s.monthsInForce} months in force, policy year {s.policyYear})
            </Table.Td>
            <Table.Td ta="right">{formatMoney(s.cashValue, currency)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td>Surrender charge ({(s.chargeBasisPoints / 100).toFixed(2)} %)</Table.Td>
            <Table.Td ta="right">−{formatMoney(s.charge, currency)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td fw={700}>Surrender value</Table.Td>
            <Table.Td ta="right" fw={700} data-testid="surrender-value">
              {formatMoney(s.surrenderValue, currency)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="sm" c="dimmed">
        Premium for policy year {q.policyYear.number}:{' '}
        {delta < 0
          ? `${formatMoney(-delta, currency)} billed but not earned comes back as credit`
          : delta > 0
            ? `${formatMoney(delta, currency)} earned but not billed is invoiced`
            : 'nothing to settle'}
        . The value goes to the customer’s credit: it pays what they owe first, the rest is refunded from the Billing panel.
      </Text>
      {tx.status === 'quoted' && (
        <Alert variant="light" color="blue" p="xs">
          Approving needs a surrender limit that covers the value, and someone other than whoever quoted it.
        </Alert>
      )}
      <FailureAlert failure={failure} />
      <Group justify="flex-end">
        <Button variant="default" onClick={() => run('discard')} disabled={step.isPending}>
          Discard
        </Button>
        <Button color="red" onClick={() => run('issue')} loading={step.isPending}>
          Approve and surrender
        </Button>
      </Group>
    </Stack>
  );
}

/** Quote a surrender: the date and why; then the value, for someone with the limit to approve. */
export function SurrenderPolicyModal({ policy, onClose }: { policy: Policy; onClose: () => void }) {
  const quote = useQuotePolicyChange(policy.id);
  const [effectiveDate, setEffectiveDate] = useState(today());
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [quoted, setQuoted] = useState<PolicyTransaction | null>(null);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setErrors({});
    quote.mutate(
      { type: 'surrender', effectiveDate, requestedBy: 'policyholder', reason: reason.trim() },
      {
        onSuccess: setQuoted,
        onError: (error) => {
          const { byField, unplaced } = serverFieldErrors(error, ['effectiveDate', 'reason']);
          setErrors(byField);
          if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(surrenderProblem(error));
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={`Surrender ${policy.policyNumber}`} size="lg">
      {quoted ? (
        <QuotedSurrender tx={quoted} policy={policy} onDone={onClose} />
      ) : (
        <form onSubmit={submit} noValidate aria-label="Quote a surrender">
          <Stack gap="sm">
            <Text size="sm">
              The policyholder gives up the policy for its surrender value: the cash value less the product’s surrender charge for the policy year. Cover ends on the date.
            </Text>
            <TextInput label="Surrender date" type="date" value={effectiveDate} onChange={(e) => setEffectiveDate(e.currentTarget.value)} error={errors.effectiveDate} w={200} />
            <Textarea
              label="Why"
              placeholder="Customer needs the money"
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.reason}
              autosize
              minRows={2}
              required
            />
            <FailureAlert failure={failure} />
            <Group justify="flex-end">
              <Button type="submit" loading={quote.isPending}>
                Quote the surrender value
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
