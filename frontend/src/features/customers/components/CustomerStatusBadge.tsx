import { Badge } from '@mantine/core';
import type { MantineSize } from '@mantine/core';
import { CUSTOMER_STATUS_LABELS } from '../customer-labels';
import type { CustomerStatusValue } from '../customer-labels';

const COLORS: Record<CustomerStatusValue, string> = {
  prospect: 'blue',
  active: 'teal',
  inactive: 'gray',
  deceased: 'dark',
  merged: 'violet',
};

export function CustomerStatusBadge({ status, size = 'sm' }: { status: CustomerStatusValue; size?: MantineSize }) {
  return (
    <Badge variant="light" color={COLORS[status]} size={size}>
      {CUSTOMER_STATUS_LABELS[status]}
    </Badge>
  );
}
