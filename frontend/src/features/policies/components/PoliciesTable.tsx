import type { PolicySummary } from '@contracts/policies';
import { Anchor, Table, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { FREQUENCY_LABELS } from '@/features/quotes/quote-labels';
import { formatSum } from '@/features/quotes/quote-money';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { policyPath } from '../policy-paths';
import { PolicyStatusBadge } from './PolicyStatusBadge';

export function PoliciesTable({ policies }: { policies: PolicySummary[] }) {
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={900} type="native">
      <Table verticalSpacing="sm" highlightOnHover aria-label="Policies">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>Policy</Table.Th>
            <Table.Th>Customer</Table.Th>
            <Table.Th>Product</Table.Th>
            <Table.Th w={110}>Status</Table.Th>
            <Table.Th w={170} ta="right">
              Annual premium
            </Table.Th>
            <Table.Th w={130} ta="right">
              Sum insured
            </Table.Th>
            <Table.Th w={210}>Cover</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {policies.map((policy) => (
            <Table.Tr key={policy.id} onClick={() => navigate(policyPath(policy.id))} style={{ cursor: 'pointer' }}>
              <Table.Td>
                <Anchor component={Link} to={policyPath(policy.id)} ff="monospace" size="sm" fw={600} onClick={(event) => event.stopPropagation()}>
                  {policy.policyNumber}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {policy.customer.name}
                </Text>
                <Text size="xs" c="dimmed" ff="monospace">
                  {policy.customer.customerNumber}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{policy.product.name}</Text>
              </Table.Td>
              <Table.Td>
                <PolicyStatusBadge status={policy.status} />
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                <Text size="sm">{formatMoney(policy.annualPremium, policy.currency)}</Text>
                <Text size="xs" c="dimmed">
                  {FREQUENCY_LABELS[policy.paymentFrequency]}
                </Text>
              </Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                <Text size="sm">{formatSum(policy.sumInsured, policy.currency)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {formatDate(policy.startDate)} – {formatDate(policy.endDate)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
