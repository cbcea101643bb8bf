import type { Policy, PolicyTransaction } from '@contracts/policies';
import type { ProductDefinition } from '@contracts/products';
import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorState } from '@/components/ErrorState';
import { Panel } from '@/components/Panel';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { usePolicyTransactions, usePolicyVersions } from '../api/policy-transactions';
import { POLICY_TRANSACTION_STATUS_COLORS, POLICY_TRANSACTION_STATUS_LABELS, POLICY_TRANSACTION_TYPE_LABELS } from '../policy-labels';
import { billingText } from '../billing-effect';
import { CancelPolicyModal, ChangePolicyModal, QuotedChange } from './ChangePolicyModal';
import { QuotedReinstatement } from './ReinstatePolicyModal';
import { QuotedSurrender, SurrenderPolicyModal } from './SurrenderPolicyModal';

function premiumChange(tx: PolicyTransaction, currency: string): string {
  if (!tx.quote) return '—';
  const d = tx.quote.premiumDelta;
  if (d === 0) return 'None';
  return d > 0 ? `+${formatMoney(d, currency)}` : `−${formatMoney(-d, currency)}`;
}

/**
 * The policy's changes: the timeline of transactions (each with its pro-rata amount and billing
 * effect; a quoted one can be opened to issue or discard), the versions of its terms, and the
 * Change button for those who service policies.
 */
export function PolicyChangesPanel({ policy, definition }: { policy: Policy; definition: ProductDefinition | undefined }) {
  const { can } = useAuth();
  const transactions = usePolicyTransactions(policy.id);
  const versions = usePolicyVersions(policy.id);
  const [changing, setChanging] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [surrendering, setSurrendering] = useState(false);
  // A policy in grace is still in force: it can be changed or cancelled like an active one.
  const inForce = policy.status === 'active' || policy.status === 'grace';
  const mayCancel = can('policies:service') && inForce;
  const [open, setOpen] = useState<PolicyTransaction | null>(null);
  // A trip's cover and single premium are fixed (the API refuses such changes); its beneficiaries change through the API only for now.
  const mayChange = can('policies:service') && inForce && !policy.trip;
  // Only a product with a cash-value table (whole life) can be surrendered.
  const maySurrender = can('policies:service') && inForce && definition?.cashValues !== undefined;
  const latest = versions.data?.[0];

  return (
    <Panel
      title="Changes"
      aside={
        (mayChange || mayCancel) && (
          <Group gap="xs">
            {maySurrender && (
              <Button size="xs" variant="default" onClick={() => setSurrendering(true)}>
                Surrender…
              </Button>
            )}
            {mayCancel && (
              <Button size="xs" variant="default" color="red" onClick={() => setCancelling(true)}>
                Cancel policy
              </Button>
            )}
            {mayChange && (
              <Button size="xs" leftSection={<IconPencil size={14} />} onClick={() => setChanging(true)}>
                Change policy
              </Button>
            )}
          </Group>
        )
      }
    >
      {transactions.error ? (
        <ErrorState error={transactions.error} onRetry={() => void transactions.refetch()} />
      ) : transactions.data?.length ? (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={6} aria-label="Policy changes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Change</Table.Th>
                <Table.Th>Effective</Table.Th>
                <Table.Th w={170}>Status</Table.Th>
                <Table.Th ta="right">This year</Table.Th>
                <Table.Th>Billing</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {transactions.data.map((tx) => (
                <Table.Tr key={tx.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {tx.transactionNumber} · {POLICY_TRANSACTION_TYPE_LABELS[tx.type]}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {tx.reason}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(tx.effectiveDate)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Group gap={6} wrap="nowrap">
                      {tx.status === 'draft' && tx.referral?.status === 'pending' ? (
                        <Badge variant="light" color="orange">
                          Referred
                        </Badge>
                      ) : (
                        <Badge variant="light" color={POLICY_TRANSACTION_STATUS_COLORS[tx.status]}>
                          {POLICY_TRANSACTION_STATUS_LABELS[tx.status]}
                        </Badge>
                      )}
                      {(tx.status === 'quoted' || tx.status === 'draft') && can('policies:service') && (
                        <Button size="compact-xs" variant="subtle" onClick={() => setOpen(tx)}>
                          Open
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                    {premiumChange(tx, policy.currency)}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs">{billingText(tx, policy.currency)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : (
        <Text size="sm" c="dimmed">
          {transactions.isPending ? 'Loading…' : 'No changes since issue.'}
        </Text>
      )}
      {versions.data && versions.data.length > 0 && (
        <Stack gap={2} mt="sm" aria-label="Versions of the terms">
          {versions.data.map((v) => (
            <Text key={v.version} size="xs" c="dimmed">
              Version {v.version} from {formatDate(v.effectiveFrom)}
              {v.transaction ? ` (${v.transaction.transactionNumber})` : ' (issued)'}: {formatMoney(v.terms.annualPremium, policy.currency)} a year
              {v.version === latest?.version ? ' — current' : ''}
            </Text>
          ))}
        </Stack>
      )}
      {surrendering && <SurrenderPolicyModal policy={policy} onClose={() => setSurrendering(false)} />}
      {cancelling && <CancelPolicyModal opened onClose={() => setCancelling(false)} policy={policy} forCause={can('policies:cancel-for-cause')} />}
      {changing && <ChangePolicyModal opened onClose={() => setChanging(false)} policy={policy} terms={latest?.terms} definition={definition} />}
      <Modal opened={open !== null} onClose={() => setOpen(null)} title={open ? `${open.transactionNumber}: the change, priced` : ''} size="xl">
        {open &&
          (open.type === 'reinstatement' ? (
            <QuotedReinstatement tx={open} policy={policy} onDone={() => setOpen(null)} />
          ) : open.type === 'surrender' ? (
            <QuotedSurrender tx={open} policy={policy} onDone={() => setOpen(null)} />
          ) : (
            <QuotedChange tx={open} policy={policy} definition={definition} onDone={() => setOpen(null)} />
          ))}
      </Modal>
    </Panel>
  );
}
