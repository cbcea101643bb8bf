import type { Refund } from '@contracts/billing';
import type { RefundAwaitingApproval } from '@contracts/billing';
import { Anchor, Badge, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { CustomerName } from '@/components/RecordCells';
import { type ListSort, SortableHeader } from '@/components/SortableHeader';
import { useAuth } from '@/lib/auth/auth-context';
import { formatDate } from '@/lib/format-date';
import { ariaSort } from '@/lib/list-sort';
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
  const sortHeader = (text: string, field: string) =>
    sort ? <SortableHeader label={text} field={field} sort={sort} firstDirection={field === 'amount' ? 'descending' : 'ascending'} /> : text;
  const ariaSortOf = (field: string) => (sort ? ariaSort(sort.value, field) : undefined);
  const actionsOf = useRefundActions();
  const { user } = useAuth();
  const [open, setOpen] = useState<{ refund: Refund; action: RefundAction } | null>(null);
  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing={6} aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th aria-sort={ariaSortOf('createdAt')}>{sortHeader('Refund', 'createdAt')}</Table.Th>
              {showCustomer && <Table.Th>Customer</Table.Th>}
              {showPolicy && <Table.Th>Policy</Table.Th>}
              <Table.Th>Of</Table.Th>
              <Table.Th ta="right" aria-sort={ariaSortOf('amount')}>
                {sortHeader('Amount', 'amount')}
              </Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {refunds.map((r) => {
              const actions = actionsOf(r);
              return (
                <Table.Tr key={r.id} data-testid="refund-row">
                  <Table.Td>
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
                  </Table.Td>
                  {showCustomer && <Table.Td>{r.customer && <CustomerName customer={r.customer} />}</Table.Td>}
                  {showPolicy && (
                    <Table.Td>
                      {r.policyId ? (
                        <Anchor component={Link} to={`/policies/${r.policyId}`} size="sm">
                          {r.policyNumber}
                        </Anchor>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  )}
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {r.source === 'payment' ? r.paymentNumber : 'Credit'}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {PAYMENT_METHOD_LABELS[r.method]}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                    {formatMoney(r.amount, r.currency)}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge
                      color={REFUND_STATUS_COLORS[r.status]}
                      variant="light"
                      title={r.failureReason ?? r.decisionNote ?? undefined}
                      // Never squeezed to an ellipsis by a long reason in the first column.
                      style={{ minWidth: 'max-content' }}
                    >
                      {REFUND_STATUS_LABELS[r.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end">
                      {actions.map((action) => (
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
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <RefundActionDialog refund={open?.refund ?? null} action={open?.action ?? null} onClose={() => setOpen(null)} />
    </>
  );
}
