import type { RenewalItem } from '@contracts/policies';
import { Anchor, Badge, Button, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { RecordNumberLink } from '@/components/RecordCells';
import { type RecordColumn, RecordTable } from '@/components/RecordTable';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { policyPath } from '../policy-paths';
import { NON_RENEWAL_LABELS, RenewalDecision } from './RenewalDecision';

const STATUS_COLORS: Record<RenewalItem['status'], string> = { offered: 'blue', accepted: 'teal', declined: 'gray' };
const STATUS_LABELS: Record<RenewalItem['status'], string> = { offered: 'Offered', accepted: 'Accepted', declined: 'Declined' };
type Row = RenewalItem & { id: string };

/** The renewal worklist: a row opens the policy; an offered renewal can be accepted or declined in place. */
export function RenewalsTable({ rows }: { rows: RenewalItem[] }) {
  const navigate = useNavigate();
  const { can } = useAuth();
  const [open, setOpen] = useState<RenewalItem | null>(null);
  const columns: RecordColumn<Row>[] = [
    { header: 'Policy', priority: 'key', w: 130, cell: (row) => <RecordNumberLink to={policyPath(row.policy.id)} number={row.policy.policyNumber} /> },
    {
      header: 'Customer',
      priority: 'key',
      cell: (row) => (
        <>
          <Anchor component={Link} to={`/customers/${row.customer.id}`} size="sm" fw={500} onClick={(event) => event.stopPropagation()}>
            {row.customer.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {row.policy.productName}
          </Text>
        </>
      ),
    },
    { header: 'Renewal date', w: 130, cell: (row) => formatDate(row.renewalDate) },
    {
      header: 'Status',
      w: 190,
      cell: (row) => (
        <>
          <Badge variant="light" color={STATUS_COLORS[row.status]} data-testid="renewal-status">
            {STATUS_LABELS[row.status]}
          </Badge>
          {row.nonRenewalReason && (
            <Text size="xs" c="dimmed">
              {NON_RENEWAL_LABELS[row.nonRenewalReason]}
            </Text>
          )}
        </>
      ),
    },
    { header: 'Premium now', numeric: true, w: 140, cell: (row) => formatMoney(row.oldAnnualPremium, row.currency) },
    {
      header: 'Renewal premium',
      priority: 'key',
      numeric: true,
      w: 160,
      cell: (row) =>
        row.newAnnualPremium === null ? (
          '—'
        ) : (
          <>
            <Text size="sm" fw={600}>
              {formatMoney(row.newAnnualPremium, row.currency)}
            </Text>
            <Text size="xs" c={row.newAnnualPremium > row.oldAnnualPremium ? 'orange' : 'dimmed'}>
              {row.newAnnualPremium > row.oldAnnualPremium ? '+' : ''}
              {row.changePercent}%
            </Text>
          </>
        ),
    },
    { header: 'Agent', w: 150, cell: (row) => row.agent.name },
    {
      header: 'Action',
      label: 'Decide',
      w: 110,
      cell: (row) =>
        row.status === 'offered' && can('policies:service') ? (
          <Button
            size="compact-xs"
            variant="light"
            onClick={(event) => {
              event.stopPropagation();
              setOpen(row);
            }}
          >
            Decide…
          </Button>
        ) : null,
    },
  ];
  return (
    <>
      <RecordTable
        aria-label="Renewals due"
        minWidth={960}
        rows={rows.map((row) => ({ ...row, id: row.transactionId }))}
        columns={columns}
        rowLabel={(row) => row.policy.policyNumber}
        idPrefix="renewal"
        onRowClick={(row) => navigate(policyPath(row.policy.id))}
      />
      <Modal opened={open !== null} onClose={() => setOpen(null)} title={open ? `Renewal of ${open.policy.policyNumber} (${open.transactionNumber})` : ''}>
        {open && (
          <RenewalDecision
            tx={{ id: open.transactionId, version: open.version, effectiveDate: open.renewalDate, newAnnualPremium: open.newAnnualPremium }}
            currency={open.currency}
            policyNumber={open.policy.policyNumber}
            onDone={() => setOpen(null)}
          />
        )}
      </Modal>
    </>
  );
}
