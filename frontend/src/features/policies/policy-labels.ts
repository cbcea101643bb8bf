import type { PolicyStatus } from '@contracts/policies';

export const POLICY_STATUS_LABELS: Record<PolicyStatus, string> = {
  active: 'Active',
  lapsed: 'Lapsed',
  cancelled: 'Cancelled',
  expired: 'Expired',
  surrendered: 'Surrendered',
};

export const POLICY_STATUS_COLORS: Record<PolicyStatus, string> = {
  active: 'teal',
  lapsed: 'orange',
  cancelled: 'red',
  expired: 'gray',
  surrendered: 'dark',
};
