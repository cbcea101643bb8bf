import type { Invoice, InvoiceLine, Payment, PolicyBilling, Refund } from '@contracts/billing';
import { Badge, Button, Group, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconArrowsExchange, IconCash } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorState } from '@/components/ErrorState';
import { RecordTable, type RecordColumn } from '@/components/RecordTable';
import { LoadingState } from '@/components/LoadingState';
import { Panel } from '@/components/Panel';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatDateTime } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { usePolicyBilling, usePolicyPayments } from '../api/get-policy-billing';
import { usePolicyRefunds } from '../api/refunds';
import { INVOICE_STATUS_COLORS, INVOICE_STATUS_LABELS, PAYMENT_METHOD_LABELS, PAYMENT_STATUS_COLORS, PAYMENT_STATUS_LABELS } from '../billing-labels';
import { ReallocatePaymentModal } from './ReallocatePaymentModal';
import { isReversible, ReversePaymentDialog } from './ReversePaymentDialog';
import { RefundsTable } from './RefundsTable';
import { RequestRefundModal, type RefundSource } from './RequestRefundModal';
import { TakePaymentModal } from './TakePaymentModal';
import { VoidInvoiceDialog } from './VoidInvoiceDialog';
import { WaiveLateFeeDialog, type FeeToWaive } from './WaiveLateFeeDialog';
import { WriteOffModal } from './WriteOffModal';
import { creditRefundable, refundableOf } from '../refund-amounts';
import { scheduleRows, type ScheduleRow } from '../installment-schedule';

const UNPAID = new Set<Invoice['status']>(['open', 'partially_paid', 'overdue']);

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

/** The policy's installment schedule (every installment of the years scheduled), shown on request: due date, amount, its invoice once raised. */
function InstallmentSchedule({ billing }: { billing: PolicyBilling }) {
  const [shown, setShown] = useState(false);
  const rows = scheduleRows(billing.installments, billing.invoices);
  if (!rows.length) return null;
  const columns: RecordColumn<ScheduleRow>[] = [
    { header: 'Installment', priority: 'key', cell: (r) => r.label },
    { header: 'Due', priority: 'key', cell: (r) => formatDate(r.dueDate) },
    { header: 'Amount', numeric: true, priority: 'key', cell: (r) => formatMoney(r.amount, billing.currency) },
    {
      header: 'Invoice',
      cell: (r) =>
        r.invoice ? (
          <Group gap={6} wrap="nowrap">
            <Text span size="sm">
              {r.invoice.invoiceNumber}
            </Text>
            <Badge size="sm" color={INVOICE_STATUS_COLORS[r.invoice.status]} variant="light">
              {INVOICE_STATUS_LABELS[r.invoice.status]}
            </Badge>
          </Group>
        ) : (
          <Text span size="sm" c="dimmed">
            Not invoiced
          </Text>
        ),
    },
  ];
  return (
    <div>
      <Group justify="space-between" mb={4}>
        <Text fw={600} size="sm">
          Installment schedule
        </Text>
        <Button size="compact-xs" variant="subtle" aria-expanded={shown} aria-controls="installment-schedule" onClick={() => setShown((v) => !v)}>
          {shown ? 'Hide schedule' : `Show schedule (${rows.length})`}
        </Button>
      </Group>
      {shown && (
        <div id="installment-schedule">
          <RecordTable aria-label="Installment schedule" minWidth={420} verticalSpacing={4} rows={rows} columns={columns} rowLabel={(r) => r.label} idPrefix="installment" />
        </div>
      )}
    </div>
  );
}

