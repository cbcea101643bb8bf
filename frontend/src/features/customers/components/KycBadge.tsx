import type { KycStatus } from '@contracts/customers';
import { Badge } from '@mantine/core';
import type { MantineSize } from '@mantine/core';
import { KYC_STATUS_LABELS } from '../customer-labels';

const COLORS: Record<KycStatus, string> = {
  not_started: 'gray',
  pending: 'yellow',
  verified: 'teal',
  rejected: 'red',
  expired: 'orange',
};

interface KycBadgeProps {
  status: KycStatus;
  size?: MantineSize;
  /** "KYC verified" on its own; just "Verified" under a KYC column heading. */
  prefixed?: boolean;
}

export function KycBadge({ status, size = 'sm', prefixed = true }: KycBadgeProps) {
  const label = KYC_STATUS_LABELS[status];
  return (
    <Badge variant="dot" color={COLORS[status]} size={size}>
      {prefixed ? `KYC ${label.toLowerCase()}` : label}
    </Badge>
  );
}
