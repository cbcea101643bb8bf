import type { Payment, PolicyBilling } from '@contracts/billing';
import { Badge, Button, Group, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconArrowsExchange, IconCash } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { Panel } from '@/components/Panel';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { usePolicyBilling, usePolicyPayments } from '../api/get-policy-billing';
import { INVOICE_STATUS_COLORS, INVOICE_STATUS_LABELS, PAYMENT_METHOD_LABELS, PAYMENT_STATUS_COLORS, PAYMENT_STATUS_LABELS } from '../billing-labels';
import { ReallocatePaymentModal } from './ReallocatePaymentModal';
import { TakePaymentModal } from './TakePaymentModal';

function Figure({ label, value, tone }: { label: string; value: string; tone?: 'red' }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} fz="lg" c={tone} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </div>
  );
}

function Figures({ billing }: { billing: PolicyBilling }) {
  const money = (minor: number) => formatMoney(minor, billing.currency);
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" mb="md" data-testid="billing-figures">
      <Figure label="Amount due" value={money(billing.amountDue)} />
      <Figure
        label={billing.overdueSince ? `Overdue since ${formatDate(billing.overdueSince)}` : 'Overdue'}
        value={money(billing.overdueAmount)}
        tone={billing.overdueAmount > 0 ? 'red' : undefined}
      />
      <Figure label="Next due" value={billing.nextDue ? `${money(billing.nextDue.amount)} on ${formatDate(billing.nextDue.date)}` : '—'} />
      <Figure label="Customer credit" value={money(billing.credit)} />
    </SimpleGrid>
  );
}

function PaymentsTable({ policyId, currency }: { policyId: string; currency: string }) {
  const payments = usePolicyPayments(policyId);
  const { can } = useAuth();
  // Re-allocation: senior agents and managers move a succeeded payment's money between the customer's invoices.
  const [reallocating, setReallocating] = useState<Payment | null>(null);
  const mayReallocate = can('payments:reallocate');
  if (payments.isPending) return <LoadingState label="Loading payments…" />;
  if (payments.error) return <ErrorState error={payments.error} onRetry={() => void payments.refetch()} />;
  if (!payments.data.items.length)
    return (
      <Text size="sm" c="dimmed">
        No payments yet.
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table verticalSpacing={6} aria-label="Payments">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Payment</Table.Th>
            <Table.Th>Received</Table.Th>
            <Table.Th>Method</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
            <Table.Th>Status</Table.Th>
            {mayReallocate && (
              <Table.Th>
                <VisuallyHidden>Re-allocate</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {payments.data.items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>{p.paymentNumber}</Table.Td>
              <Table.Td>{formatDate(p.receivedOn)}</Table.Td>
              <Table.Td>{p.method === 'card' && p.cardLast4 ? `Card ending ${p.cardLast4}` : PAYMENT_METHOD_LABELS[p.method]}</Table.Td>
              <Table.Td ta="right">{formatMoney(p.amount, currency)}</Table.Td>
              <Table.Td>
                <Badge color={PAYMENT_STATUS_COLORS[p.status]} variant="light" title={p.failureMessage ?? undefined}>
                  {PAYMENT_STATUS_LABELS[p.status]}
                </Badge>
              </Table.Td>
              {mayReallocate && (
                <Table.Td ta="right">
                  {p.status === 'succeeded' && (
                    <Button size="compact-xs" variant="subtle" leftSection={<IconArrowsExchange size={14} aria-hidden />} onClick={() => setReallocating(p)}>
                      Re-allocate
                    </Button>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <ReallocatePaymentModal payment={reallocating} onClose={() => setReallocating(null)} />
    </Table.ScrollContainer>
  );
}

/** The policy's billing: what is owed and overdue, its invoices and payments, and Take payment. */
export function PolicyBillingPanel({ policyId, cardLast4 }: { policyId: string; cardLast4: string | null }) {
  const { can } = useAuth();
  const billing = usePolicyBilling(policyId, can('billing:read'));
  const [paying, setPaying] = useState(false);
  if (!can('billing:read')) return null;
  const takePayment = billing.data && can('payments:create') && (
    <Button size="xs" leftSection={<IconCash size={16} aria-hidden />} onClick={() => setPaying(true)}>
      Take payment
    </Button>
  );
  return (
    <Panel title="Billing" aside={takePayment}>
      {billing.isPending ? (
        <LoadingState label="Loading billing…" />
      ) : billing.error ? (
        <ErrorState error={billing.error} onRetry={() => void billing.refetch()} />
      ) : (
        <Stack gap="md">
          <Figures billing={billing.data} />
          {billing.data.invoices.length === 0 ? (
            <Text size="sm" c="dimmed">
              No invoices yet: each installment is invoiced a few days before it falls due.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={520}>
              <Table verticalSpacing={6} aria-label="Invoices">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Invoice</Table.Th>
                    <Table.Th>Due</Table.Th>
                    <Table.Th ta="right">Total</Table.Th>
                    <Table.Th ta="right">Open</Table.Th>
                    <Table.Th>Status</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...billing.data.invoices].reverse().map((i) => (
                    <Table.Tr key={i.id} data-testid="invoice-row">
                      <Table.Td>{i.invoiceNumber}</Table.Td>
                      <Table.Td>{formatDate(i.dueDate)}</Table.Td>
                      <Table.Td ta="right">{formatMoney(i.total, billing.data.currency)}</Table.Td>
                      <Table.Td ta="right">{formatMoney(i.openAmount, billing.data.currency)}</Table.Td>
                      <Table.Td>
                        <Badge color={INVOICE_STATUS_COLORS[i.status]} variant="light">
                          {INVOICE_STATUS_LABELS[i.status]}
                        </Badge>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
          <div>
            <Group justify="space-between" mb={4}>
              <Text fw={600} size="sm">
                Payments
              </Text>
            </Group>
            <PaymentsTable policyId={policyId} currency={billing.data.currency} />
          </div>
        </Stack>
      )}
      {billing.data && (
        <TakePaymentModal
          opened={paying}
          onClose={() => setPaying(false)}
          policyId={policyId}
          currency={billing.data.currency}
          amountDue={billing.data.amountDue}
          cardLast4={cardLast4}
        />
      )}
    </Panel>
  );
}
