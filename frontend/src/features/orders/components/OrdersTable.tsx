import type { OrderSummary } from '@contracts/orders';
import { Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { CustomerName, RecordNumberLink } from '@/components/RecordCells';
import { type RecordColumn, RecordTable } from '@/components/RecordTable';
import type { ListSort } from '@/components/SortableHeader';
import { formatSum } from '@/features/quotes';
import { formatDate } from '@/lib/format-date';
import { premiumFigure } from '@/lib/money';
import { orderPath } from '../order-paths';
import { OrderStatusBadge } from './OrderStatusBadge';

const COLUMNS: RecordColumn<OrderSummary>[] = [
  { header: 'Application', priority: 'key', w: 120, sortField: 'orderNumber', cell: (order) => <RecordNumberLink to={orderPath(order.id)} number={order.orderNumber} /> },
  { header: 'Customer', priority: 'key', sortField: 'customerName', cell: (order) => <CustomerName customer={order.customer} /> },
  { header: 'Product', cell: (order) => <Text size="sm">{order.product.name}</Text> },
  { header: 'Status', priority: 'key', w: 190, sortField: 'status', cell: (order) => <OrderStatusBadge status={order.status} /> },
  {
    header: 'Premium',
    priority: 'key',
    w: 170,
    numeric: true,
    sortField: 'annualPremium',
    firstDirection: 'descending',
    cell: (order) => <Text size="sm">{premiumFigure(order.annualPremium, order.currency, order.paymentFrequency)}</Text>,
  },
  { header: 'Sum insured', w: 130, numeric: true, cell: (order) => <Text size="sm">{formatSum(order.sumInsured, order.currency)}</Text> },
  {
    header: 'Agent',
    w: 140,
    cell: (order) => (
      <Text size="sm" truncate="end">
        {order.agent.name}
      </Text>
    ),
  },
  { header: 'Started', w: 110, sortField: 'createdAt', firstDirection: 'descending', cell: (order) => <Text size="sm">{formatDate(order.createdAt.slice(0, 10))}</Text> },
];

/** A click anywhere on a row opens the application; its number is the link keyboard users tab to. */
export function OrdersTable({ orders, sort }: { orders: OrderSummary[]; sort?: ListSort }) {
  const navigate = useNavigate();
  return (
    <RecordTable
      aria-label="Applications"
      minWidth={920}
      rows={orders}
      columns={COLUMNS}
      rowLabel={(order) => order.orderNumber}
      idPrefix="order"
      sort={sort}
      onRowClick={(order) => navigate(orderPath(order.id))}
      rowProps={(order) => ({ 'data-status': order.status })}
    />
  );
}
