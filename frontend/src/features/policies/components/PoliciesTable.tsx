import type { PolicySummary } from '@contracts/policies';
import { Table, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { AmountCell, CustomerCell, RecordNumberCell } from '@/components/RecordCells';
import { formatSum, FREQUENCY_LABELS } from '@/features/quotes';
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
              <RecordNumberCell to={policyPath(policy.id)} number={policy.policyNumber} />
              <CustomerCell customer={policy.customer} />
              <Table.Td>
                <Text size="sm">{policy.product.name}</Text>
              </Table.Td>
              <Table.Td>
                <PolicyStatusBadge status={policy.status} />
              </Table.Td>
              <AmountCell>
                <Text size="sm">{formatMoney(policy.annualPremium, policy.currency)}</Text>
                <Text size="xs" c="dimmed">
                  {FREQUENCY_LABELS[policy.paymentFrequency]}
                </Text>
              </AmountCell>
              <AmountCell>
                <Text size="sm">{formatSum(policy.sumInsured, policy.currency)}</Text>
              </AmountCell>
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
