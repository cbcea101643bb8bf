import type { ClaimStatus } from '@contracts/claims';
import { Badge } from '@mantine/core';
import type { MantineSize } from '@mantine/core';
import { CLAIM_STATUS_COLORS, CLAIM_STATUS_LABELS } from '../claim-labels';

export function ClaimStatusBadge({ status, size = 'sm' }: { status: ClaimStatus; size?: MantineSize }) {
  return (
    <Badge variant="light" color={CLAIM_STATUS_COLORS[status]} size={size}>
      {CLAIM_STATUS_LABELS[status]}
    </Badge>
  );
}
