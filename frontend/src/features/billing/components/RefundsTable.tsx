import type { Refund } from '@contracts/billing';
import type { RefundAwaitingApproval } from '@contracts/billing';
import { Anchor, Badge, Button, Group, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { RecordTable, type RecordColumn } from '@/components/RecordTable';
import { CustomerName } from '@/components/RecordCells';
import type { ListSort } from '@/components/SortableHeader';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { PAYMENT_METHOD_LABELS, REFUND_STATUS_COLORS, REFUND_STATUS_LABELS } from '../billing-labels';
import { RefundActionDialog, type RefundAction } from './RefundActionDialog';

/** What the signed-in user may do with a refund now. */
function useRefundActions() {
  const { user, can } = useAuth();
  return (refund: Refund): RefundAction[] => {
    const mine = refund.requestedBy === user?.id;
    const approver = can('refunds:approve');
    if (refund.status === 'requested') return [...(approver && !mine ? (['approve', 'reject'] as const) : []), ...(mine || approver ? (['cancel'] as const) : [])];
    if (refund.status === 'approved' && refund.method !== 'card' && approver) return ['paid', 'failed'];
    return [];
  };
}

const LABELS: Record<RefundAction, string> = { approve: 'Approve', reject: 'Reject', cancel: 'Cancel request', paid: 'Record payout', failed: 'Payout failed' };

/** Refunds with their status and, for whoever may act, Approve / Reject / Cancel / Record payout. */
export function RefundsTable({
  refunds,
  showPolicy = false,
  label = 'Refunds',
  sort,
}: {
  /** With `customer` (the approvals list), a Customer column links to each customer's page. */
  refunds: (Refund & Partial<Pick<RefundAwaitingApproval, 'customer'>>)[];
  showPolicy?: boolean;
  label?: string;
  /** Sortable Refund (when requested) and Amount headers. */
  sort?: ListSort;
}) {
  const showCustomer = refunds.some((r) => r.customer);
  const actionsOf = useRefundActions();
  const { user } = useAuth();
  const [open, setOpen] = useState<{ refund: Refund; action: RefundAction } | null>(null);
  type Row = Refund & Partial<Pick<RefundAwaitingApproval, 'customer'>>;
  const columns: RecordColumn<Row>[] = [
    {
      header: 'Refund',
      priority: 'key',
      sortField: 'createdAt',
      cell: (r) => (
        <>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {r.refundNumber}
          </Text>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {formatDate(r.requestedAt)}
            {r.requestedBy === user?.id ? ', by you' : ''}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={2} title={r.reason}>
            {r.reason}
          </Text>
        </>
      ),
    },
    ...(showCustomer ? [{ header: 'Customer', cell: (r: Row) => r.customer && <CustomerName customer={r.customer} /> }] : []),
    ...(showPolicy
      ? [
          {
            header: 'Policy',
            cell: (r: Refund) =>
              r.policyId ? (
                <Anchor component={Link} to={`/policies/${r.policyId}`} size="sm">
                  {r.policyNumber}
                </Anchor>
              ) : (
                '—'
              ),
          },
        ]
      : []),
    {
      header: 'Of',
      cell: (r) => (
        <>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {r.source === 'payment' ? r.paymentNumber : 'Credit'}
          </Text>
          <Text size="xs" c="dimmed">
            {PAYMENT_METHOD_LABELS[r.method]}
          </Text>
        </>
      ),
    },
    { header: 'Amount', numeric: true, priority: 'key', sortField: 'amount', firstDirection: 'descending', cell: (r) => formatMoney(r.amount, r.currency) },
    {
      header: 'Status',
      priority: 'key',
      cell: (r) => (
        <Badge
          color={REFUND_STATUS_COLORS[r.status]}
          variant="light"
          title={r.failureReason ?? r.decisionNote ?? undefined}
          // Never squeezed to an ellipsis by a long reason in the first column.
          style={{ minWidth: 'max-content' }}
        >
          {REFUND_STATUS_LABELS[r.status]}
        </Badge>
      ),
    },
    {
      header: <VisuallyHidden>Actions</VisuallyHidden>,
      label: 'Actions',
      cell: (r) => (
        <Group gap={4} justify="flex-end">
          {actionsOf(r).map((action) => (
            <Button
              key={action}
              size="compact-xs"
              variant={action === 'approve' || action === 'paid' ? 'filled' : 'default'}
              onClick={() => setOpen({ refund: r, action })}
              aria-label={`${LABELS[action]} ${r.refundNumber}`}
            >
              {LABELS[action]}
            </Button>
          ))}
        </Group>
      ),
    },
  ];
  return (
    <>
      <RecordTable
        aria-label={label}
        minWidth={560}
        verticalSpacing={6}
        rows={refunds}
        columns={columns}
        sort={sort}
        rowLabel={(r) => r.refundNumber}
        idPrefix="refund"
        rowProps={() => ({ 'data-testid': 'refund-row' })}
      />
      <RefundActionDialog refund={open?.refund ?? null} action={open?.action ?? null} onClose={() => setOpen(null)} />
    </>
  );
}
