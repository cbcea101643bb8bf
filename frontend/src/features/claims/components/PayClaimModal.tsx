import { CLAIM_PAYEE_KINDS, CLAIM_PAYMENT_METHODS, PayClaimBody } from '@contracts/claims';
import type { Claim, ClaimPayeeKind, ClaimPaymentMethod } from '@contracts/claims';
import { Checkbox, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { ModalFormActions } from '@/components/ModalFormActions';
import { serverFieldErrors } from '@/lib/form-errors';
import { schemaFieldErrors } from '@/lib/form-schema';
import { formatMoney, toMajorUnits, typedMinorUnits } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import { usePayClaim } from '../api/pay-claim';
import { PAYEE_KIND_LABELS, PAYMENT_METHOD_LABELS } from '../claim-labels';
import { claimProblem } from '../claim-problems';
import type { ClaimProblem } from '../claim-problems';
import { PayBeneficiariesForm } from './PayBeneficiariesForm';

const FIELDS = ['coverage', 'amount', 'payee.kind', 'payee.name', 'payee.account', 'method', 'note'] as const;

function PayForm({ claim, onClose }: { claim: Claim; onClose: () => void }) {
  // One key for the form's lifetime: a double click, or a retry after a lost answer, pays once.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  // A second click before the first answer sends nothing (the server would replay the first anyway).
  const sending = useRef(false);
  const left = Math.max(0, (claim.approvedAmount ?? 0) - claim.paidAmount);
  const paid = (claim.assessment?.lines ?? []).filter((l) => l.payable > 0);
  const names = new Map(claim.coverageCheck.coverages.map((c) => [c.code, c.name]));
  const [coverage, setCoverage] = useState<string | null>(paid[0]?.coverage ?? null);
  const [amount, setAmount] = useState<number | string>(left > 0 ? toMajorUnits(left) : '');
  const [payeeKind, setPayeeKind] = useState<ClaimPayeeKind>('policyholder');
  const [payeeName, setPayeeName] = useState('');
  const [account, setAccount] = useState('');
  const [method, setMethod] = useState<ClaimPaymentMethod>('bank_transfer');
  const [final, setFinal] = useState(false);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [failure, setFailure] = useState<ClaimProblem | null>(null);
  const mutation = usePayClaim({
    onSuccess: (payments) => {
      const payment = payments.items.at(-1);
      const settled = payments.claimStatus === 'paid';
      notifySuccess(
        payment ? `${payment.paymentNumber}: ${formatMoney(payment.amount, payment.currency)} paid to ${payment.payee.name}` : 'Paid',
        settled ? 'The claim is settled.' : `${formatMoney(payments.payableLeft, payments.currency)} left to pay.`,
      );
      onClose();
    },
    onError: (error) => {
      const { byField, unplaced } = serverFieldErrors(error, FIELDS);
      setErrors(byField);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(claimProblem(error, claim.currency));
    },
  });
  useUnsavedChanges((payeeName !== '' || account !== '' || note !== '') && !mutation.isSuccess);
  const minor = typedMinorUnits(amount);
  const settles = final || (minor !== undefined && minor === left);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (sending.current) return;
    const typed = {
      coverage: coverage ?? '',
      amount: minor,
      // The policyholder is named from the customer.
      payee: { kind: payeeKind, name: payeeKind === 'policyholder' ? undefined : payeeName.trim() || undefined, account: account.trim() || undefined },
      method,
      final,
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    const local: Partial<Record<string, string>> = schemaFieldErrors(PayClaimBody, typed);
    if (payeeKind !== 'policyholder' && !payeeName.trim()) local['payee.name'] = 'Name who is paid';
    if (!local.amount && minor !== undefined && minor > left) local.amount = `At most what is left to pay, ${formatMoney(left, claim.currency)}`;
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    sending.current = true;
    mutation.mutate({ claim, idempotencyKey, body: PayClaimBody.parse(typed) }, { onSettled: () => void (sending.current = false) });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Pay the claim">
      <Stack gap="sm">
        <Text size="sm">
          Approved {formatMoney(claim.approvedAmount ?? 0, claim.currency)}, paid {formatMoney(claim.paidAmount, claim.currency)}: <b>{formatMoney(left, claim.currency)}</b> left
          to pay.
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label="Coverage"
            data={paid.map((l) => ({ value: l.coverage, label: names.get(l.coverage) ?? l.coverage }))}
            value={coverage}
            onChange={setCoverage}
            allowDeselect={false}
            error={errors.coverage}
          />
          <NumberInput
            label={`Amount (${claim.currency})`}
            value={amount}
            onChange={setAmount}
            min={0}
            decimalScale={2}
            fixedDecimalScale
            thousandSeparator=","
            error={errors.amount}
            data-autofocus
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label="Pay to"
            data={CLAIM_PAYEE_KINDS.map((k) => ({ value: k, label: PAYEE_KIND_LABELS[k] }))}
            value={payeeKind}
            onChange={(v) => v && setPayeeKind(v as ClaimPayeeKind)}
            allowDeselect={false}
            error={errors['payee.kind']}
          />
          <Select
            label="Method"
            data={CLAIM_PAYMENT_METHODS.map((m) => ({ value: m, label: PAYMENT_METHOD_LABELS[m] }))}
            value={method}
            onChange={(v) => v && setMethod(v as ClaimPaymentMethod)}
            allowDeselect={false}
            error={errors.method}
          />
        </SimpleGrid>
        {payeeKind === 'policyholder' ? (
          <Text size="sm" c="dimmed">
            Paid to the policyholder, {claim.customer.name}.
          </Text>
        ) : (
          <TextInput label="Payee’s name" required maxLength={200} value={payeeName} onChange={(e) => setPayeeName(e.currentTarget.value)} error={errors['payee.name']} />
        )}
        <TextInput
          label={method === 'check' ? 'Address line for the check' : 'Bank account (IBAN or account number)'}
          maxLength={60}
          value={account}
          onChange={(e) => setAccount(e.currentTarget.value)}
          error={errors['payee.account']}
        />
        <Checkbox
          label="Final payment: settle the claim and release the reserves left"
          checked={final}
          onChange={(e) => setFinal(e.currentTarget.checked)}
          description={!final && settles ? 'This payment reaches the approved amount: it settles the claim anyway.' : undefined}
        />
        <Textarea label="Note (optional)" autosize minRows={1} maxLength={1000} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
        <FailureAlert failure={failure} />
        <ModalFormActions submitLabel={minor ? `Pay ${formatMoney(minor, claim.currency)}` : 'Pay'} onCancel={onClose} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

/**
 * Pays (part of) an approved claim; a new Idempotency-Key each time the form opens. A death claim is
 * paid to the beneficiaries by their shares, or to one named payee.
 */
export function PayClaimModal({ claim, opened, onClose }: { claim: Claim; opened: boolean; onClose: () => void }) {
  const [mode, setMode] = useState<'shares' | 'one'>(claim.lossType === 'death' ? 'shares' : 'one');
  return (
    <Modal opened={opened} onClose={onClose} title={`Pay ${claim.claimNumber}`} size="lg">
      {opened && claim.lossType === 'death' && (
        <SegmentedControl
          mb="sm"
          fullWidth
          value={mode}
          onChange={(v) => setMode(v as 'shares' | 'one')}
          data={[
            { value: 'shares', label: 'Beneficiaries by share' },
            { value: 'one', label: 'One payee' },
          ]}
        />
      )}
      {opened && (mode === 'shares' ? <PayBeneficiariesForm claim={claim} onClose={onClose} /> : <PayForm claim={claim} onClose={onClose} />)}
    </Modal>
  );
}
