import type { Policy } from '@contracts/policies';
import { Alert, Anchor, DataList, Grid, Group, List, Paper, Stack, Table, Text } from '@mantine/core';
import { IconArrowLeft, IconCreditCard } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ErrorState } from '@/components/ErrorState';
import { LoadingState } from '@/components/LoadingState';
import { StatusTimeline } from '@/components/StatusTimeline';
import { HistoryPanel } from '@/features/audit';
import { LedgerPanel, PolicyBillingPanel } from '@/features/billing';
import { Fact } from '@/components/Fact';
import { Panel } from '@/components/Panel';
import { GENDER_LABELS } from '@/features/customers';
import { BeneficiariesTable, INSURED_RELATIONSHIP_LABELS, paymentMethodText } from '@/features/orders';
import { usePolicy } from '@/features/policies/api/get-policy';
import { CashValueLine } from '@/features/policies/components/CashValueLine';
import { PolicyChangesPanel } from '@/features/policies/components/PolicyChangesPanel';
import { PendingRenewalPanel } from '@/features/policies/components/PendingRenewalPanel';
import { PolicyHeader } from '@/features/policies/components/PolicyHeader';
import { PolicySchedulesPanel } from '@/features/policies/components/PolicySchedulesPanel';
import { PolicyPanels } from '@/features/policies/policy-actions';
import { PolicyStandingBanner } from '@/features/policies/components/PolicyStandingBanner';
import { POLICY_STATUS_COLORS, POLICY_STATUS_LABELS } from '@/features/policies/policy-labels';
import { POLICIES_PATH } from '@/features/policies/policy-paths';
import { formatSum, productVersionQueryOptions } from '@/features/quotes';
import { formatDate, formatDateTime } from '@/lib/format-date';
import { formatMoney, premiumLabel, premiumPeriodWording } from '@/lib/money';
import { policyPeriodWording, tripWithDestination } from '@/lib/term-wording';

/** The figures the customer asks for: the premium and what they pay when, the sum insured. */
function PremiumPanel({ policy, hasCashValues }: { policy: Policy; hasCashValues: boolean }) {
  const { count, amount, firstAmount } = policy.installments;
  return (
    <Paper withBorder p="md" component="section" aria-label="Premium" shadow="xs">
      <Stack gap={4}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {premiumLabel(policy.paymentFrequency)}
        </Text>
        <Text fz={30} fw={700} lh={1.15} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid="policy-premium">
          {formatMoney(policy.annualPremium, policy.currency)}
        </Text>
        <Text fw={500} data-testid="premium-payment">
          {premiumPeriodWording({ annualPremium: policy.annualPremium, paymentFrequency: policy.paymentFrequency, installmentAmount: amount })}
        </Text>
        {count > 1 && firstAmount !== amount && (
          <Text size="sm" c="dimmed">
            The first installment is {formatMoney(firstAmount, policy.currency)}.
          </Text>
        )}
        <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt="sm">
          Sum insured
        </Text>
        <Text fz={20} fw={600}>
          {formatSum(policy.sumInsured, policy.currency)}
        </Text>
        <Text size="sm" c="dimmed" data-testid="policy-period">
          {policy.trip ? tripWithDestination(policy.trip) : policyPeriodWording(policy)}
        </Text>
        <CashValueLine policy={policy} hasTable={hasCashValues} />
      </Stack>
    </Paper>
  );
}

