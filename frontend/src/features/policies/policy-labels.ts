import type { PolicyStatus, PolicyTransaction, PolicyTransactionStatus } from '@contracts/policies';

export const POLICY_STATUS_LABELS: Record<PolicyStatus, string> = {
  active: 'Active',
  grace: 'In grace',
  lapsed: 'Lapsed',
  cancelled: 'Cancelled',
  expired: 'Expired',
  surrendered: 'Surrendered',
  terminated: 'Terminated (death)',
};

export const POLICY_STATUS_COLORS: Record<PolicyStatus, string> = {
  active: 'teal',
  grace: 'yellow',
  lapsed: 'orange',
  cancelled: 'red',
  expired: 'gray',
  surrendered: 'dark',
  terminated: 'dark',
};

export const POLICY_TRANSACTION_TYPE_LABELS: Record<PolicyTransaction['type'], string> = {
  endorsement: 'Endorsement',
  renewal: 'Renewal',
  cancellation: 'Cancellation',
  reinstatement: 'Reinstatement',
  lapse: 'Lapse',
  surrender: 'Surrender',
  termination: 'Termination on death',
};

export const POLICY_TRANSACTION_STATUS_LABELS: Record<PolicyTransactionStatus, string> = {
  draft: 'Draft',
  quoted: 'Quoted',
  issued: 'Issued',
  discarded: 'Discarded',
};

export const POLICY_TRANSACTION_STATUS_COLORS: Record<PolicyTransactionStatus, string> = {
  draft: 'gray',
  quoted: 'blue',
  issued: 'teal',
  discarded: 'gray',
};
