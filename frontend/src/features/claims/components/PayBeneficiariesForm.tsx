import { PayBeneficiariesBody } from '@contracts/claims';
import type { Claim } from '@contracts/claims';
import { Checkbox, Group, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { FailureAlert } from '@/components/FailureAlert';
import { ModalFormActions } from '@/components/ModalFormActions';
import { usePolicy } from '@/features/policies';
import { schemaFieldErrors } from '@/lib/form-schema';
import { formatMoney } from '@/lib/money';
import { notifySuccess } from '@/lib/notify';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import { usePayBeneficiaries } from '../api/pay-claim';
import { AmountInput, CoverageSelect, FinalAndNote, LeftToPay, MethodSelect, useClaimPaymentForm } from './claim-payment-fields';

const FIELDS = ['coverage', 'amount', 'method', 'note', 'predeceased', 'accounts'] as const;

/**
 * A death claim paid to the beneficiaries named on the policy, by their shares: the server splits the
 * amount to the cent among the primary ones who survived the insured (the contingent ones when none
 * did), one payment each.
 */
export function PayBeneficiariesForm({ claim, onClose }: { claim: Claim; onClose: () => void }) {
  const form = useClaimPaymentForm(claim, { finalByDefault: true });
  const policy = usePolicy(claim.policy.id);
  const beneficiaries = policy.data?.beneficiaries ?? [];
  const [predeceased, setPredeceased] = useState<string[]>([]);
  const [accounts, setAccounts] = useState<Record<string, string>>({});
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
    onError: (error) => form.refused(error, FIELDS),
  });
  useUnsavedChanges((predeceased.length > 0 || Object.values(accounts).some((a) => a.trim()) || form.note !== '') && !mutation.isSuccess);
  const toggle = (name: string, gone: boolean) => setPredeceased((list) => (gone ? [...list, name] : list.filter((n) => n !== name)));
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const typed = {
      ...form.common(),
      predeceased,
      accounts: Object.entries(accounts)
        .filter(([name, account]) => account.trim() && !predeceased.includes(name))
        .map(([name, account]) => ({ name, account: account.trim() })),
    };
    if (form.check(schemaFieldErrors(PayBeneficiariesBody, typed)))
      form.sendOnce((settled) => mutation.mutate({ claim, idempotencyKey: form.idempotencyKey, body: PayBeneficiariesBody.parse(typed) }, { onSettled: settled }));
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Pay the beneficiaries">
      <Stack gap="sm">
        <LeftToPay form={form} suffix=", split by the shares on the policy (to the cent)" />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          <CoverageSelect form={form} />
          <AmountInput form={form} />
          <MethodSelect form={form} />
        </SimpleGrid>
        <Table verticalSpacing={4} aria-label="Beneficiaries">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Beneficiary</Table.Th>
              <Table.Th>Share</Table.Th>
              <Table.Th>{form.method === 'check' ? 'Address line' : 'Bank account'}</Table.Th>
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
                      onChange={(e) => {
                        // Read now: the event's target is gone by the time React runs the updater.
                        const account = e.currentTarget.value;
                        setAccounts((all) => ({ ...all, [b.name]: account }));
                      }}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        {(form.errors.predeceased || form.errors.accounts) && (
          <Text size="sm" c="red">
            {form.errors.predeceased ?? form.errors.accounts}
          </Text>
        )}
        <FinalAndNote form={form} />
        <FailureAlert failure={form.failure} />
        <ModalFormActions submitLabel={form.minor ? `Pay ${formatMoney(form.minor, claim.currency)} by shares` : 'Pay'} onCancel={onClose} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}
