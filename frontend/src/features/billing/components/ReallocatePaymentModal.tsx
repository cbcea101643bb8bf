import { ReallocatePaymentBody, type PaymentAllocations } from '@contracts/billing';
import { Alert, Badge, Button, Group, Modal, NumberInput, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { ErrorState } from '@/components/ErrorState';
import { FailureAlert } from '@/components/FailureAlert';
import { LoadingState } from '@/components/LoadingState';
import { ModalFormActions } from '@/components/ModalFormActions';
import { describeError, type ErrorDescription } from '@/lib/api-error';
import { isVersionConflict } from '@/lib/concurrency';
import { formatDate } from '@/lib/format-date';
import { serverFieldErrors } from '@/lib/form-errors';
import { formatMoney, toMajorUnits, toMinorUnits } from '@/lib/money';
import { notifySuccess, notifyVersionConflict } from '@/lib/notify';
import { useUnsavedChanges } from '@/lib/unsaved-changes';
import { usePaymentAllocations, useReallocatePayment } from '../api/reallocate-payment';
import { INVOICE_STATUS_COLORS, INVOICE_STATUS_LABELS } from '../billing-labels';

/** Major units as typed (a number, or '' when cleared) → minor units; an empty field is nothing. */
const minorOf = (value: number | string): number => (typeof value === 'number' && Number.isFinite(value) ? toMinorUnits(value) : 0);

function ReallocateForm({ allocations, onDone }: { allocations: PaymentAllocations; onDone: () => void }) {
  const { currency, invoices } = allocations;
  const money = (minor: number) => formatMoney(minor, currency);
  // Filled with where the money is now; the user moves it.
  const initial = Object.fromEntries(invoices.map((i) => [i.id, i.allocated > 0 ? toMajorUnits(i.allocated) : ''])) as Record<string, number | string>;
  const [amounts, setAmounts] = useState<Record<string, number | string>>(initial);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<Pick<ErrorDescription, 'title' | 'detail'> | null>(null);
  const mutation = useReallocatePayment();

  const dirty = reason !== '' || invoices.some((i) => minorOf(amounts[i.id] ?? '') !== i.allocated);
  useUnsavedChanges(dirty && !mutation.isSuccess);

  const lines = invoices.map((i) => ({ invoiceId: i.id, amount: minorOf(amounts[i.id] ?? '') })).filter((l) => l.amount !== 0);
  const total = lines.reduce((s, l) => s + l.amount, 0);
  const left = allocations.available - total;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    for (const i of invoices) {
      const amount = minorOf(amounts[i.id] ?? '');
      if (amount < 0) local[i.id] = 'Not below zero';
      else if (amount > i.openAfterReversal) local[i.id] = `At most ${money(i.openAfterReversal)}`;
    }
    if (left < 0) local.total = `At most ${money(allocations.available)} in all`;
    const body = { allocations: lines, reason: reason.trim() };
    const parsed = ReallocatePaymentBody.safeParse(body);
    if (!parsed.success) for (const issue of parsed.error.issues) if (issue.path[0] === 'reason') local.reason ??= issue.message;
    setErrors(local);
    setFailure(null);
    if (Object.keys(local).length) return;
    mutation.mutate(
      { paymentId: allocations.paymentId, version: allocations.version, body },
      {
        onSuccess: (after) => {
          const applied = after.allocations.map((a) => `${a.invoiceNumber} (${money(a.amount)})`).join(', ');
          notifySuccess(`Payment ${after.paymentNumber} re-allocated`, applied ? `Now applied to ${applied}.` : 'All of it is the customer’s credit now.');
          onDone();
        },
        onError: (error) => {
          if (isVersionConflict(error)) {
            // The payment changed meanwhile: its allocations are read again (the query was invalidated).
            notifyVersionConflict();
            onDone();
            return;
          }
          // allocations.<n>.amount → the row of the n-th line sent.
          const { byField, unplaced } = serverFieldErrors(
            error,
            lines.map((_, index) => `allocations.${index}`),
          );
          const mapped: Record<string, string> = {};
          for (const [field, message] of Object.entries(byField)) mapped[lines[Number(field.split('.')[1])]!.invoiceId] = message;
          setErrors(mapped);
          if (Object.keys(mapped).length === 0 || unplaced.length > 0) setFailure(describeError(error));
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label={`Re-allocate ${allocations.paymentNumber}`}>
      <Stack gap="sm">
        <Text size="sm">
          {allocations.paymentNumber} brought <b>{money(allocations.amount)}</b>.{' '}
          {allocations.allocations.length
            ? `It pays ${allocations.allocations.map((a) => `${a.invoiceNumber} (${money(a.amount)})`).join(', ')} now; those applications are reversed and the amounts below applied instead.`
            : 'None of it is applied to an invoice now; the amounts below are applied from it.'}{' '}
          What is left stays the customer’s credit.
        </Text>
        {invoices.length === 0 ? (
          <Alert variant="light" p="xs">
            The customer has no invoice this payment could pay: re-allocating keeps all of it as credit.
          </Alert>
        ) : (
          <Table.ScrollContainer minWidth={360} type="native">
            <Table verticalSpacing={4} aria-label="Invoices to pay">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Invoice</Table.Th>
                  <Table.Th ta="right">Can receive</Table.Th>
                  <Table.Th w={140}>Apply ({currency})</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invoices.map((i) => (
                  <Table.Tr key={i.id}>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {i.invoiceNumber}
                      </Text>
                      <Group gap={4}>
                        <Text size="xs" c="dimmed">
                          {i.policyNumber} · due {formatDate(i.dueDate)}
                        </Text>
                        <Badge size="xs" variant="light" color={INVOICE_STATUS_COLORS[i.status]}>
                          {INVOICE_STATUS_LABELS[i.status]}
                        </Badge>
                      </Group>
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                      {money(i.openAfterReversal)}
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={`Amount for ${i.invoiceNumber}`}
                        size="xs"
                        // No min: a minimum would turn a typed negative amount into 0 on blur instead of saying so.
                        decimalScale={2}
                        fixedDecimalScale
                        thousandSeparator=","
                        value={amounts[i.id] ?? ''}
                        onChange={(value) => setAmounts((current) => ({ ...current, [i.id]: value }))}
                        error={errors[i.id]}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group justify="space-between" gap="xs">
          <Text size="sm" c={left < 0 ? 'red' : undefined} data-testid="reallocation-total">
            Applying {money(total)} of {money(allocations.available)}; {left >= 0 ? `${money(left)} stays credit` : `${money(-left)} too much`}
          </Text>
          <Button variant="subtle" size="compact-xs" onClick={() => setAmounts(Object.fromEntries(invoices.map((i) => [i.id, ''])) as Record<string, number | string>)}>
            Clear all
          </Button>
        </Group>
        {errors.total && (
          <Text size="sm" c="red" role="alert">
            {errors.total}
          </Text>
        )}
        <Textarea
          label="Reason"
          description="Kept with the re-allocation and in the audit trail"
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
          required
        />
        <FailureAlert failure={failure} />
        <ModalFormActions submitLabel="Re-allocate" onCancel={onDone} loading={mutation.isPending} />
      </Stack>
    </form>
  );
}

function ReallocateBody({ paymentId, onDone }: { paymentId: string; onDone: () => void }) {
  const allocations = usePaymentAllocations(paymentId);
  if (allocations.isPending) return <LoadingState label="Loading where the payment is applied…" />;
  if (allocations.error) return <ErrorState error={allocations.error} onRetry={() => void allocations.refetch()} />;
  if (!allocations.data.reallocatable)
    return (
      <Stack gap="sm">
        <Alert color="orange" variant="light" title="This payment cannot be re-allocated">
          {allocations.data.notReallocatableReason}
        </Alert>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Close
          </Button>
        </Group>
      </Stack>
    );
  // A fresh form for each version read: after a conflict the user starts from what is true now.
  return <ReallocateForm key={allocations.data.version} allocations={allocations.data} onDone={onDone} />;
}

/** Re-allocate a payment (senior agents and managers): where its money goes among the customer's invoices. */
export function ReallocatePaymentModal({ payment, onClose }: { payment: { id: string; paymentNumber: string } | null; onClose: () => void }) {
  return (
    <Modal opened={payment !== null} onClose={onClose} title={payment ? `Re-allocate ${payment.paymentNumber}` : undefined} size="lg">
      {payment && <ReallocateBody paymentId={payment.id} onDone={onClose} />}
    </Modal>
  );
}
