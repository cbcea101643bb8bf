import type { Policy, PolicyTransaction } from '@contracts/policies';
import type { ProductDefinition } from '@contracts/products';
import { Badge, Grid, Stack, Text } from '@mantine/core';
import { Panel } from '@/components/Panel';
import { WorksheetTable } from '@/features/quotes';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { usePolicyTransactions } from '../api/policy-transactions';
import { RenewalDecision } from './RenewalDecision';

function Side({ title, age, version, premium, children }: { title: string; age: number; version: number; premium: string; children?: React.ReactNode }) {
  return (
    <Stack gap={4}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {title}
      </Text>
      <Text fw={700} data-testid={`${title.toLowerCase().replace(/\W+/g, '-')}-premium`}>
        {premium} a year
      </Text>
      <Text size="xs" c="dimmed">
        Insured aged {age}, product version {version}
      </Text>
      {children}
    </Stack>
  );
}

/**
 * The renewal offered for this policy, if any: the current and the renewal premium side by side (age,
 * product version, each worksheet), and Accept / Decline for those who service policies.
 */
export function PendingRenewalPanel({ policy, definition }: { policy: Policy; definition: ProductDefinition | undefined }) {
  const { can } = useAuth();
  const transactions = usePolicyTransactions(policy.id);
  const pending: PolicyTransaction | undefined = transactions.data?.find((tx) => tx.type === 'renewal' && tx.status === 'quoted');
  const r = pending?.quote?.renewal;
  if (!pending || !r || !pending.quote) return null;
  const currency = policy.currency;
  const q = pending.quote;
  const rising = q.newAnnualPremium > q.oldAnnualPremium;
  return (
    <Panel
      title="Renewal offered"
      aside={
        <Badge variant="light" color={rising ? 'orange' : 'teal'} data-testid="renewal-change">
          {rising ? '+' : ''}
          {r.changePercent}%
        </Badge>
      }
    >
      <Stack gap="sm" aria-label="Pending renewal">
        <Text size="sm">
          {pending.transactionNumber}: the next term from {formatDate(r.renewalDate)} to {formatDate(r.newEndDate)}.
          {r.autoRenew.applies
            ? ' Renews by itself on the renewal date unless the customer declines.'
            : r.autoRenew.productAllows
              ? ` The rise is ${r.autoRenew.maxIncreasePercent}% or more: it renews only when accepted.`
              : ' It renews only when accepted.'}
        </Text>
        <Grid>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Side title="Now" age={r.oldAge} version={r.oldProductVersion.versionNumber} premium={formatMoney(q.oldAnnualPremium, currency)}>
              {r.oldWorksheet && (
                <WorksheetTable
                  price={{ currency, annualPremium: q.oldAnnualPremium, installments: policy.installments, worksheet: r.oldWorksheet }}
                  definition={r.oldProductVersion.id === r.newProductVersion.id ? definition : undefined}
                  coverages={policy.coverages}
                />
              )}
            </Side>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <Side title="Renewal" age={r.newAge} version={r.newProductVersion.versionNumber} premium={formatMoney(q.newAnnualPremium, currency)}>
              {pending.newTerms && (
                <WorksheetTable
                  price={{ currency, annualPremium: q.newAnnualPremium, installments: pending.newTerms.installments, worksheet: q.worksheet }}
                  definition={r.oldProductVersion.id === r.newProductVersion.id ? definition : undefined}
                  coverages={pending.newTerms.coverages}
                />
              )}
            </Side>
          </Grid.Col>
        </Grid>
        {can('policies:service') && (
          <RenewalDecision tx={{ ...pending, newAnnualPremium: q.newAnnualPremium }} currency={currency} policyNumber={policy.policyNumber} onDone={() => undefined} />
        )}
      </Stack>
    </Panel>
  );
}
