import type { OrderStatus } from '@contracts/orders';
import { Badge } from '@mantine/core';
import type { MantineSize } from '@mantine/core';
import { ORDER_STATUS_COLORS, ORDER_STATUS_HINTS, ORDER_STATUS_LABELS } from '../order-labels';

export function OrderStatusBadge({ status, size = 'sm' }: { status: OrderStatus; size?: MantineSize }) {
  return (
    <Badge variant="light" color={ORDER_STATUS_COLORS[status]} size={size} title={ORDER_STATUS_HINTS[status]}>
      {ORDER_STATUS_LABELS[status]}
    </Badge>
  );
}