/** A late fee under its invoice: the amount, and Waive fee — or who waived it, when and why. */
function LateFeeRow({
  invoice,
  line,
  currency,
  onWaive,
  actionsColumn,
  narrow,
}: {
  invoice: Invoice;
  line: InvoiceLine;
  currency: string;
  onWaive?: (fee: FeeToWaive) => void;
  /** The invoice table has an actions column (write-offs): the row keeps its cells aligned. */
  actionsColumn: boolean;
  /** On a phone: a line inside the invoice's card rather than a table row. */
  narrow: boolean;
}) {
  const waived = line.waived;
  const waive = waived ? (
    <Badge color="gray" variant="light">
      Waived
    </Badge>
  ) : (
    onWaive && (
      <Button
        size="compact-xs"
        variant="default"
        aria-label={`Waive the late fee on ${invoice.invoiceNumber}`}
        onClick={() => onWaive({ invoiceId: invoice.id, invoiceNumber: invoice.invoiceNumber, lineId: line.id, amount: line.amount })}
      >
        Waive fee
      </Button>
    )
  );
  if (narrow) {
    return (
      <Stack gap={2} mt="xs" pl="sm" data-testid="late-fee-row" style={{ borderLeft: '2px solid var(--mantine-color-gray-3)' }}>
        <Group justify="space-between" gap="xs">
          <Text size="sm">
            Late fee{' '}
            <Text span size="sm" td={waived ? 'line-through' : undefined} c={waived ? 'dimmed' : undefined}>
              {formatMoney(line.amount, currency)}
            </Text>
          </Text>
          {waive}
        </Group>
        <Text size="xs" c="dimmed">
          {waived ? `Waived by ${waived.by.name} on ${formatDateTime(waived.at)}: ${waived.reason}` : line.description}
        </Text>
      </Stack>
    );
  }
  return (
    <Table.Tr data-testid="late-fee-row">
      <Table.Td pl="lg" colSpan={2}>
        <Text size="sm">Late fee</Text>
        <Text size="xs" c="dimmed">
          {waived ? `Waived by ${waived.by.name} on ${formatDateTime(waived.at)}: ${waived.reason}` : line.description}
        </Text>
      </Table.Td>
      <Table.Td ta="right" td={waived ? 'line-through' : undefined} c={waived ? 'dimmed' : undefined}>
        {formatMoney(line.amount, currency)}
      </Table.Td>
      <Table.Td />
      <Table.Td>{waive}</Table.Td>
      {actionsColumn && <Table.Td />}
    </Table.Tr>
  );
}

/** The invoices' columns; with `onWriteOff` or `onVoid`, a last column of Write off and Void buttons. */
function invoiceColumns(currency: string, onWriteOff?: (invoice: Invoice) => void, onVoid?: (invoice: Invoice) => void): RecordColumn<Invoice>[] {
  const columns: RecordColumn<Invoice>[] = [
    {
      header: 'Invoice',
      priority: 'key',
      cell: (i) => (
        <>
          {i.invoiceNumber}
          {/* An endorsement's extra premium or a reinstatement fee says which change it bills. */}
          {i.lines
            .filter((l) => l.kind === 'endorsement' || l.kind === 'reinstatement_fee')
            .map((l) => (
              <Text key={l.id} size="xs" c="dimmed">
                {l.description}
              </Text>
            ))}
        </>
      ),
    },
    { header: 'Due', cell: (i) => formatDate(i.dueDate) },
    { header: 'Total', numeric: true, priority: 'key', cell: (i) => formatMoney(i.total, currency) },
    { header: 'Open', numeric: true, priority: 'key', cell: (i) => formatMoney(i.openAmount, currency) },
    {
      header: 'Status',
      priority: 'key',
      cell: (i) => (
        <Badge color={INVOICE_STATUS_COLORS[i.status]} variant="light">
          {INVOICE_STATUS_LABELS[i.status]}
        </Badge>
      ),
    },
  ];
  if (onWriteOff || onVoid) {
    columns.push({
      header: <VisuallyHidden>Actions</VisuallyHidden>,
      label: 'Actions',
      cell: (i) =>
        UNPAID.has(i.status) &&
        i.openAmount > 0 && (
          <Group justify="flex-end" gap={4} wrap="nowrap">
            {onWriteOff && (
              <Button size="compact-xs" variant="default" aria-label={`Write off ${i.invoiceNumber}`} onClick={() => onWriteOff(i)}>
                Write off
              </Button>
            )}
            {/* Only an invoice no money has touched: what is open is its whole total. */}
            {onVoid && i.openAmount === i.total && (
              <Button size="compact-xs" variant="subtle" color="red" aria-label={`Void ${i.invoiceNumber}`} onClick={() => onVoid(i)}>
                Void
              </Button>
            )}
          </Group>
        ),
    });
  }
  return columns;
}

