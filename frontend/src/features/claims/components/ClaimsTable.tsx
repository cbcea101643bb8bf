import type { ClaimSummary } from '@contracts/claims';
import { Badge, Group, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { CustomerName, RecordNumberLink } from '@/components/RecordCells';
import { type RecordColumn, RecordTable } from '@/components/RecordTable';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { LOSS_TYPE_LABELS, REFERRAL_STATUS_COLORS, claimPath } from '../claim-labels';
import { ClaimStatusBadge } from './ClaimStatusBadge';

const COLUMNS: RecordColumn<ClaimSummary>[] = [
  { header: 'Claim', priority: 'key', w: 110, cell: (claim) => <RecordNumberLink to={claimPath(claim.id)} number={claim.claimNumber} /> },
  { header: 'Customer', priority: 'key', cell: (claim) => <CustomerName customer={claim.customer} /> },
  {
    header: 'Loss',
    cell: (claim) => (
      <>
        <Text size="sm">{LOSS_TYPE_LABELS[claim.lossType]}</Text>
        <Text size="xs" c="dimmed">
          {formatDate(claim.lossDate)} · {claim.policy.policyNumber}
        </Text>
      </>
    ),
  },
  {
    header: 'Status',
    priority: 'key',
    w: 200,
    cell: (claim) => (
      <Group gap={4}>
        <ClaimStatusBadge status={claim.status} />
        {claim.coverageDoubtful && (
          <Badge variant="outline" color="orange" size="sm">
            Coverage doubtful
          </Badge>
        )}
        {claim.referralStatus && claim.referralStatus !== 'cleared' && (
          <Badge variant="light" color={REFERRAL_STATUS_COLORS[claim.referralStatus]} size="sm">
            {claim.referralStatus === 'open' ? 'Referred' : 'Referral upheld'}
          </Badge>
        )}
        {claim.fastTrackStatus === 'paid' && (
          <Badge variant="light" color="teal" size="sm">
            Fast-tracked
          </Badge>
        )}
        {claim.fastTrackReview === 'pending' && (
          <Badge variant="outline" color="orange" size="sm">
            Review sample
          </Badge>
        )}
      </Group>
    ),
  },
  { header: 'Claimed', w: 130, numeric: true, cell: (claim) => <Text size="sm">{claim.claimedAmount !== null ? formatMoney(claim.claimedAmount, claim.currency) : '—'}</Text> },
  { header: 'Adjuster', w: 150, cell: (claim) => <Text size="sm">{claim.assignee?.name ?? 'Unassigned'}</Text> },
  { header: 'Age', w: 80, numeric: true, cell: (claim) => <Text size="sm">{claim.ageDays !== null ? `${claim.ageDays} d` : '—'}</Text> },
];

export function ClaimsTable({ claims }: { claims: ClaimSummary[] }) {
  const navigate = useNavigate();
  return (
    <RecordTable
      aria-label="Claims"
      minWidth={900}
      rows={claims}
      columns={COLUMNS}
      rowLabel={(claim) => claim.claimNumber}
      idPrefix="claim"
      onRowClick={(claim) => navigate(claimPath(claim.id))}
    />
  );
}
