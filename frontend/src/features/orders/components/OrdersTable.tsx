import type { OrderSummary } from '@contracts/orders';
import { Table, Text } from '@mantine/core';
import { useNavigate } from 'react-router';
import { AmountCell, CustomerCell, RecordNumberCell } from '@/components/RecordCells';
import { formatSum } from '@/features/quotes';
import { formatDate } from '@/lib/format-date';
import { formatMoney } from '@/lib/money';
import { orderPath } from '../order-paths';
import { OrderStatusBadge } from './OrderStatusBadge';

/** A click anywhere on a row opens the application; its number is the link keyboard users tab to. */
export function OrdersTable({ orders }: { orders: OrderSummary[] }) {
  const navigate = useNavigate();
  return (
    <Table.ScrollContainer minWidth={920} type="native">
      <Table verticalSpacing="sm" highlightOnHover aria-label="Applications">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>Application</Table.Th>
            <Table.Th>Customer</Table.Th>
            <Table.Th>Product</Table.Th>
            <Table.Th w={190}>Status</Table.Th>
            <Table.Th w={140} ta="right">
              Annual premium
            </Table.Th>
            <Table.Th w={130} ta="right">
              Sum insured
            </Table.Th>
            <Table.Th w={140}>Agent</Table.Th>
            <Table.Th w={110}>Started</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {orders.map((order) => (
            <Table.Tr key={order.id} onClick={() => navigate(orderPath(order.id))} style={{ cursor: 'pointer' }} data-status={order.status}>
              <RecordNumberCell to={orderPath(order.id)} number={order.orderNumber} />
              <CustomerCell customer={order.customer} />
              <Table.Td>
                <Text size="sm">{order.product.name}</Text>
              </Table.Td>
              <Table.Td>
                <OrderStatusBadge status={order.status} />
              </Table.Td>
              <AmountCell>
                <Text size="sm">{formatMoney(order.annualPremium, order.currency)}</Text>
              </AmountCell>
              <AmountCell>
                <Text size="sm">{formatSum(order.sumInsured, order.currency)}</Text>
              </AmountCell>
              <Table.Td>
                <Text size="sm" truncate="end">
                  {order.agent.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDate(order.createdAt.slice(0, 10))}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
