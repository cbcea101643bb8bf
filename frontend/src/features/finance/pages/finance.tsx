import type { AccountingPeriod } from '@contracts/finance';
import { Badge, Button, Group, Paper, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { PageHeader } from '@/components/PageHeader';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate, formatDateTime } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { usePeriods, useTrialBalance } from '../api/finance';
import { PeriodStepDialog } from '../components/PeriodStepDialog';
import { JournalExportsPanel } from '../components/JournalExportsPanel';
import { PremiumRegisterPanel } from '../components/PremiumRegisterPanel';
import { ReceivablesAgingPanel } from '../components/ReceivablesAgingPanel';
import { StatementPanel } from '../components/StatementPanel';
import { monthLabel } from '../finance-format';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function PeriodsPanel({ onStep }: { onStep: (period: AccountingPeriod, action: 'close' | 'reopen') => void }) {
  const { can } = useAuth();
  const query = usePeriods();
  if (query.isPending) return <LoadingState label="Loading the accounting periods…" />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const { items, firstOpenDate, earnedThrough } = query.data;
  const latestClosed = items.find((p) => p.status === 'closed')?.month;
  const mayClose = can('finance:close');
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        The books accept entries dated from {formatDate(firstOpenDate)}. Months close in order, once they have ended and premium is earned through their last day (
        {earnedThrough ? `earned through ${formatDate(earnedThrough)}` : 'not earned yet'}).
      </Text>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="sm" aria-label="Accounting periods">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Month</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Closed</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((p) => (
              <Table.Tr key={p.month}>
                <Table.Td>{monthLabel(p.month)}</Table.Td>
                <Table.Td>
                  <Badge color={p.status === 'closed' ? 'gray' : 'teal'} variant="light">
                    {p.status === 'closed' ? 'Closed' : 'Open'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {p.closedAt ? (
                    <Text size="sm">
                      {formatDateTime(p.closedAt)} by {p.closedBy?.name}
                    </Text>
                  ) : (
                    (p.history.at(-1)?.event === 'reopened' && (
                      <Text size="sm" c="dimmed">
                        Reopened by {p.history.at(-1)!.by.name}: {p.history.at(-1)!.reason}
                      </Text>
                    )) ||
                    '—'
                  )}
                </Table.Td>
                <Table.Td ta="right">
                  {mayClose && p.closable && (
                    <Button size="xs" onClick={() => onStep(p, 'close')}>
                      Close…
                    </Button>
                  )}
                  {mayClose && p.month === latestClosed && (
                    <Button size="xs" variant="default" onClick={() => onStep(p, 'reopen')}>
                      Reopen…
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function TrialBalancePanel({ defaultDate }: { defaultDate: string }) {
  const [typed, setTyped] = useState(defaultDate);
  const asOf = ISO_DATE.test(typed) ? typed : null;
  const query = useTrialBalance(asOf);
  return (
    <Stack gap="xs">
      <TextInput
        label="As of"
        description="Entries dated on or before this day"
        type="date"
        w={200}
        value={typed}
        onChange={(e) => setTyped(e.currentTarget.value)}
        error={asOf ? undefined : 'Use the format YYYY-MM-DD'}
      />
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.data ? (
        asOf && <LoadingState label="Loading the trial balance…" />
      ) : (
        <>
          <Group gap="xs">
            {query.data.currencies.map((c) => (
              <Badge key={c.currency} color={c.balanced ? 'teal' : 'red'} variant="light" size="lg">
                {c.currency}: debits {formatMoney(c.debits, c.currency)} · credits {formatMoney(c.credits, c.currency)} · {c.balanced ? 'balanced' : 'does not balance'}
              </Badge>
            ))}
          </Group>
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing={6} aria-label="Trial balance">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Account</Table.Th>
                  <Table.Th ta="right">Debits</Table.Th>
                  <Table.Th ta="right">Credits</Table.Th>
                  <Table.Th ta="right">Balance</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.accounts.map((a) => (
                  <Table.Tr key={`${a.kind}-${a.currency}`}>
                    <Table.Td>
                      <Text size="sm">{a.description}</Text>
                      <Text size="xs" c="dimmed">
                        {a.kind} · {a.currency}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{formatMoney(a.debits, a.currency)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(a.credits, a.currency)}</Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {formatMoney(a.balance, a.currency)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}

/** /finance — the monthly close and the trial balance at a date (finance roles and managers). */
export function FinancePage() {
  const [step, setStep] = useState<{ period: AccountingPeriod; action: 'close' | 'reopen' } | null>(null);
  const today = new Date().toISOString().slice(0, 10);
  const periods = usePeriods().data?.items ?? [];
  const months = periods.map((p) => p.month);
  const closedMonths = periods.filter((p) => p.status === 'closed').map((p) => p.month);
  return (
    <Stack gap="lg">
      <PageHeader
        title="Finance"
        description="Close each month once it has ended and the ledger balances; read the trial balance on any day."
        actions={
          <Button component={Link} to="/reports" variant="default" leftSection={<IconDownload size={16} />}>
            Export to CSV or Excel
          </Button>
        }
      />
      <Paper withBorder p="md" component="section" aria-labelledby="periods-title">
        <Title order={2} size="h4" id="periods-title" mb="sm">
          Accounting periods
        </Title>
        <PeriodsPanel onStep={(period, action) => setStep({ period, action })} />
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="statement-title">
        <Title order={2} size="h4" id="statement-title" mb="sm">
          Monthly statement
        </Title>
        {months.length > 0 && <StatementPanel months={months} />}
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="register-title">
        <Title order={2} size="h4" id="register-title" mb="sm">
          Premium register
        </Title>
        {months.length > 0 && <PremiumRegisterPanel months={months} />}
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="trial-title">
        <Title order={2} size="h4" id="trial-title" mb="sm">
          Trial balance
        </Title>
        <TrialBalancePanel defaultDate={today} />
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="aging-title">
        <Title order={2} size="h4" id="aging-title" mb="sm">
          Receivables aging
        </Title>
        <ReceivablesAgingPanel />
      </Paper>
      <Paper withBorder p="md" component="section" aria-labelledby="exports-title">
        <Title order={2} size="h4" id="exports-title" mb="sm">
          Journal exports
        </Title>
        <JournalExportsPanel closedMonths={closedMonths} />
      </Paper>
      {step && <PeriodStepDialog period={step.period} action={step.action} onClose={() => setStep(null)} />}
    </Stack>
  );
}
