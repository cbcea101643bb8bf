import type { OverdueItem } from '@contracts/billing';
import { Anchor, Badge, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import { RecordNumberLink } from '@/components/RecordCells';
import { type RecordColumn, RecordTable } from '@/components/RecordTable';
import type { ListSort } from '@/components/SortableHeader';
import { formatDate, formatDateTime } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { customerPagePath, policyPagePath } from '../billing-paths';
import { CONTACT_KIND_LABELS } from '../billing-labels';

/** Red after two months, orange after one, yellow before. */
const daysColor = (days: number) => (days > 60 ? 'red' : days > 30 ? 'orange' : 'yellow');

const COLUMNS: RecordColumn<OverdueItem & { id: string }>[] = [
  { header: 'Policy', priority: 'key', w: 120, cell: (row) => <RecordNumberLink to={policyPagePath(row.policyId)} number={row.policyNumber} /> },
  {
    header: 'Customer',
    priority: 'key',
    cell: (row) => (
      <>
        <Anchor component={Link} to={customerPagePath(row.customer.id)} size="sm" fw={500} onClick={(event) => event.stopPropagation()}>
          {row.customer.name}
        </Anchor>
        <Text size="xs" c="dimmed" ff="monospace">
          {row.customer.customerNumber}
        </Text>
      </>
    ),
  },
  {
    header: 'Days past due',
    w: 150,
    sortField: 'daysPastDue',
    firstDirection: 'descending',
    cell: (row) => (
      <>
        <Badge color={daysColor(row.daysPastDue)} variant="light" data-testid="days-past-due">
          {row.daysPastDue} {row.daysPastDue === 1 ? 'day' : 'days'}
        </Badge>
        <Text size="xs" c="dimmed">
          since {formatDate(row.overdueSince)}
        </Text>
      </>
    ),
  },
  {
    header: 'Overdue',
    priority: 'key',
    w: 160,
    numeric: true,
    sortField: 'amount',
    firstDirection: 'descending',
    cell: (row) => (
      <>
        <Text size="sm" fw={600} c="red">
          {formatMoney(row.overdueAmount, row.currency)}
        </Text>
        <Text size="xs" c="dimmed">
          {row.overdueInvoices} {row.overdueInvoices === 1 ? 'invoice' : 'invoices'}
        </Text>
      </>
    ),
  },
  {
    header: 'Last contact',
    w: 260,
    cell: (row) =>
      row.lastContact ? (
        <>
          <Text size="sm">
            {formatDateTime(row.lastContact.at)} · {CONTACT_KIND_LABELS[row.lastContact.kind] ?? row.lastContact.kind}
          </Text>
          <Text size="xs" c="dimmed">
            {row.lastContact.summary}
          </Text>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          None recorded
        </Text>
      ),
  },
];

/** The overdue worklist: a row opens the policy; the customer's name opens the customer. */
export function OverdueTable({ rows, sort }: { rows: OverdueItem[]; sort?: ListSort }) {
  const navigate = useNavigate();
  return (
    <RecordTable
      aria-label="Overdue policies"
      minWidth={820}
      rows={rows.map((row) => ({ ...row, id: row.policyId }))}
      columns={COLUMNS}
      rowLabel={(row) => row.policyNumber}
      idPrefix="overdue"
      sort={sort}
      onRowClick={(row) => navigate(policyPagePath(row.policyId))}
    />
  );
}