function PaymentsTable({
  policyId,
  currency,
  refunds,
  onRefund,
}: {
  policyId: string;
  currency: string;
  refunds: readonly Refund[] | undefined;
  onRefund: (source: RefundSource) => void;
}) {
  const { can } = useAuth();
  const payments = usePolicyPayments(policyId);
  const mayRefund = can('refunds:request') && refunds !== undefined;
  // Re-allocation: senior agents and managers move a succeeded payment's money between the customer's invoices.
  const [reallocating, setReallocating] = useState<Payment | null>(null);
  const mayReallocate = can('payments:reallocate');
  // A bounced check or a returned direct debit (senior agents and managers).
  const [reversing, setReversing] = useState<Payment | null>(null);
  const mayReverse = can('payments:reverse');
  const actions = mayRefund || mayReallocate || mayReverse;
  if (payments.isPending) return <LoadingState label="Loading payments…" />;
  if (payments.error) return <ErrorState error={payments.error} onRetry={() => void payments.refetch()} />;
  if (!payments.data.items.length)
    return (
      <Text size="sm" c="dimmed">
        No payments yet.
      </Text>
    );
  const columns: RecordColumn<Payment>[] = [
    { header: 'Payment', priority: 'key', cell: (p) => p.paymentNumber },
    { header: 'Received', cell: (p) => formatDate(p.receivedOn) },
    { header: 'Method', cell: (p) => (p.method === 'card' && p.cardLast4 ? `Card ending ${p.cardLast4}` : PAYMENT_METHOD_LABELS[p.method]) },
    { header: 'Amount', numeric: true, priority: 'key', cell: (p) => formatMoney(p.amount, currency) },
    {
      header: 'Status',
      priority: 'key',
      cell: (p) => (
        <Badge color={PAYMENT_STATUS_COLORS[p.status]} variant="light" title={p.failureMessage ?? undefined}>
          {PAYMENT_STATUS_LABELS[p.status]}
        </Badge>
      ),
    },
  ];
  if (actions) {
    columns.push({
      header: <VisuallyHidden>Actions</VisuallyHidden>,
      label: 'Actions',
      cell: (p) => (
        <Group gap={4} justify="flex-end" wrap="nowrap">
          {mayReallocate && p.status === 'succeeded' && (
            <Button size="compact-xs" variant="subtle" leftSection={<IconArrowsExchange size={14} aria-hidden />} onClick={() => setReallocating(p)}>
              Re-allocate
            </Button>
          )}
          {mayRefund && p.status === 'succeeded' && refundableOf(p, refunds) > 0 && (
            <Button
              size="compact-xs"
              variant="default"
              aria-label={`Refund ${p.paymentNumber}`}
              onClick={() => onRefund({ kind: 'payment', payment: p, refundable: refundableOf(p, refunds) })}
            >
              Refund
            </Button>
          )}
          {mayReverse && isReversible(p) && (
            <Button size="compact-xs" variant="subtle" color="red" aria-label={`Mark ${p.paymentNumber} bounced`} onClick={() => setReversing(p)}>
              Mark bounced
            </Button>
          )}
        </Group>
      ),
    });
  }
  return (
    <>
      <RecordTable
        aria-label="Payments"
        minWidth={520}
        verticalSpacing={6}
        rows={payments.data.items}
        columns={columns}
        rowLabel={(p) => p.paymentNumber}
        idPrefix="payment"
        rowProps={() => ({ 'data-testid': 'payment-row' })}
      />
      <ReallocatePaymentModal payment={reallocating} onClose={() => setReallocating(null)} />
      <ReversePaymentDialog currency={currency} payment={reversing} onClose={() => setReversing(null)} />
    </>
  );
}

