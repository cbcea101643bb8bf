import { Badge } from '@mantine/core';
import type { MantineSize } from '@mantine/core';
import { PRODUCT_STATUS_LABELS } from '../product-labels';
import type { ProductStatus } from '../product-labels';

const COLORS: Record<ProductStatus, string> = { draft: 'blue', active: 'teal', retired: 'gray' };

export function ProductStatusBadge({ status, size = 'sm' }: { status: ProductStatus; size?: MantineSize }) {
  return (
    <Badge variant="light" color={COLORS[status]} size={size}>
      {PRODUCT_STATUS_LABELS[status]}
    </Badge>
  );
}
