import type { ClaimStatus } from '@contracts/claims';
import { Badge } from '@mantine/core';
import type { MantineSize } from '@mantine/core';
import { CLAIM_STATUS_COLORS, CLAIM_STATUS_LABELS } from '../claim-labels';

export function ClaimStatusBadge({ status, size = 'sm', 'data-testid': testId }: { status: ClaimStatus; size?: MantineSize; 'data-testid'?: string }) {
  return (
    <Badge variant="light" color={CLAIM_STATUS_COLORS[status]} size={size} data-testid={testId}>
      {CLAIM_STATUS_LABELS[status]}
    </Badge>
  );
}
