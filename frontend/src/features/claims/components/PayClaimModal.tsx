import { CLAIM_PAYEE_KINDS, PayClaimBody } from '@contracts/claims';
import type { Claim, ClaimPayeeKind } from '@contracts/claims';
import { Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { ModalFormActions } from '@/components/ModalFormActions';
import { schemaFieldErrors } from '@/lib/form-schema';
import { formatMoney } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import { usePayClaim } from '../api/pay-claim';
import { PAYEE_KIND_LABELS } from '../claim-labels';
import { AmountInput, CoverageSelect, FinalAndNote, LeftToPay, MethodSelect, useClaimPaymentForm } from './claim-payment-fields';
import { PayBeneficiariesForm } from './PayBeneficiariesForm';

const FIELDS = ['coverage', 'amount', 'payee.kind', 'payee.name', 'payee.account', 'method', 'note'] as const;

function PayForm({ claim, onClose }: { claim: Claim; onClose: () => void }) {
  const form = useClaimPaymentForm(claim, { finalByDefault: false });
  const [payeeKind, setPayeeKind] = useState<ClaimPayeeKind>('policyholder');
  const [payeeName, setPayeeName] = useState('');
  const [account, setAccount] = useState('');
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
    onError: (error) => form.refused(error, FIELDS),
  });
  useUnsavedChanges((payeeName !== '' || account !== '' || form.note !== '') && !mutation.isSuccess);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const typed = {
      ...form.common(),
      // The policyholder is named from the customer.
      payee: { kind: payeeKind, name: payeeKind === 'policyholder' ? undefined : payeeName.trim() || undefined, account: account.trim() || undefined },
    };
    const local: Partial<Record<string, string>> = schemaFieldErrors(PayClaimBody, typed);
    if (payeeKind !== 'policyholder' && !payeeName.trim()) local['payee.name'] = 'Name who is paid';
    if (form.check(local)) form.sendOnce((settled) => mutation.mutate({ claim, idempotencyKey: form.idempotencyKey, body: PayClaimBody.parse(typed) }, { onSettled: settled }));
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Pay the claim">
      <Stack gap="sm">
        <LeftToPay form={form} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <CoverageSelect form={form} />
          <AmountInput form={form} autoFocus />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <Select
            label="Pay to"
            data={CLAIM_PAYEE_KINDS.map((k) => ({ value: k, label: PAYEE_KIND_LABELS[k] }))}
            value={payeeKind}
            onChange={(v) => v && setPayeeKind(v as ClaimPayeeKind)}
            allowDeselect={false}
            error={form.errors['payee.kind']}
          />
          <MethodSelect form={form} />
        </SimpleGrid>
        {payeeKind === 'policyholder' ? (
          <Text size="sm" c="dimmed">
            Paid to the policyholder, {claim.customer.name}.
          </Text>
        ) : (
          <TextInput label="Payee’s name" required maxLength={200} value={payeeName} onChange={(e) => setPayeeName(e.currentTarget.value)} error={form.errors['payee.name']} />
        )}
        <TextInput
          label={form.method === 'check' ? 'Address line for the check' : 'Bank account (IBAN or account number)'}
          maxLength={60}
          value={account}
          onChange={(e) => setAccount(e.currentTarget.value)}
          error={form.errors['payee.account']}
        />
        <FinalAndNote form={form} />
        <FailureAlert failure={form.failure} />
        <ModalFormActions submitLabel={form.minor ? `Pay ${formatMoney(form.minor, claim.currency)}` : 'Pay'} onCancel={onClose} loading={mutation.isPending} />
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