/** /policies/:id */
export function PolicyDetailPage() {
  const { id = '' } = useParams();
  const { data: policy, error, isPending, refetch } = usePolicy(id);
  const versionId = policy?.product.versionId ?? '';
  const version = useQuery({ ...productVersionQueryOptions(versionId), enabled: versionId !== '' });
  const back = (
    <Anchor component={Link} to={POLICIES_PATH} size="sm">
      <IconArrowLeft size={14} style={{ verticalAlign: 'middle' }} /> Policies
    </Anchor>
  );
  if (isPending) return <LoadingState label="Loading the policy…" />;
  if (error) {
    return (
      <Stack gap="md" maw={640}>
        {back}
        <ErrorState error={error} onRetry={() => void refetch()} />
      </Stack>
    );
  }
  const coverageName = (code: string) => version.data?.definition.coverages.find((c) => c.code === code)?.name ?? code;
  const rated = policy.extraPremiumPercent !== null || policy.exclusions.length > 0;
  const insured = policy.insured;

  return (
    <Stack gap="md">
      {back}
      <PolicyHeader policy={policy} />
      <PolicyStandingBanner policy={policy} />
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <Panel title="Coverages">
              <Table verticalSpacing={6} aria-label="Coverages">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Coverage</Table.Th>
                    <Table.Th ta="right">Sum insured</Table.Th>
                    <Table.Th ta="right">Deductible</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {policy.coverages.map((c) => (
                    <Table.Tr key={c.code}>
                      <Table.Td>{coverageName(c.code)}</Table.Td>
                      <Table.Td ta="right">{c.sumInsured > 0 ? formatSum(c.sumInsured, policy.currency) : 'Included (flat)'}</Table.Td>
                      <Table.Td ta="right">{c.deductible !== undefined ? formatSum(c.deductible, policy.currency) : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {rated ? (
                <Alert color="orange" variant="light" mt="sm" p="sm" title="Underwriting terms">
                  {policy.extraPremiumPercent !== null && <Text size="sm">Extra premium of {policy.extraPremiumPercent} % on the quoted premium.</Text>}
                  {policy.exclusions.length > 0 && (
                    <>
                      <Text size="sm">Not covered:</Text>
                      <List size="sm">
                        {policy.exclusions.map((e) => (
                          <List.Item key={e}>{e}</List.Item>
                        ))}
                      </List>
                    </>
                  )}
                </Alert>
              ) : (
                <Text size="sm" c="dimmed" mt="sm">
                  Issued as quoted: no extra premium, no exclusions.
                </Text>
              )}
            </Panel>
            <PendingRenewalPanel policy={policy} definition={version.data?.definition} />
            <PolicyChangesPanel policy={policy} definition={version.data?.definition} />
            <PolicyBillingPanel policyId={policy.id} cardLast4={policy.paymentMethod?.type === 'card' ? policy.paymentMethod.last4 : null} />
            <Panel title="People">
              <DataList labelWidth={150} size="sm" mb="sm">
                <Fact label="Insured person">
                  {insured
                    ? `${insured.firstName} ${insured.lastName}, born ${formatDate(insured.dateOfBirth)}, ${GENDER_LABELS[insured.gender].toLowerCase()} — ${INSURED_RELATIONSHIP_LABELS[insured.relationship].toLowerCase()} of the policyholder`
                    : `The policyholder, ${policy.customer.name}`}
                </Fact>
              </DataList>
              <BeneficiariesTable beneficiaries={policy.beneficiaries} />
            </Panel>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <PremiumPanel policy={policy} hasCashValues={version.data?.definition.cashValues !== undefined} />
            <PolicyPanels policy={policy} />
            <PolicySchedulesPanel policyId={policy.id} />
            <Panel title="Payment method">
              {policy.paymentMethod ? (
                <Group gap="sm" wrap="nowrap">
                  <IconCreditCard size={20} aria-hidden />
                  <div>
                    <Text size="sm" fw={500}>
                      {paymentMethodText(policy.paymentMethod)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      Holder: {policy.paymentMethod.holderName}
                    </Text>
                  </div>
                </Group>
              ) : (
                <Text size="sm" c="dimmed">
                  None recorded
                </Text>
              )}
            </Panel>
            <Panel title="Status">
              <StatusTimeline history={policy.history} labels={POLICY_STATUS_LABELS} colors={POLICY_STATUS_COLORS} />
              <Text size="xs" c="dimmed" mt="xs">
                Issued {formatDateTime(policy.issuedAt)}
              </Text>
            </Panel>
          </Stack>
        </Grid.Col>
      </Grid>
      {/* Managers and admins (ledger:read): the policy's ledger entries; nothing for other roles. */}
      <LedgerPanel owner={{ policyId: policy.id }} />
      <HistoryPanel entityType="policy" entityId={policy.id} />
    </Stack>
  );
}
