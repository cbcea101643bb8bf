import type { Policy, PolicyTransaction } from '@contracts/policies';
import { Alert, Button, Group, Modal, SegmentedControl, Stack, Switch, Table, Text, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { ApiError, describeError } from '@/lib/api-error';
import { serverFieldErrors } from '@/lib/form-errors';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { usePolicyTransactionStep, useQuotePolicyChange } from '../api/policy-transactions';
import { daysUntil } from '../standing-wording';

interface Failure {
  title: string;
  detail?: string;
}

/** The server's refusal in the words an agent acts on. */
function reinstateProblem(error: unknown, currency: string): Failure {
  if (error instanceof ApiError) {
    if (error.code === 'REINSTATEMENT_ARREARS_UNPAID') {
      const due = Number(error.extensions.amountDue);
      return { title: `${formatMoney(due, currency)} of arrears is still unpaid`, detail: 'Take the payment in the Billing panel, then reinstate.' };
    }
    if (error.code === 'REINSTATEMENT_WINDOW_CLOSED') return { title: 'Too late to reinstate', detail: error.detail };
    if (error.code === 'POLICY_TRANSACTION_REFERRED') return { title: 'Waiting for an underwriter', detail: error.detail };
    if (error.code === 'POLICY_TRANSACTION_STALE') return { title: 'Quoted on another day', detail: 'Close this and work the arrears out again today.' };
  }
  const { title, detail } = describeError(error);
  return { title, detail };
}

/** Who asked, why, and (after a long lapse) the customer's fresh health declaration. */
function ReinstateForm({ policy, onQuoted }: { policy: Policy; onQuoted: (tx: PolicyTransaction) => void }) {
  const longLapse = policy.standing?.lapsedOn ? -daysUntil(policy.standing.lapsedOn) > 90 : false;
  const [requestedBy, setRequestedBy] = useState<'policyholder' | 'insurer'>('policyholder');
  const [reason, setReason] = useState('');
  const [inGoodHealth, setInGoodHealth] = useState(true);
  const [changes, setChanges] = useState('');
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const quote = useQuotePolicyChange(policy.id);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setErrors({});
    quote.mutate(
      {
        type: 'reinstatement',
        requestedBy,
        reason: reason.trim(),
        ...(longLapse ? { healthDeclaration: { inGoodHealth, changesSinceLapse: changes.trim() } } : {}),
      },
      {
        onSuccess: onQuoted,
        onError: (error) => {
          const { byField, unplaced } = serverFieldErrors(error, ['reason', 'healthDeclaration.changesSinceLapse', 'healthDeclaration']);
          setErrors(byField);
          if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(reinstateProblem(error, policy.currency));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Reinstate the policy">
      <Stack gap="sm">
        <Text size="sm">
          Cover resumes today on the policy’s original terms. First the arrears are worked out: the unpaid invoices, the installments that fell due while it was lapsed and any
          reinstatement fee.
        </Text>
        <SegmentedControl
          aria-label="Asked by"
          data={[
            { value: 'policyholder', label: 'The policyholder asked' },
            { value: 'insurer', label: 'Our decision' },
          ]}
          value={requestedBy}
          onChange={(v) => setRequestedBy(v as typeof requestedBy)}
        />
        <Textarea
          label="Why"
          placeholder="Customer paid the arrears and asked to restore cover"
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
          autosize
          minRows={2}
          required
        />
        {longLapse && (
          <>
            <Alert variant="light" color="orange" title="Lapsed more than 90 days ago">
              The customer must declare their health again; an underwriter reviews it before cover resumes.
            </Alert>
            <Switch label="The insured declares they are in good health" checked={inGoodHealth} onChange={(e) => setInGoodHealth(e.currentTarget.checked)} />
            <Textarea
              label="Illness, treatment or changes in health since the lapse"
              placeholder="none"
              value={changes}
              onChange={(e) => setChanges(e.currentTarget.value)}
              error={errors['healthDeclaration.changesSinceLapse'] ?? errors.healthDeclaration}
              autosize
              minRows={2}
              required
            />
          </>
        )}
        <FailureAlert failure={failure} />
        <Group justify="flex-end">
          <Button type="submit" loading={quote.isPending}>
            Work out the arrears
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The arrears of a quoted reinstatement, and the button that reinstates once they are paid. */
export function QuotedReinstatement({ tx, policy, onDone }: { tx: PolicyTransaction; policy: Policy; onDone: () => void }) {
  const step = usePolicyTransactionStep(policy.id);
  const [failure, setFailure] = useState<Failure | null>(null);
  const sent = useRef(false);
  const quote = tx.quote!.reinstatement!;
  const a = quote.arrears;
  const currency = policy.currency;
  const referred = tx.status === 'draft' && tx.referral?.status === 'pending';
  const run = (action: 'issue' | 'discard') => {
    if (sent.current) return;
    sent.current = true;
    // mutateAsync: its callbacks run even when the change unmounts this component (the page re-renders the policy's new state first).
    void step.mutateAsync({ tx, action, reason: action === 'discard' ? 'Not reinstated' : undefined }).then(
      (done) => {
        notifySuccess(
          action === 'issue' ? `${policy.policyNumber} reinstated` : `${done.transactionNumber} discarded`,
          action === 'issue' ? `Cover resumed on ${formatDate(done.effectiveDate)}.` : 'The policy stays lapsed.',
        );
        onDone();
      },
      (error: unknown) => {
        sent.current = false;
        setFailure(reinstateProblem(error, currency));
      },
    );
  };
  const rows: [string, number][] = [
    ['Unpaid invoices', a.unpaidInvoices],
    ['Installments due while lapsed', a.missedInstallments],
    ['Reinstatement fee', a.reinstatementFee],
  ];
  return (
    <Stack gap="sm" aria-label="Quoted reinstatement">
      <Text size="sm">
        Lapsed on {formatDate(quote.lapsedOn)}: {quote.gapDays} {quote.gapDays === 1 ? 'day' : 'days'} without cover, which stay on record. Reinstatable until{' '}
        {formatDate(quote.windowEndsOn)}.
      </Text>
      <Table verticalSpacing={4} aria-label="Arrears">
        <Table.Tbody>
          {rows.map(([label, amount]) => (
            <Table.Tr key={label}>
              <Table.Td>{label}</Table.Td>
              <Table.Td ta="right">{formatMoney(amount, currency)}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Td fw={600}>Arrears</Table.Td>
            <Table.Td ta="right" fw={600}>
              {formatMoney(a.total, currency)}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td>Customer’s credit (pays the arrears first)</Table.Td>
            <Table.Td ta="right">{a.credit > 0 ? `−${formatMoney(a.credit, currency)}` : formatMoney(0, currency)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td fw={700}>To pay before reinstating</Table.Td>
            <Table.Td ta="right" fw={700} data-testid="arrears-to-pay">
              {formatMoney(a.toPay, currency)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {referred ? (
        <Alert variant="light" color="orange" title="Referred to an underwriter" data-testid="referral">
          {tx.referral!.referrals.map((r) => r.message).join('; ')}. Once accepted it can be reinstated from the Changes panel.
        </Alert>
      ) : (
        a.toPay > 0 && (
          <Alert variant="light" color="blue" title={`Take ${formatMoney(a.toPay, currency)} first`}>
            Take the payment in the Billing panel (it pays the unpaid invoices; the rest waits as the customer’s credit), then reinstate.
          </Alert>
        )
      )}
      <FailureAlert failure={failure} />
      <Group justify="flex-end">
        <Button variant="default" onClick={() => run('discard')} disabled={step.isPending}>
          Discard
        </Button>
        <Button onClick={() => run('issue')} loading={step.isPending} disabled={referred}>
          Reinstate policy
        </Button>
      </Group>
    </Stack>
  );
}

/** Reinstate a lapsed policy: who asked and why, then the arrears, then reinstate once they are paid. */
export function ReinstatePolicyModal({ policy, existing, onClose }: { policy: Policy; existing: PolicyTransaction | null; onClose: () => void }) {
  const [quoted, setQuoted] = useState<PolicyTransaction | null>(existing);
  return (
    <Modal opened onClose={onClose} title={`Reinstate ${policy.policyNumber}`} size="lg">
      {quoted ? <QuotedReinstatement tx={quoted} policy={policy} onDone={onClose} /> : <ReinstateForm policy={policy} onQuoted={setQuoted} />}
    </Modal>
  );
}
