import type { PolicyStatus } from '@contracts/policies';
import { Badge } from '@mantine/core';
import type { MantineSize } from '@mantine/core';
import { POLICY_STATUS_COLORS, POLICY_STATUS_LABELS } from '../policy-labels';

export function PolicyStatusBadge({ status, size = 'sm' }: { status: PolicyStatus; size?: MantineSize }) {
  return (
    <Badge variant="light" color={POLICY_STATUS_COLORS[status]} size={size}>
      {POLICY_STATUS_LABELS[status]}
    </Badge>
  );
}
