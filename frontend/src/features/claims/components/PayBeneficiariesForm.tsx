import { CLAIM_PAYMENT_METHODS, PayBeneficiariesBody } from '@contracts/claims';
import type { Claim, ClaimPaymentMethod } from '@contracts/claims';
import { Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useRef, useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { ModalFormActions } from '@/components/ModalFormActions';
import { usePolicy } from '@/features/policies';
import { serverFieldErrors } from '@/lib/form-errors';
import { schemaFieldErrors } from '@/lib/form-schema';
import { formatMoney, toMajorUnits, typedMinorUnits } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { usePayBeneficiaries } from '../api/pay-claim';
import { PAYMENT_METHOD_LABELS } from '../claim-labels';
import { claimProblem } from '../claim-problems';
import type { ClaimProblem } from '../claim-problems';

const FIELDS = ['coverage', 'amount', 'method', 'note', 'predeceased', 'accounts'] as const;

/**
 * A death claim paid to the beneficiaries named on the policy, by their shares: the server splits the
 * amount to the cent among the primary ones who survived the insured (the contingent ones when none
 * did), one payment each.
 */
export function PayBeneficiariesForm({ claim, onClose }: { claim: Claim; onClose: () => void }) {
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const sending = useRef(false);
  const policy = usePolicy(claim.policy.id);
  const beneficiaries = policy.data?.beneficiaries ?? [];
  const left = Math.max(0, (claim.approvedAmount ?? 0) - claim.paidAmount);
  const paid = (claim.assessment?.lines ?? []).filter((l) => l.payable > 0);
  const names = new Map(claim.coverageCheck.coverages.map((c) => [c.code, c.name]));
  const [coverage, setCoverage] = useState<string | null>(paid[0]?.coverage ?? null);
  const [amount, setAmount] = useState<number | string>(left > 0 ? toMajorUnits(left) : '');
  const [method, setMethod] = useState<ClaimPaymentMethod>('bank_transfer');
  const [predeceased, setPredeceased] = useState<string[]>([]);
  const [accounts, setAccounts] = useState<Record<string, string>>({});
  const [final, setFinal] = useState(true);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [failure, setFailure] = useState<ClaimProblem | null>(null);
  const mutation = usePayBeneficiaries({
    onSuccess: (payments) => {
      // The parts of one split are paid together: the newest payments sharing the last one's time.
      const last = payments.items.at(-1);
      const made = payments.items.filter((p) => p.paidAt === last?.paidAt);
      notifySuccess(
        `Paid to ${made.map((p) => `${p.payee.name} ${formatMoney(p.amount, p.currency)}`).join(', ')}`,
        payments.claimStatus === 'paid' ? 'The claim is settled.' : `${formatMoney(payments.payableLeft, payments.currency)} left to pay.`,
      );
      onClose();
    },
    onError: (error) => {
      const { byField, unplaced } = serverFieldErrors(error, FIELDS);
      setErrors(byField);
      if (Object.keys(byField).length === 0 || unplaced.length > 0) setFailure(claimProblem(error, claim.currency));
    },
  });
  const minor = typedMinorUnits(amount);
  const toggle = (name: string, gone: boolean) => setPredeceased((list) => (gone ? [...list, name] : list.filter((n) => n !== name)));
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (sending.current) return;
    const typed = {
      coverage: coverage ?? '',
      amount: minor,
      method,
      final,
      predeceased,
      accounts: Object.entries(accounts)
        .filter(([name, account]) => account.trim() && !predeceased.includes(name))
        .map(([name, account]) => ({ name, account: account.trim() })),
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    const local: Partial<Record<string, string>> = schemaFieldErrors(PayBeneficiariesBody, typed);
    if (!local.amount && minor !== undefined && minor > left) local.amount = `At most what is left to pay, ${formatMoney(left, claim.currency)}`;
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    sending.current = true;
    mutation.mutate({ claim, idempotencyKey, body: PayBeneficiariesBody.parse(typed) }, { onSettled: () => void (sending.current = false) });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Pay the beneficiaries">
      <Stack gap="sm">
        <Text size="sm">
          Approved {formatMoney(claim.approvedAmount ?? 0, claim.currency)}, paid {formatMoney(claim.paidAmount, claim.currency)}: <b>{formatMoney(left, claim.currency)}</b> left
          to pay, split by the shares on the policy (to the cent).
        </Text>
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
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
        <Table verticalSpacing={4} aria-label="Beneficiaries">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Beneficiary</Table.Th>
              <Table.Th>Share</Table.Th>
              <Table.Th>{method === 'check' ? 'Address line' : 'Bank account'}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {beneficiaries.map((b) => {
              const gone = predeceased.includes(b.name);
              return (
                <Table.Tr key={b.name}>
                  <Table.Td>
                    <Text size="sm" fw={500} td={gone ? 'line-through' : undefined}>
                      {b.name}
                    </Text>
                    <Group gap={6}>
                      <Text size="xs" c="dimmed">
                        {b.tier === 'primary' ? 'Primary' : 'Contingent'}
                      </Text>
                      <Checkbox size="xs" label="Died before the insured" checked={gone} onChange={(e) => toggle(b.name, e.currentTarget.checked)} />
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{b.share}%</Text>
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      size="xs"
                      aria-label={`Account of ${b.name}`}
                      maxLength={60}
                      disabled={gone}
                      value={accounts[b.name] ?? ''}
                      onChange={(e) => setAccounts((all) => ({ ...all, [b.name]: e.currentTarget.value }))}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {(errors.predeceased || errors.accounts) && (
          <Text size="sm" c="red">
            {errors.predeceased ?? errors.accounts}
          </Text>
        )}
        <Checkbox label="Final payment: settle the claim and release the reserves left" checked={final} onChange={(e) => setFinal(e.currentTarget.checked)} />
        <Textarea label="Note (optional)" autosize minRows={1} maxLength={1000} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
        <FailureAlert failure={failure} />
        <ModalFormActions submitLabel={minor ? `Pay ${formatMoney(minor, claim.currency)} by shares` : 'Pay'} onCancel={onClose} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}