/** The policy's billing: what is owed and overdue, its invoices (with late fees), the installment schedule, payments and refunds; Take payment, Refund, Write off, Waive fee. */
export function PolicyBillingPanel({ policyId, cardLast4 }: { policyId: string; cardLast4: string | null }) {
  const { can } = useAuth();
  const billing = usePolicyBilling(policyId, can('billing:read'));
  const refunds = usePolicyRefunds(policyId, can('billing:read') && can('payments:read'));
  const [paying, setPaying] = useState(false);
  const [refunding, setRefunding] = useState<RefundSource | null>(null);
  const [writingOff, setWritingOff] = useState<Invoice | null>(null);
  const [waiving, setWaiving] = useState<FeeToWaive | null>(null);
  const [voiding, setVoiding] = useState<Invoice | null>(null);
  if (!can('billing:read')) return null;
  const mayWriteOff = can('invoices:write-off');
  const mayVoid = can('invoices:void');
  const onWaive = can('fees:waive') ? setWaiving : undefined;
  // Credit already held by credit refunds waiting for approval is not offered again.
  const creditAvailable = billing.data ? creditRefundable(billing.data.credit, refunds.data?.items ?? []) : 0;
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
            <RecordTable
              aria-label="Invoices"
              minWidth={520}
              verticalSpacing={6}
              rows={[...billing.data.invoices].reverse()}
              columns={invoiceColumns(billing.data.currency, mayWriteOff ? setWritingOff : undefined, mayVoid ? setVoiding : undefined)}
              rowLabel={(i) => i.invoiceNumber}
              idPrefix="invoice"
              rowProps={() => ({ 'data-testid': 'invoice-row' })}
              subRows={(i, narrow) =>
                i.lines
                  .filter((l) => l.kind === 'late_fee')
                  .map((l) => (
                    <LateFeeRow key={l.id} invoice={i} line={l} currency={billing.data.currency} onWaive={onWaive} actionsColumn={mayWriteOff || mayVoid} narrow={narrow} />
                  ))
              }
            />
          )}
          <InstallmentSchedule billing={billing.data} />
          <div>
            <Group justify="space-between" mb={4}>
              <Text fw={600} size="sm">
                Payments
              </Text>
            </Group>
            <PaymentsTable policyId={policyId} currency={billing.data.currency} refunds={refunds.data?.items} onRefund={setRefunding} />
          </div>
          <div>
            <Group justify="space-between" mb={4}>
              <Text fw={600} size="sm">
                Refunds
              </Text>
              {can('refunds:request') && creditAvailable > 0 && (
                <Button size="compact-xs" variant="default" onClick={() => setRefunding({ kind: 'credit', available: creditAvailable })}>
                  Refund credit
                </Button>
              )}
            </Group>
            {refunds.isPending ? (
              <LoadingState label="Loading refunds…" />
            ) : refunds.error ? (
              <ErrorState error={refunds.error} onRetry={() => void refunds.refetch()} />
            ) : refunds.data.items.length === 0 ? (
              <Text size="sm" c="dimmed">
                No refunds.
              </Text>
            ) : (
              <RefundsTable refunds={refunds.data.items} />
            )}
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
      {billing.data && <RequestRefundModal opened={!!refunding} onClose={() => setRefunding(null)} policyId={policyId} currency={billing.data.currency} source={refunding} />}
      {billing.data && <WriteOffModal opened={!!writingOff} onClose={() => setWritingOff(null)} invoice={writingOff} currency={billing.data.currency} />}
      {billing.data && <WaiveLateFeeDialog policyId={policyId} currency={billing.data.currency} fee={waiving} onClose={() => setWaiving(null)} />}
      {billing.data && <VoidInvoiceDialog policyId={policyId} currency={billing.data.currency} invoice={voiding} onClose={() => setVoiding(null)} />}
    </Panel>
  );
}
