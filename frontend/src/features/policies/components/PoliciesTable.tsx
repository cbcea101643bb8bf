import type { PolicySummary } from '@contracts/policies';
import { Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { CustomerName, RecordNumberLink } from '@/components/RecordCells';
import { type RecordColumn, RecordTable } from '@/components/RecordTable';
import type { ListSort } from '@/components/SortableHeader';
import { formatSum } from '@/features/quotes';
import { formatDate } from '@/lib/format-date';
import { paymentWording, premiumFigure } from '@/lib/money';
import { policyPath } from '../policy-paths';
import { PolicyStatusBadge } from './PolicyStatusBadge';

const COLUMNS: RecordColumn<PolicySummary>[] = [
  { header: 'Policy', priority: 'key', w: 110, sortField: 'policyNumber', cell: (policy) => <RecordNumberLink to={policyPath(policy.id)} number={policy.policyNumber} /> },
  { header: 'Customer', priority: 'key', sortField: 'customerName', cell: (policy) => <CustomerName customer={policy.customer} /> },
  { header: 'Product', cell: (policy) => <Text size="sm">{policy.product.name}</Text> },
  { header: 'Status', priority: 'key', w: 110, sortField: 'status', cell: (policy) => <PolicyStatusBadge status={policy.status} /> },
  {
    header: 'Premium',
    priority: 'key',
    w: 170,
    numeric: true,
    sortField: 'annualPremium',
    firstDirection: 'descending',
    cell: (policy) => (
      <>
        <Text size="sm">{premiumFigure(policy.annualPremium, policy.currency, policy.paymentFrequency)}</Text>
        <Text size="xs" c="dimmed">
          {paymentWording(policy)}
        </Text>
      </>
    ),
  },
  { header: 'Sum insured', w: 130, numeric: true, cell: (policy) => <Text size="sm">{formatSum(policy.sumInsured, policy.currency)}</Text> },
  {
    header: 'Cover',
    w: 210,
    sortField: 'startDate',
    firstDirection: 'descending',
    cell: (policy) => (
      <Text size="sm">
        {formatDate(policy.startDate)} – {formatDate(policy.endDate)}
      </Text>
    ),
  },
];

export function PoliciesTable({ policies, sort }: { policies: PolicySummary[]; sort?: ListSort }) {
  const navigate = useNavigate();
  return (
    <RecordTable
      aria-label="Policies"
      minWidth={900}
      rows={policies}
      columns={COLUMNS}
      sort={sort}
      rowLabel={(policy) => policy.policyNumber}
      idPrefix="policy"
      onRowClick={(policy) => navigate(policyPath(policy.id))}
    />
  );
}
